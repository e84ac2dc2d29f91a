using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    internal static partial class NativeMethods
    {
        internal const uint WinHttpAccessTypeNoProxy = 1;
        internal const uint WinHttpAccessTypeNamedProxy = 3;

        /// <summary>WINHTTP_PROXY_INFO; the strings are allocated by WinHTTP with GlobalAlloc and freed by the caller with GlobalFree.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct WinHttpProxyInfo
        {
            public uint AccessType;
            public IntPtr Proxy;
            public IntPtr ProxyBypass;
        }

        [DllImport("winhttp.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool WinHttpGetDefaultProxyConfiguration(ref WinHttpProxyInfo proxyInfo);

        [DllImport("kernel32.dll")]
        internal static extern IntPtr GlobalFree(IntPtr memory);
    }
}
