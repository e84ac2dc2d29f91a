using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// A privilege of this process's token, enabled while at least one scope for it is open and put back as it was after the last.
    /// AdjustTokenPrivileges changes the whole process, so scopes are counted per privilege. A caller whose token does not hold the
    /// privilege gets ERROR_NOT_ALL_ASSIGNED from Windows and a scope that changes nothing.
    /// </summary>
    internal static class TokenPrivilege
    {
        /// <summary>
        /// OpenProcess: "If the caller has enabled the SeDebugPrivilege privilege, the requested access is granted regardless of the
        /// contents of the security descriptor". An elevated administrator holds it disabled; a standard user's process DACL grants
        /// Administrators nothing, so without it another user's Teams has no readable owner and cannot be stopped. SYSTEM has it enabled.
        /// </summary>
        public const string Debug = "SeDebugPrivilege";

        private static readonly object Gate = new object();
        private static readonly Dictionary<string, Holding> Held = new Dictionary<string, Holding>(StringComparer.Ordinal);

        /// <summary>Enables the privilege when the token holds it; the scope's end disables it again if it was disabled before.</summary>
        public static IDisposable Enable(string name)
        {
            lock (Gate)
            {
                if (!Held.TryGetValue(name, out var holding))
                {
                    holding = new Holding();
                    Held[name] = holding;
                }

                if (holding.Count++ == 0)
                {
                    holding.Previous = Adjust(name, NativeMethods.SePrivilegeEnabled, out var held);
                    holding.IsHeld = held;
                }

                return new Scope(name);
            }
        }

        /// <summary>Whether the token holds the privilege while a scope for it is open (false when no scope is).</summary>
        public static bool IsHeld(string name)
        {
            lock (Gate)
            {
                return Held.TryGetValue(name, out var holding) && holding.Count > 0 && holding.IsHeld;
            }
        }

        /// <summary>Sets the privilege's attributes; returns the previous state when it changed, null when it did not (or is not held).</summary>
        private static NativeMethods.LuidAndAttributesPrivilege? Adjust(string name, int attributes, out bool held)
        {
            held = false;
            if (!NativeMethods.OpenProcessTokenOfPseudoHandle(NativeMethods.GetCurrentProcess(),
                NativeMethods.TokenAdjustPrivileges | NativeMethods.TokenQuery, out var token))
            {
                token.Dispose();
                return null;
            }

            using (token)
            {
                // A name this Windows does not know is a privilege no token holds: nothing to enable, as for a caller without it.
                if (!NativeMethods.LookupPrivilegeValueW(null, name, out var luid))
                {
                    return null;
                }

                var wanted = new NativeMethods.LuidAndAttributesPrivilege { PrivilegeCount = 1, Luid = luid, Attributes = attributes };
                var previous = new NativeMethods.LuidAndAttributesPrivilege();
                var size = Marshal.SizeOf(typeof(NativeMethods.LuidAndAttributesPrivilege));
                var ok = NativeMethods.AdjustTokenPrivileges(token, false, ref wanted, size, ref previous, out _);

                // Success with ERROR_NOT_ALL_ASSIGNED means the token does not hold the privilege: nothing changed.
                if (!ok || Marshal.GetLastWin32Error() == NativeMethods.ErrorNotAllAssigned)
                {
                    return null;
                }

                held = true;

                // PreviousState lists only the privileges whose state changed: none when it was enabled already.
                return previous.PrivilegeCount == 0 ? (NativeMethods.LuidAndAttributesPrivilege?)null : previous;
            }
        }

        private sealed class Holding
        {
            public int Count { get; set; }

            public bool IsHeld { get; set; }

            public NativeMethods.LuidAndAttributesPrivilege? Previous { get; set; }
        }

        private sealed class Scope : IDisposable
        {
            private readonly string name;
            private bool disposed;

            public Scope(string name)
            {
                this.name = name;
            }

            public void Dispose()
            {
                lock (Gate)
                {
                    if (disposed)
                    {
                        return;
                    }

                    disposed = true;
                    var holding = Held[name];
                    if (--holding.Count == 0 && holding.Previous != null)
                    {
                        Adjust(name, holding.Previous.Value.Attributes, out _);
                        holding.Previous = null;
                    }
                }
            }
        }
    }
}
