namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Reaches one HTTPS endpoint the way a sign-in does: name resolution, TCP connect (through the proxy with
    /// HTTP CONNECT when one is given), a TLS handshake, and one GET for the Date header and the kind of
    /// answer. Never throws for the network's failures: they are the result.
    /// </summary>
    public interface INetworkProbe
    {
        /// <summary>
        /// Probes on the calling thread and returns by the deadline whatever the network does. The caller gives each probe a
        /// thread of its own (<see cref="OwnThread"/>) and the probe blocks only in waits bounded by the deadline, so neither its
        /// start nor its verdict depends on the thread pool: a silent endpoint is a timeout on a busy PC too.
        /// </summary>
        EndpointProbeResult Probe(ProbeEndpoint endpoint, ProxyRoute? proxy, ProbeDeadline deadline);
    }
}
