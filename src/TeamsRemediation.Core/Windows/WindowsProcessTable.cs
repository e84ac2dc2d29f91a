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
    /// ms-teams), session and token owner (the right user's Teams, not every session's), and when each started, so that
    /// a process id Windows has meanwhile given to another process is never ended or waited for in its place.
    /// </summary>
    public sealed class WindowsProcessTable : IProcessTable
    {
        public IReadOnlyList<ProcessInfo> List()
        {
            var processes = new List<ProcessInfo>();
            foreach (var entry in ProcessSnapshot.Take())
            {
                var sessionId = NativeMethods.ProcessIdToSessionId(entry.ProcessId, out var session) ? session : -1;
                string? imagePath = null;
                DateTime? started = null;
                if (entry.ProcessId != 0)
                {
                    using (var process = NativeMethods.OpenProcess(NativeMethods.ProcessQueryLimitedInformation, false, entry.ProcessId))
                    {
                        if (!process.IsInvalid)
                        {
                            imagePath = ProcessIdentity.ImagePath(process);
                            started = ProcessIdentity.StartTimeUtc(process);
                        }
                    }
                }

                processes.Add(new ProcessInfo(
                    entry.ProcessId,
                    DisplayName(entry.ProcessId, entry.ExeFile),
                    entry.ParentId,
                    sessionId,
                    entry.ProcessId == 0 ? null : TokenReader.TryGetProcessOwnerSid(entry.ProcessId),
                    imagePath,
                    started));
            }

            return processes;
        }

        public ProcessKillOutcome Kill(ProcessInfo listed)
        {
            if (listed is null)
            {
                throw new ArgumentNullException(nameof(listed));
            }

            // Query rights too: the identity is read on the very handle that terminates, so the id cannot change hands in between.
            var access = NativeMethods.ProcessTerminate | NativeMethods.Synchronize | NativeMethods.ProcessQueryLimitedInformation;
            using (var process = NativeMethods.OpenProcess(access, false, listed.Id))
            {
                if (process.IsInvalid)
                {
                    var error = Marshal.GetLastWin32Error();

                    // ERROR_INVALID_PARAMETER is what OpenProcess says for an id that no longer exists.
                    if (error == NativeMethods.ErrorInvalidParameter)
                    {
                        return ProcessKillOutcome.AlreadyGone;
                    }

                    throw ProcessFailure(error, listed.Id, "stop");
                }

                // An exited process stays openable while anyone holds a handle to it (its id is not reused meanwhile), and its image
                // may no longer be readable: it is gone, as asked.
                if (NativeMethods.WaitForSingleObject(process, 0) == NativeMethods.WaitObject0)
                {
                    return ProcessKillOutcome.AlreadyGone;
                }

                if (!listed.IsSameProcessAs(ProcessIdentity.DisplayName(process), ProcessIdentity.StartTimeUtc(process)))
                {
                    return ProcessKillOutcome.IdReused;
                }

                if (!NativeMethods.TerminateProcess(process, 1))
                {
                    var error = Marshal.GetLastWin32Error();

                    // TerminateProcess on a process that is already exiting fails with access denied; it is gone, as asked.
                    if (NativeMethods.WaitForSingleObject(process, 0) == NativeMethods.WaitObject0)
                    {
                        return ProcessKillOutcome.AlreadyGone;
                    }

                    throw ProcessFailure(error, listed.Id, "stop");
                }

                return ProcessKillOutcome.Ended;
            }
        }

        public IDisposable ActOnOtherUsers() => TokenPrivilege.Enable(TokenPrivilege.Debug);

        public bool WaitForExit(ProcessInfo listed, TimeSpan timeout)
        {
            if (listed is null)
            {
                throw new ArgumentNullException(nameof(listed));
            }

            var access = NativeMethods.Synchronize | NativeMethods.ProcessQueryLimitedInformation;
            using (var process = NativeMethods.OpenProcess(access, false, listed.Id))
            {
                if (process.IsInvalid)
                {
                    var error = Marshal.GetLastWin32Error();
                    if (error == NativeMethods.ErrorInvalidParameter)
                    {
                        return true;
                    }

                    throw ProcessFailure(error, listed.Id, "wait for");
                }

                // The id names another process now: the listed one is gone, whatever this one does. (An exited process still open
                // somewhere keeps its id, so it is never mistaken for another; the wait below sees it signalled.)
                if (NativeMethods.WaitForSingleObject(process, 0) != NativeMethods.WaitObject0
                    && !listed.IsSameProcessAs(ProcessIdentity.DisplayName(process), ProcessIdentity.StartTimeUtc(process)))
                {
                    return true;
                }

                var result = NativeMethods.WaitForSingleObject(process, Milliseconds(timeout));
                if (result == NativeMethods.WaitFailed)
                {
                    throw ProcessFailure(Marshal.GetLastWin32Error(), listed.Id, "wait for");
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

            return NameOfImage(exeFile);
        }

        /// <summary>An image file name without ".exe" (ms-teams.exe is ms-teams).</summary>
        internal static string NameOfImage(string exeFile) =>
            exeFile.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? exeFile.Substring(0, exeFile.Length - 4) : exeFile;

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
