using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Resolves the calling user's proxy for a URL as Microsoft's WinHTTP AutoProxy documents it ("WinHTTP AutoProxy Functions",
    /// "Using the WinHTTP AutoProxy API"): read the user's Internet Options with WinHttpGetIEProxyConfigForCurrentUser; when they
    /// ask for automatic detection (WPAD) or name an automatic configuration script (PAC), run WinHttpGetProxyForUrl with those
    /// options on a session without a proxy, logging on to the PAC server with the user's credentials if it asks; otherwise, or
    /// when the PAC file cannot be had, the static proxy of the same settings; otherwise direct. Runs in the user's own process
    /// (the bridge's task), so "current user" is that user, never SYSTEM.
    /// </summary>
    internal static class WinHttpAutoProxy
    {
        private const string UserAgent = "TeamsRemediation";

        public static UserProxyResolution Resolve(Uri url, TimeSpan timeout)
        {
            var config = default(NativeMethods.WinHttpCurrentUserIeProxyConfig);
            if (!NativeMethods.WinHttpGetIEProxyConfigForCurrentUser(ref config))
            {
                return UserProxyResolution.Direct("the user's proxy settings could not be read: "
                    + new Win32Exception(Marshal.GetLastWin32Error()).Message);
            }

            string autoConfigUrl;
            string staticProxy;
            string bypass;
            try
            {
                autoConfigUrl = Text(config.AutoConfigUrl);
                staticProxy = Text(config.Proxy);
                bypass = Text(config.ProxyBypass);
            }
            finally
            {
                Free(config.AutoConfigUrl);
                Free(config.Proxy);
                Free(config.ProxyBypass);
            }

            var problem = string.Empty;
            if (config.AutoDetect || autoConfigUrl.Length > 0)
            {
                var source = autoConfigUrl.Length > 0 ? "PAC " + autoConfigUrl : "WPAD";
                var found = FromAutoProxy(url, config.AutoDetect, autoConfigUrl, timeout, out problem);
                if (found != null)
                {
                    return found.Length == 0 ? new UserProxyResolution(null, source + " (DIRECT)")
                        : new UserProxyResolution(ProxyRoute.Parse(found, string.Empty, source), source);
                }

                problem = source + " gave no answer (" + problem + ")";
            }

            var route = ProxyRoute.Parse(staticProxy, bypass, "static proxy");
            return route != null ? new UserProxyResolution(route, "static proxy", problem) : UserProxyResolution.Direct(problem);
        }

        /// <summary>The proxy list the PAC file gave ("" for DIRECT), or null with the reason when WinHTTP could not run it.</summary>
        private static string? FromAutoProxy(Uri url, bool autoDetect, string autoConfigUrl, TimeSpan timeout, out string problem)
        {
            problem = string.Empty;
            var session = NativeMethods.WinHttpOpen(UserAgent, NativeMethods.WinHttpAccessTypeNoProxy, null, null, 0);
            if (session == IntPtr.Zero)
            {
                problem = new Win32Exception(Marshal.GetLastWin32Error()).Message;
                return null;
            }

            var info = default(NativeMethods.WinHttpProxyInfo);
            try
            {
                // The PAC download obeys the session's timeouts; WPAD's own DHCP and DNS queries are bounded by the caller's deadline.
                var ms = (int)Math.Max(1, Math.Min(int.MaxValue, timeout.TotalMilliseconds));
                NativeMethods.WinHttpSetTimeouts(session, ms, ms, ms, ms);
                var options = new NativeMethods.WinHttpAutoProxyOptions
                {
                    Flags = (autoDetect ? NativeMethods.WinHttpAutoProxyAutoDetect : 0)
                        | (autoConfigUrl.Length > 0 ? NativeMethods.WinHttpAutoProxyConfigUrl : 0),
                    AutoDetectFlags = autoDetect ? NativeMethods.WinHttpAutoDetectTypeDhcp | NativeMethods.WinHttpAutoDetectTypeDnsA : 0,
                    AutoConfigUrl = autoConfigUrl.Length > 0 ? autoConfigUrl : null,
                    AutoLogonIfChallenged = true,
                };
                if (!NativeMethods.WinHttpGetProxyForUrl(session, url.AbsoluteUri, ref options, ref info))
                {
                    // ERROR_WINHTTP_AUTODETECTION_FAILED (12180), _UNABLE_TO_DOWNLOAD_SCRIPT (12167), _BAD_AUTO_PROXY_SCRIPT (12166), ...
                    problem = "WinHTTP error " + Marshal.GetLastWin32Error().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return null;
                }

                return info.AccessType == NativeMethods.WinHttpAccessTypeNamedProxy ? Text(info.Proxy) : string.Empty;
            }
            finally
            {
                Free(info.Proxy);
                Free(info.ProxyBypass);
                NativeMethods.WinHttpCloseHandle(session);
            }
        }

        private static string Text(IntPtr text) => text == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUni(text) ?? string.Empty;

        private static void Free(IntPtr memory)
        {
            if (memory != IntPtr.Zero)
            {
                NativeMethods.GlobalFree(memory);
            }
        }
    }
}
