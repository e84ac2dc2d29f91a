using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>The WinHTTP default proxy through WinHttpGetDefaultProxyConfiguration (the `netsh winhttp` text is localized), and the adapters
    /// through NetworkInterface.</summary>
    public sealed class WindowsNetworkSettings : INetworkSettings
    {
        public WinHttpProxySetting GetWinHttpProxy()
        {
            var info = default(NativeMethods.WinHttpProxyInfo);
            if (!NativeMethods.WinHttpGetDefaultProxyConfiguration(ref info))
            {
                return new WinHttpProxySetting(true, string.Empty, string.Empty, new Win32Exception(Marshal.GetLastWin32Error()).Message);
            }

            try
            {
                var proxy = info.Proxy == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUni(info.Proxy) ?? string.Empty;
                var bypass = info.ProxyBypass == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUni(info.ProxyBypass) ?? string.Empty;
                var direct = info.AccessType != NativeMethods.WinHttpAccessTypeNamedProxy || proxy.Length == 0;
                return new WinHttpProxySetting(direct, proxy, bypass);
            }
            finally
            {
                if (info.Proxy != IntPtr.Zero)
                {
                    NativeMethods.GlobalFree(info.Proxy);
                }

                if (info.ProxyBypass != IntPtr.Zero)
                {
                    NativeMethods.GlobalFree(info.ProxyBypass);
                }
            }
        }

        public IReadOnlyList<NetworkAdapter> GetAdapters() => PortableAdapters.List();

        /// <summary>WPAD's DHCP and DNS queries have no timeout of their own: the resolution runs on its own thread, bounded here.</summary>
        public UserProxyResolution ResolveUserProxy(Uri url, TimeSpan timeout)
        {
            var resolving = OwnThread.Run("TeamsRemediation user proxy", () => WinHttpAutoProxy.Resolve(url, timeout));
            try
            {
                return resolving.Wait(timeout) ? resolving.Result
                    : UserProxyResolution.Direct("the user's automatic proxy (PAC/WPAD) did not answer within " + timeout.TotalSeconds + " s");
            }
            catch (AggregateException e)
            {
                return UserProxyResolution.Direct("the user's proxy could not be resolved: " + e.InnerException?.Message);
            }
        }
    }

    /// <summary>NetworkInterface works on every OS; shared so the list is made one way.</summary>
    public static class PortableAdapters
    {
        public static IReadOnlyList<NetworkAdapter> List()
        {
            try
            {
                return NetworkInterface.GetAllNetworkInterfaces()
                    .Where(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                    .Select(n => new NetworkAdapter(n.Name, n.Description, n.NetworkInterfaceType.ToString(),
                    n.OperationalStatus == OperationalStatus.Up))
                    .ToList();
            }
            catch (NetworkInformationException)
            {
                return new NetworkAdapter[0];
            }
        }
    }
}
