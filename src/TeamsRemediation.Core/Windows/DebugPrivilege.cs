using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// SeDebugPrivilege of this process, enabled while at least one scope is open and put back as it was after the last. OpenProcess:
    /// "If the caller has enabled the SeDebugPrivilege privilege, the requested access is granted regardless of the contents of the
    /// security descriptor". An elevated administrator's token holds it disabled, and a standard user's process DACL grants
    /// Administrators nothing, so without it another user's Teams has no readable owner and cannot be stopped. SYSTEM holds it enabled;
    /// a standard user does not hold it (AdjustTokenPrivileges then reports ERROR_NOT_ALL_ASSIGNED and nothing changes).
    /// </summary>
    internal static class DebugPrivilege
    {
        private const string Name = "SeDebugPrivilege";

        private static readonly object Gate = new object();
        private static int holders;
        private static NativeMethods.LuidAndAttributesPrivilege? enabledByUs;

        /// <summary>Enables the privilege when the token holds it; the scope's end disables it again if it was disabled before.</summary>
        public static IDisposable Enable()
        {
            lock (Gate)
            {
                if (holders++ == 0)
                {
                    enabledByUs = Adjust(NativeMethods.SePrivilegeEnabled);
                }
            }

            return new Scope();
        }

        /// <summary>Sets the privilege's attributes; returns the previous state when it changed, null when it did not (or is not held).</summary>
        private static NativeMethods.LuidAndAttributesPrivilege? Adjust(int attributes)
        {
            if (!NativeMethods.OpenProcessTokenOfPseudoHandle(NativeMethods.GetCurrentProcess(),
                NativeMethods.TokenAdjustPrivileges | NativeMethods.TokenQuery, out var token))
            {
                token.Dispose();
                return null;
            }

            using (token)
            {
                if (!NativeMethods.LookupPrivilegeValueW(null, Name, out var luid))
                {
                    throw new Win32Exception(Marshal.GetLastWin32Error(), "Could not look up " + Name + ".");
                }

                var wanted = new NativeMethods.LuidAndAttributesPrivilege { PrivilegeCount = 1, Luid = luid, Attributes = attributes };
                var previous = new NativeMethods.LuidAndAttributesPrivilege();
                var ok = NativeMethods.AdjustTokenPrivileges(token, false, ref wanted, Marshal.SizeOf(typeof(NativeMethods.LuidAndAttributesPrivilege)),
                    ref previous, out _);

                // Success with ERROR_NOT_ALL_ASSIGNED means the token does not hold the privilege: nothing changed.
                if (!ok || Marshal.GetLastWin32Error() == NativeMethods.ErrorNotAllAssigned)
                {
                    return null;
                }

                // PreviousState lists only the privileges whose state changed: none when it was enabled already.
                return previous.PrivilegeCount == 0 ? (NativeMethods.LuidAndAttributesPrivilege?)null : previous;
            }
        }

        private sealed class Scope : IDisposable
        {
            private bool disposed;

            public void Dispose()
            {
                lock (Gate)
                {
                    if (disposed)
                    {
                        return;
                    }

                    disposed = true;
                    if (--holders == 0 && enabledByUs != null)
                    {
                        Adjust(enabledByUs.Value.Attributes);
                        enabledByUs = null;
                    }
                }
            }
        }
    }
}
