using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
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
        private readonly HashSet<string> late = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> cachedFailures = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<ProbeEndpoint> probed = new List<ProbeEndpoint>();
        private readonly List<string> routes = new List<string>();
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

        /// <summary>
        /// The DNS client cached a failed lookup of this host (the name was briefly missing, the answer was negative): the host does not
        /// resolve until <see cref="FlushResolverCache"/>, whatever is declared for it.
        /// </summary>
        public void CacheFailedLookup(string host)
        {
            lock (gate)
            {
                cachedFailures.Add(host);
            }
        }

        /// <summary>What ipconfig /flushdns does to the simulated PC: cached failed lookups are forgotten.</summary>
        public void FlushResolverCache()
        {
            lock (gate)
            {
                cachedFailures.Clear();
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

        /// <summary>
        /// The probe of this host gets its thread only at the deadline, as on a PC too busy to run it: it then stops at once and
        /// reports what a probe started that late reports, a timeout after 0 ms.
        /// </summary>
        public void StartLate(string host)
        {
            lock (gate)
            {
                late.Add(host);
            }
        }

        /// <summary>Every endpoint probed, in the order the probes started.</summary>
        public IReadOnlyList<ProbeEndpoint> Probed
        {
            get
            {
                lock (gate)
                {
                    return probed.ToList();
                }
            }
        }

        /// <summary>The proxy each probe was sent through (host:port; empty for a direct connection), in the order the probes started.</summary>
        public IReadOnlyList<string> Routes
        {
            get
            {
                lock (gate)
                {
                    return routes.ToList();
                }
            }
        }

        public EndpointProbeResult Probe(ProbeEndpoint endpoint, ProxyRoute? proxy, ProbeDeadline deadline)
        {
            Func<ProbeEndpoint, EndpointProbeResult>? answer;
            bool hangs;
            bool startsLate;
            bool cachedFailure;
            lock (gate)
            {
                probed.Add(endpoint);
                routes.Add(proxy == null || proxy.Bypasses(endpoint.Host) ? string.Empty : proxy.Authority);
                declared.TryGetValue(endpoint.Host, out answer);
                hangs = hanging.Contains(endpoint.Host);
                startsLate = late.Contains(endpoint.Host);
                cachedFailure = cachedFailures.Contains(endpoint.Host);
            }

            if (cachedFailure)
            {
                return new EndpointProbeResult(endpoint, ProbeOutcome.NameNotResolved, endpoint.Host + " did not resolve (the DNS client's "
                    + "cached answer).") { Stage = "dns", Proxy = proxy == null || proxy.Bypasses(endpoint.Host) ? string.Empty : proxy.Authority };
            }

            if (hangs || startsLate)
            {
                // Silence until the deadline, as a real probe's bounded waits end.
                var waited = Stopwatch.StartNew();
                while (!deadline.HasPassed)
                {
                    Thread.Sleep(deadline.RemainingWholeMilliseconds);
                }

                return hangs
                    ? new EndpointProbeResult(endpoint, ProbeOutcome.TimedOut, "No answer in time during the TLS 1.2 handshake.")
                        { Stage = "tls", Elapsed = waited.Elapsed }
                    : new EndpointProbeResult(endpoint, ProbeOutcome.TimedOut, "No answer in time during name resolution.") { Stage = "dns" };
            }

            var result = answer != null
                ? answer(endpoint)
                : new EndpointProbeResult(endpoint, ProbeOutcome.Ok,
                "TLS 1.2 with " + endpoint.Host + " works (HTTP 200).") { TlsHandshakeSucceeded = true, NegotiatedProtocol = "TLS 1.2",
                    HttpStatus = 200, ContentType = "application/json" };
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
