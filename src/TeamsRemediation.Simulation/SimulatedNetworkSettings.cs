using System;
using System.Collections.Generic;
using TeamsRemediation.Network;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// A simulated PC's WinHTTP proxy API and adapters (one Ethernet unless others are declared). Like WinHttpGetDefaultProxyConfiguration,
    /// the API reads the WinHttpSettings value of the caller's registry view: WOW6432Node for a 32-bit caller on 64-bit Windows. A scenario
    /// may instead fix the API's answer with <see cref="WinHttpProxy"/>.
    /// </summary>
    public sealed class SimulatedNetworkSettings : INetworkSettings
    {
        private readonly IRegistry registry;
        private readonly Func<bool> callerIs32Bit;

        public SimulatedNetworkSettings(IRegistry registry, Func<bool> callerIs32Bit)
        {
            this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
            this.callerIs32Bit = callerIs32Bit ?? throw new ArgumentNullException(nameof(callerIs32Bit));
        }

        /// <summary>The API's answer whatever the registry holds; null (the default) to read the caller's registry view.</summary>
        public WinHttpProxySetting? WinHttpProxy { get; set; }

        public List<NetworkAdapter> Adapters { get; } = new List<NetworkAdapter> { new NetworkAdapter("Ethernet",
            "Intel(R) Ethernet Connection I219-LM", "Ethernet", true) };

        public WinHttpProxySetting GetWinHttpProxy() =>
            WinHttpProxy ?? WinHttpProxyViews.Read(registry, callerIs32Bit() ? RegistryView.Registry32 : RegistryView.Registry64);

        public IReadOnlyList<NetworkAdapter> GetAdapters() => Adapters.ToArray();

        /// <summary>What the calling user's PAC, WPAD or static proxy picks (a user view of the PC has its own); direct by default.</summary>
        public UserProxyResolution UserProxy { get; set; } = UserProxyResolution.Direct();

        /// <summary>Every URL the user's proxy was resolved for, in order.</summary>
        public List<Uri> UserProxyQueries { get; } = new List<Uri>();

        public UserProxyResolution ResolveUserProxy(Uri url, TimeSpan timeout)
        {
            lock (UserProxyQueries)
            {
                UserProxyQueries.Add(url);
            }

            return UserProxy;
        }
    }
}
