using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TeamsRemediation.Clouds;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Which endpoints the probes go to and the probes themselves: the ones -Endpoint named, otherwise those of the
    /// cloud the PC signs in to. Detection waits for dsregcmd and the event log for at most half the deadline, so a
    /// hung dsregcmd leaves the probes time to run (at the commercial endpoints, and the evidence says why).
    /// </summary>
    internal sealed class EndpointProbePlan
    {
        private readonly Task<IReadOnlyList<EndpointProbeResult>> results;

        private EndpointProbePlan(IReadOnlyList<ProbeEndpoint> endpoints, Task<IReadOnlyList<EndpointProbeResult>> results)
        {
            Endpoints = endpoints;
            this.results = results;
        }

        private EndpointProbePlan(Task<DsregRun>? dsreg, Task<EventQueryResult>? events, Func<IReadOnlyList<ProbeEndpoint>, TimeSpan,
            Task<IReadOnlyList<EndpointProbeResult>>> probe, TimeSpan timeout)
        {
            Endpoints = SignInCloud.Commercial.Endpoints;
            var started = DateTime.UtcNow;
            results = Task.Run(async () =>
            {
                var waitFor = new List<Task>();
                if (dsreg != null)
                {
                    waitFor.Add(dsreg);
                }

                if (events != null)
                {
                    waitFor.Add(events);
                }

                await Task.WhenAny(Task.WhenAll(waitFor), Task.Delay(TimeSpan.FromTicks(timeout.Ticks / 2))).ConfigureAwait(false);
                var status = dsreg != null && dsreg.Status == TaskStatus.RanToCompletion ? dsreg.Result.Status : null;
                var aad = events != null && events.Status == TaskStatus.RanToCompletion ? events.Result.Events : null;
                Detection = CloudDetection.Detect(status, aad);
                Endpoints = Detection.Cloud.Endpoints;
                var left = timeout - (DateTime.UtcNow - started);
                return await probe(Endpoints, left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
            });
        }

        /// <summary>The endpoints probed: until detection finished, the commercial ones.</summary>
        public IReadOnlyList<ProbeEndpoint> Endpoints { get; private set; }

        /// <summary>The cloud and where it was read; null when -Endpoint chose the endpoints.</summary>
        public CloudDetection? Detection { get; private set; }

        public static EndpointProbePlan Start(DiagnosisOptions options, Task<DsregRun>? dsreg, Task<EventQueryResult>? events,
            Func<IReadOnlyList<ProbeEndpoint>, TimeSpan, Task<IReadOnlyList<EndpointProbeResult>>> probe)
        {
            return options.EndpointsGiven
                ? new EndpointProbePlan(options.Endpoints, probe(options.Endpoints, options.Timeout))
                : new EndpointProbePlan(dsreg, events, probe, options.Timeout);
        }

        /// <summary>The results by the deadline; endpoints without an answer by then are TimedOut.</summary>
        public IReadOnlyList<EndpointProbeResult> Wait(DateTime deadlineUtc)
        {
            var left = deadlineUtc - DateTime.UtcNow;
            try
            {
                if (results.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero))
                {
                    return results.Result;
                }
            }
            catch (AggregateException)
            {
                // A fault of the probe task itself: reported as no answer, like the probes that did not finish.
            }

            return Endpoints.Select(e => new EndpointProbeResult(e, ProbeOutcome.TimedOut, "No answer in time.")).ToList();
        }
    }
}
