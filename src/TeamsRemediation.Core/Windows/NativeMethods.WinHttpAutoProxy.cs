using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    internal static partial class NativeMethods
    {
        internal const uint WinHttpAutoProxyAutoDetect = 0x00000001;
        internal const uint WinHttpAutoProxyConfigUrl = 0x00000002;
        internal const uint WinHttpAutoDetectTypeDhcp = 0x00000001;
        internal const uint WinHttpAutoDetectTypeDnsA = 0x00000002;

        /// <summary>WINHTTP_CURRENT_USER_IE_PROXY_CONFIG; the strings are the caller's to free with GlobalFree.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct WinHttpCurrentUserIeProxyConfig
        {
            [MarshalAs(UnmanagedType.Bool)]
            public bool AutoDetect;
            public IntPtr AutoConfigUrl;
            public IntPtr Proxy;
            public IntPtr ProxyBypass;
        }

        /// <summary>WINHTTP_AUTOPROXY_OPTIONS.</summary>
        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        internal struct WinHttpAutoProxyOptions
        {
            public uint Flags;
            public uint AutoDetectFlags;
            [MarshalAs(UnmanagedType.LPWStr)]
            public string? AutoConfigUrl;
            public IntPtr Reserved;
            public uint ReservedNumber;
            [MarshalAs(UnmanagedType.Bool)]
            public bool AutoLogonIfChallenged;
        }

        [DllImport("winhttp.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool WinHttpGetIEProxyConfigForCurrentUser(ref WinHttpCurrentUserIeProxyConfig proxyConfig);

        [DllImport("winhttp.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        internal static extern IntPtr WinHttpOpen(string userAgent, uint accessType, string? proxyName, string? proxyBypass, uint flags);

        [DllImport("winhttp.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool WinHttpSetTimeouts(IntPtr handle, int resolveTimeout, int connectTimeout, int sendTimeout, int receiveTimeout);

        [DllImport("winhttp.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool WinHttpGetProxyForUrl(IntPtr session, string url, ref WinHttpAutoProxyOptions options,
            ref WinHttpProxyInfo proxyInfo);

        [DllImport("winhttp.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool WinHttpCloseHandle(IntPtr handle);
    }
}
