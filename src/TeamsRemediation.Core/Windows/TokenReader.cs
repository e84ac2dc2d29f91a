using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>Reads facts out of an access token: the user SID (TOKEN_USER) and elevation (TOKEN_ELEVATION).</summary>
    internal static class TokenReader
    {
        /// <summary>The token user's SID as S-1-5-…, or null when the process or its token cannot be opened (another user's process without
        /// privilege, a protected process).</summary>
        public static string? TryGetProcessOwnerSid(int processId)
        {
            using (var process = NativeMethods.OpenProcess(NativeMethods.ProcessQueryLimitedInformation, false, processId))
            {
                if (process.IsInvalid || !NativeMethods.OpenProcessToken(process, NativeMethods.TokenQuery, out var token))
                {
                    return null;
                }

                using (token)
                {
                    return TryGetUserSid(token);
                }
            }
        }

        public static KernelHandle OpenCurrentProcessToken()
        {
            if (!NativeMethods.OpenProcessTokenOfPseudoHandle(NativeMethods.GetCurrentProcess(), NativeMethods.TokenQuery, out var token))
            {
                var error = Marshal.GetLastWin32Error();
                token.Dispose();
                throw new Win32Exception(error, "Could not open the access token of this process.");
            }

            return token;
        }

        public static string? TryGetUserSid(KernelHandle token)
        {
            return WithInformation(token, NativeMethods.TokenUserClass, buffer =>
            {
                // TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first member is the PSID into the same buffer.
                var sid = Marshal.ReadIntPtr(buffer);
                return SidText(sid);
            }, whenUnreadable: null);
        }

        public static bool IsElevated(KernelHandle token)
        {
            // TOKEN_ELEVATION is a single DWORD TokenIsElevated.
            return WithInformation(token, NativeMethods.TokenElevationClass, buffer => Marshal.ReadInt32(buffer) != 0, whenUnreadable: false);
        }

        public static string? SidText(IntPtr sid)
        {
            if (!NativeMethods.ConvertSidToStringSidW(sid, out var text))
            {
                text.Dispose();
                return null;
            }

            using (text)
            {
                return Marshal.PtrToStringUni(text.Pointer);
            }
        }

        private static T WithInformation<T>(KernelHandle token, int informationClass, Func<IntPtr, T> read, T whenUnreadable)
        {
            // First call only measures: it fails with ERROR_INSUFFICIENT_BUFFER and says how much is needed.
            NativeMethods.GetTokenInformation(token, informationClass, IntPtr.Zero, 0, out var needed);
            if (needed <= 0)
            {
                return whenUnreadable;
            }

            var buffer = Marshal.AllocHGlobal(needed);
            try
            {
                return NativeMethods.GetTokenInformation(token, informationClass, buffer, needed, out _) ? read(buffer) : whenUnreadable;
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }
}
