using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// One round of endpoint probes under one deadline, read honestly: a probe that never started, stopped at the deadline after
    /// less than its fair time, or had not reported by then is <see cref="ProbeOutcome.NotProbed"/>, never a timeout it did not
    /// wait for. On a PC too busy to give the probes a thread, "no answer" would otherwise blame the network.
    /// </summary>
    internal sealed class ProbeRound
    {
        private readonly IReadOnlyList<ProbeEndpoint> endpoints;
        private readonly Task<EndpointProbeResult>[] probes;

        public ProbeRound(IReadOnlyList<ProbeEndpoint> endpoints, Task<EndpointProbeResult>[] probes)
        {
            this.endpoints = endpoints;
            this.probes = probes;
        }

        /// <summary>
        /// How long a probe must have run for "no answer by the deadline" to mean the endpoint is silent: the probes' half of the
        /// run (detection waits at most the other half), less a tenth of it for the scheduling in between.
        /// </summary>
        public static TimeSpan FairTime(TimeSpan runTimeout) => TimeSpan.FromTicks(runTimeout.Ticks / 100 * 45);

        /// <summary>The result of a probe that never ran before the deadline.</summary>
        public static EndpointProbeResult NotStarted(ProbeEndpoint endpoint, string why) =>
            new EndpointProbeResult(endpoint, ProbeOutcome.NotProbed, "Not probed before the deadline: " + why);

        /// <summary>A timeout at the deadline after less than the fair time becomes NotProbed; every other result stands.</summary>
        public static EndpointProbeResult Judge(EndpointProbeResult result, bool deadlinePassed, TimeSpan fairTime)
        {
            if (result.Outcome != ProbeOutcome.TimedOut || !deadlinePassed || result.Elapsed >= fairTime)
            {
                return result;
            }

            var detail = "Not probed before the deadline: the probe of " + result.Endpoint.Host + " ran " + Milliseconds(result.Elapsed)
                + " of the " + Milliseconds(fairTime) + " a silent endpoint needs before no answer counts as a timeout (it got its thread "
                + "late: the PC was busy or the deadline short). What it saw: " + result.Detail;
            return new EndpointProbeResult(result.Endpoint, ProbeOutcome.NotProbed, detail)
            {
                Stage = result.Stage,
                Proxy = result.Proxy,
                Elapsed = result.Elapsed,
            };
        }

        /// <summary>Each endpoint's result after waiting at most <paramref name="wait"/>; a probe still running then is NotProbed.</summary>
        public IReadOnlyList<EndpointProbeResult> Collect(TimeSpan wait)
        {
            try
            {
                Task.WaitAll(probes, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            }
            catch (AggregateException)
            {
                // Read per probe below: a faulted probe is an internal error, the others keep their results.
            }

            return endpoints.Select((endpoint, i) => Read(endpoint, probes[i])).ToList();
        }

        private static EndpointProbeResult Read(ProbeEndpoint endpoint, Task<EndpointProbeResult> probe)
        {
            switch (probe.Status)
            {
                case TaskStatus.RanToCompletion:
                    return probe.Result;
                case TaskStatus.Faulted:
                    var error = probe.Exception!.GetBaseException();
                    return new EndpointProbeResult(endpoint, ProbeOutcome.InternalError, "Internal error in the probe of " + endpoint.Host
                        + " (not a network finding): " + error.GetType().Name + ": " + error.Message);
                default:
                    return NotStarted(endpoint, "the probe of " + endpoint.Host + " had not reported when the time was up (the PC was "
                        + "too busy to run it).");
            }
        }

        private static string Milliseconds(TimeSpan time) => ((long)time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
