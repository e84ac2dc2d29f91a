using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Processes of this Windows PC with the facts needed to tell whose they are: parent (WebView2 children of
    /// ms-teams), session and token owner (the right user's Teams, not every session's).
    /// </summary>
    public sealed class WindowsProcessTable : IProcessTable
    {
        public IReadOnlyList<ProcessInfo> List()
        {
            var processes = new List<ProcessInfo>();
            foreach (var entry in ProcessSnapshot.Take())
            {
                var sessionId = NativeMethods.ProcessIdToSessionId(entry.ProcessId, out var session) ? session : -1;
                processes.Add(new ProcessInfo(
                    entry.ProcessId,
                    DisplayName(entry.ProcessId, entry.ExeFile),
                    entry.ParentId,
                    sessionId,
                    entry.ProcessId == 0 ? null : TokenReader.TryGetProcessOwnerSid(entry.ProcessId),
                    ImagePath(entry.ProcessId)));
            }

            return processes;
        }

        /// <summary>
        /// Posts WM_CLOSE to every top-level window the process owns. EnumWindows sees only the caller's own desktop,
        /// so from SYSTEM (session 0) a user's Teams has no window to ask and this answers false: the caller then kills.
        /// </summary>
        public bool RequestClose(int processId)
        {
            var posted = 0;
            NativeMethods.EnumWindowsProc callback = (hwnd, _) =>
            {
                NativeMethods.GetWindowThreadProcessId(hwnd, out var owner);

                // PostMessage to a higher-integrity process fails (UIPI): such a window does not count as asked.
                if (owner == processId && NativeMethods.PostMessageW(hwnd, NativeMethods.WmClose, IntPtr.Zero, IntPtr.Zero))
                {
                    posted++;
                }

                return true;
            };

            NativeMethods.EnumWindows(callback, IntPtr.Zero);
            GC.KeepAlive(callback);
            return posted > 0;
        }

        public void Kill(int processId)
        {
            using (var process = NativeMethods.OpenProcess(NativeMethods.ProcessTerminate | NativeMethods.Synchronize, false, processId))
            {
                if (process.IsInvalid)
                {
                    var error = Marshal.GetLastWin32Error();

                    // ERROR_INVALID_PARAMETER is what OpenProcess says for an id that no longer exists.
                    if (error == NativeMethods.ErrorInvalidParameter)
                    {
                        return;
                    }

                    throw ProcessFailure(error, processId, "stop");
                }

                if (!NativeMethods.TerminateProcess(process, 1))
                {
                    var error = Marshal.GetLastWin32Error();

                    // TerminateProcess on a process that is already exiting fails with access denied; it is gone, as asked.
                    if (NativeMethods.WaitForSingleObject(process, 0) == NativeMethods.WaitObject0)
                    {
                        return;
                    }

                    throw ProcessFailure(error, processId, "stop");
                }
            }
        }

        public IDisposable ActOnOtherUsers() => TokenPrivilege.Enable(TokenPrivilege.Debug);

        public bool WaitForExit(int processId, TimeSpan timeout)
        {
            using (var process = NativeMethods.OpenProcess(NativeMethods.Synchronize, false, processId))
            {
                if (process.IsInvalid)
                {
                    var error = Marshal.GetLastWin32Error();
                    if (error == NativeMethods.ErrorInvalidParameter)
                    {
                        return true;
                    }

                    throw ProcessFailure(error, processId, "wait for");
                }

                var result = NativeMethods.WaitForSingleObject(process, Milliseconds(timeout));
                if (result == NativeMethods.WaitFailed)
                {
                    throw ProcessFailure(Marshal.GetLastWin32Error(), processId, "wait for");
                }

                return result == NativeMethods.WaitObject0;
            }
        }

        public int Start(string executablePath, string arguments)
        {
            var startInfo = new ProcessStartInfo(executablePath, arguments ?? string.Empty) { UseShellExecute = false };
            using (var process = Process.Start(startInfo))
            {
                if (process == null)
                {
                    throw new InvalidOperationException("Windows started no process for " + executablePath + ".");
                }

                return process.Id;
            }
        }

        /// <summary>The name Get-Process shows: the image name without ".exe"; pid 0 is "Idle" there, not "[System Process]".</summary>
        internal static string DisplayName(int processId, string exeFile)
        {
            if (processId == 0)
            {
                return "Idle";
            }

            return exeFile.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? exeFile.Substring(0, exeFile.Length - 4) : exeFile;
        }

        internal static uint Milliseconds(TimeSpan timeout)
        {
            if (timeout <= TimeSpan.Zero)
            {
                return 0;
            }

            // INFINITE is 0xFFFFFFFF: stay one below so a very long timeout never turns into "wait forever".
            return timeout.TotalMilliseconds >= NativeMethods.Infinite - 1 ? NativeMethods.Infinite - 1
                : (uint)Math.Ceiling(timeout.TotalMilliseconds);
        }

        private static string? ImagePath(int processId)
        {
            if (processId == 0)
            {
                return null;
            }

            using (var process = NativeMethods.OpenProcess(NativeMethods.ProcessQueryLimitedInformation, false, processId))
            {
                if (process.IsInvalid)
                {
                    return null;
                }

                // Paths may exceed MAX_PATH (long path support); grow up to the 32,767-character limit.
                for (var capacity = 1024; capacity <= 32768; capacity *= 2)
                {
                    var buffer = new char[capacity];
                    var length = buffer.Length;
                    if (NativeMethods.QueryFullProcessImageNameW(process, 0, buffer, ref length))
                    {
                        return new string(buffer, 0, length);
                    }

                    if (Marshal.GetLastWin32Error() != NativeMethods.ErrorInsufficientBuffer)
                    {
                        return null;
                    }
                }

                return null;
            }
        }

        private static Exception ProcessFailure(int error, int processId, string action)
        {
            var cause = new Win32Exception(error);
            var message = "Could not " + action + " process " + processId + ": " + cause.Message;
            if (error == NativeMethods.ErrorAccessDenied)
            {
                return new UnauthorizedAccessException(message + ". Acting on another user's process needs SYSTEM or an elevated administrator "
                    + "(whose SeDebugPrivilege the module enables); a protected process refuses both.", cause);
            }

            return new Win32Exception(error, message);
        }
    }
}
