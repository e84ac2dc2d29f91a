using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>wtsapi32 session functions (sdk-api wtsapi32/nf-wtsapi32-*, ns-wtsapi32-wts_session_infow, ne-wtsapi32-wts_info_class).</summary>
    internal static partial class NativeMethods
    {
        internal static readonly IntPtr WtsCurrentServerHandle = IntPtr.Zero;

        internal const int WtsUserName = 5;
        internal const int WtsDomainName = 7;

        internal const int WtsActive = 0;
        internal const int WtsDisconnected = 4;

        // wtsapi32 is not a KnownDLL: pin the search to System32 so a planted copy beside the host is never loaded.
        [DllImport("wtsapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool WTSEnumerateSessionsW(IntPtr hServer, int reserved, int version, out WtsMemoryHandle ppSessionInfo,
            out int pCount);

        [DllImport("wtsapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool WTSQuerySessionInformationW(IntPtr hServer, int sessionId, int wtsInfoClass, out WtsMemoryHandle ppBuffer,
            out int pBytesReturned);

        [DllImport("wtsapi32.dll", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static extern void WTSFreeMemory(IntPtr pMemory);

        /// <summary>BOOL WTSQueryUserToken(ULONG SessionId, PHANDLE phToken): the session user's primary token; the caller closes it.</summary>
        [DllImport("wtsapi32.dll", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool WTSQueryUserToken(int sessionId, out KernelHandle phToken);

        /// <summary>WTS_SESSION_INFOW: DWORD SessionId, LPWSTR pWinStationName, WTS_CONNECTSTATE_CLASS State.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct WtsSessionInfoW
        {
            public int SessionId;
            public IntPtr pWinStationName;
            public int State;
        }
    }
}
