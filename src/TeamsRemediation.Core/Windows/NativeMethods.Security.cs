using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>advapi32 token and account functions (sdk-api processthreadsapi, securitybaseapi, sddl, winbase).</summary>
    internal static partial class NativeMethods
    {
        internal const int TokenQuery = 0x0008;
        internal const int TokenUserClass = 1;
        internal const int TokenElevationClass = 20;
        internal const int ErrorNoneMapped = 1332;
        internal const int TokenAdjustPrivileges = 0x0020;
        internal const int SePrivilegeEnabled = 0x00000002;
        internal const int ErrorNotAllAssigned = 1300;

        /// <summary>LUID: DWORD LowPart, LONG HighPart (4-byte aligned, 8 bytes on both bitnesses).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Luid
        {
            public uint LowPart;
            public int HighPart;
        }

        /// <summary>TOKEN_PRIVILEGES with its one LUID_AND_ATTRIBUTES: PrivilegeCount, Luid, Attributes (16 bytes, no padding).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct LuidAndAttributesPrivilege
        {
            public int PrivilegeCount;
            public Luid Luid;
            public int Attributes;
        }

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool LookupPrivilegeValueW(string? lpSystemName, string lpName, out Luid lpLuid);

        // SetLastError is read after success too: ERROR_NOT_ALL_ASSIGNED is reported with a TRUE return.
        [DllImport("advapi32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool AdjustTokenPrivileges(KernelHandle tokenHandle, [MarshalAs(UnmanagedType.Bool)] bool disableAllPrivileges,
            ref LuidAndAttributesPrivilege newState, int bufferLength, ref LuidAndAttributesPrivilege previousState, out int returnLength);

        [DllImport("advapi32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool OpenProcessToken(KernelHandle processHandle, int desiredAccess, out KernelHandle tokenHandle);

        // GetCurrentProcess returns a pseudo handle that must not be closed, so it cannot travel in a SafeHandle.
        [DllImport("advapi32.dll", EntryPoint = "OpenProcessToken", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool OpenProcessTokenOfPseudoHandle(IntPtr processHandle, int desiredAccess, out KernelHandle tokenHandle);

        [DllImport("advapi32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool GetTokenInformation(KernelHandle tokenHandle, int tokenInformationClass, IntPtr tokenInformation,
            int tokenInformationLength, out int returnLength);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool ConvertSidToStringSidW(IntPtr sid, out LocalAllocHandle stringSid);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool ConvertStringSidToSidW(string stringSid, out LocalAllocHandle sid);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool LookupAccountSidW(string? lpSystemName, IntPtr sid, char[]? name, ref int cchName, char[]? referencedDomainName,
            ref int cchReferencedDomainName, out int peUse);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool LookupAccountNameW(string? lpSystemName, string lpAccountName, byte[]? sid, ref int cbSid,
            char[]? referencedDomainName, ref int cchReferencedDomainName, out int peUse);
    }
}
