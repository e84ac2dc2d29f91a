using System.Collections.Generic;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>A simulated PC's WinHTTP proxy (direct unless set) and adapters (one Ethernet unless others are declared).</summary>
    public sealed class SimulatedNetworkSettings : INetworkSettings
    {
        public WinHttpProxySetting WinHttpProxy { get; set; } = WinHttpProxySetting.None;

        public List<NetworkAdapter> Adapters { get; } = new List<NetworkAdapter> { new NetworkAdapter("Ethernet",
            "Intel(R) Ethernet Connection I219-LM", "Ethernet", true) };

        public WinHttpProxySetting GetWinHttpProxy() => WinHttpProxy;

        public IReadOnlyList<NetworkAdapter> GetAdapters() => Adapters.ToArray();
    }
}
