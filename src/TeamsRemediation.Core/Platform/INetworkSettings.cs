using System.Collections.Generic;

namespace TeamsRemediation.Platform
{
    /// <summary>The machine's network configuration that sign-in depends on: the WinHTTP proxy and the network adapters.</summary>
    public interface INetworkSettings
    {
        /// <summary>The WinHTTP default proxy (what `netsh winhttp show proxy` shows, read through the API, not its localized text).</summary>
        WinHttpProxySetting GetWinHttpProxy();

        /// <summary>Adapters that are up, with their description (VPN clients name themselves there).</summary>
        IReadOnlyList<NetworkAdapter> GetAdapters();

        /// <summary>
        /// The proxy the calling user's own settings (PAC, WPAD, static) pick for <paramref name="url"/>, through WinHTTP's auto-proxy;
        /// returns by <paramref name="timeout"/> (a PAC file that cannot be fetched in time is a Problem, never a hang).
        /// </summary>
        UserProxyResolution ResolveUserProxy(System.Uri url, System.TimeSpan timeout);
    }

    public sealed class WinHttpProxySetting
    {
        public WinHttpProxySetting(bool direct, string proxyServer, string bypassList, string error = "")
        {
            Direct = direct;
            ProxyServer = proxyServer ?? string.Empty;
            BypassList = bypassList ?? string.Empty;
            Error = error ?? string.Empty;
        }

        /// <summary>No proxy: WinHTTP connects directly.</summary>
        public bool Direct { get; }

        public string ProxyServer { get; }

        public string BypassList { get; }

        /// <summary>Why the setting could not be read; empty when it was.</summary>
        public string Error { get; }

        public static WinHttpProxySetting None { get; } = new WinHttpProxySetting(true, string.Empty, string.Empty);
    }

    public sealed class NetworkAdapter
    {
        public NetworkAdapter(string name, string description, string type, bool up)
        {
            Name = name ?? string.Empty;
            Description = description ?? string.Empty;
            Type = type ?? string.Empty;
            Up = up;
        }

        public string Name { get; }

        public string Description { get; }

        /// <summary>NetworkInterfaceType as text (Ethernet, Wireless80211, Ppp, Tunnel, ...).</summary>
        public string Type { get; }

        public bool Up { get; }

        public override string ToString() => Name + " (" + Description + ", " + Type + (Up ? ", up" : ", down") + ")";
    }
}
