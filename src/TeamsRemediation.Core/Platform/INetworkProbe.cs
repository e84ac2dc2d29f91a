using System.Threading;
using System.Threading.Tasks;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Reaches one HTTPS endpoint the way a sign-in does: name resolution, TCP connect (through the proxy with
    /// HTTP CONNECT when one is given), a TLS 1.2 handshake, and one GET for the Date header and the kind of
    /// answer. Never throws for the network's failures: they are the result. Stops when the token is cancelled.
    /// </summary>
    public interface INetworkProbe
    {
        Task<EndpointProbeResult> ProbeAsync(ProbeEndpoint endpoint, ProxyRoute? proxy, CancellationToken cancellation);
    }
}
