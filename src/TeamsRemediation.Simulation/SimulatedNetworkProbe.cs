using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// The network of a simulated PC: every endpoint answers with TLS 1.2 and the machine's clock unless a
    /// scenario declares otherwise (a host that does not resolve, a proxy's HTML page, a skewed Date, a host
    /// that never answers). Tests that want real sockets attach <see cref="Network.SocketNetworkProbe"/> instead.
    /// </summary>
    public sealed class SimulatedNetworkProbe : INetworkProbe
    {
        private readonly object gate = new object();
        private readonly Dictionary<string, Func<ProbeEndpoint, EndpointProbeResult>> declared = new Dictionary<string, Func<ProbeEndpoint,
            EndpointProbeResult>>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> hanging = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly IClock clock;

        public SimulatedNetworkProbe(IClock clock)
        {
            this.clock = clock;
        }

        /// <summary>Every host's Date header is the machine's clock plus this (a PC whose clock is wrong sees the opposite).</summary>
        public TimeSpan ServerClockOffset { get; set; }

        /// <summary>Declares how one host answers.</summary>
        public void Declare(string host, ProbeOutcome outcome, string detail)
        {
            lock (gate)
            {
                declared[host] = e => new EndpointProbeResult(e, outcome,
                    detail) { TlsHandshakeSucceeded = outcome == ProbeOutcome.Ok || outcome == ProbeOutcome.HtmlInsteadOfService
                        && detail.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) < 0 };
            }
        }

        /// <summary>The probe of this host throws, as a fault in the probe itself would.</summary>
        public void Fault(string host, Exception error)
        {
            lock (gate)
            {
                declared[host] = e => throw error;
            }
        }

        /// <summary>The host never answers: the probe ends only when the caller's time is up.</summary>
        public void Hang(string host)
        {
            lock (gate)
            {
                hanging.Add(host);
            }
        }

        public async Task<EndpointProbeResult> ProbeAsync(ProbeEndpoint endpoint, ProxyRoute? proxy, CancellationToken cancellation)
        {
            Func<ProbeEndpoint, EndpointProbeResult>? answer;
            bool hangs;
            lock (gate)
            {
                declared.TryGetValue(endpoint.Host, out answer);
                hangs = hanging.Contains(endpoint.Host);
            }

            if (hangs)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                return new EndpointProbeResult(endpoint, ProbeOutcome.TimedOut, "No answer in time during the TLS 1.2 handshake.") { Stage = "tls" };
            }

            var result = answer != null
                ? answer(endpoint)
                : new EndpointProbeResult(endpoint, ProbeOutcome.Ok,
                "TLS 1.2 with " + endpoint.Host + " works (HTTP 200).") { TlsHandshakeSucceeded = true, HttpStatus = 200,
                    ContentType = "application/json" };
            if (result.TlsHandshakeSucceeded)
            {
                result.ServerDate = clock.UtcNow + ServerClockOffset;
                result.Stage = "http";
            }

            result.Proxy = proxy == null || proxy.Bypasses(endpoint.Host) ? string.Empty : proxy.Authority;
            return result;
        }
    }
}
