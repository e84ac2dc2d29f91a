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
