using System;
using System.Collections.Generic;
using System.Diagnostics;
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
        private readonly Task<ProbeRound> results;

        private EndpointProbePlan(IReadOnlyList<ProbeEndpoint> endpoints, Task<ProbeRound> results)
        {
            Endpoints = endpoints;
            this.results = results;
        }

        private EndpointProbePlan(Task<DsregRun>? dsreg, Task<EventQueryResult>? events,
            Func<IReadOnlyList<ProbeEndpoint>, TimeSpan, ProbeRound> probe, TimeSpan timeout)
        {
            Endpoints = SignInCloud.Commercial.Endpoints;
            var started = Stopwatch.StartNew();

            // On a thread of its own, like the probes it starts: a busy PC's thread pool must not decide when the probes begin.
            results = OwnThread.Run("TeamsRemediation probe plan", () =>
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

                try
                {
                    Task.WaitAll(waitFor.ToArray(), TimeSpan.FromTicks(timeout.Ticks / 2));
                }
                catch (AggregateException)
                {
                    // A failed dsregcmd or event query names no cloud: read per task below.
                }

                var status = dsreg != null && dsreg.Status == TaskStatus.RanToCompletion ? dsreg.Result.Status : null;
                var aad = events != null && events.Status == TaskStatus.RanToCompletion ? events.Result.Events : null;
                Detection = CloudDetection.Detect(status, aad);
                Endpoints = Detection.Cloud.Endpoints;
                var left = timeout - started.Elapsed;
                return probe(Endpoints, left > TimeSpan.Zero ? left : TimeSpan.Zero);
            });
        }

        /// <summary>The endpoints probed: until detection finished, the commercial ones.</summary>
        public IReadOnlyList<ProbeEndpoint> Endpoints { get; private set; }

        /// <summary>The cloud and where it was read; null when -Endpoint chose the endpoints.</summary>
        public CloudDetection? Detection { get; private set; }

        public static EndpointProbePlan Start(DiagnosisOptions options, Task<DsregRun>? dsreg, Task<EventQueryResult>? events,
            Func<IReadOnlyList<ProbeEndpoint>, TimeSpan, ProbeRound> probe)
        {
            return options.EndpointsGiven
                ? new EndpointProbePlan(options.Endpoints, Task.FromResult(probe(options.Endpoints, options.Timeout)))
                : new EndpointProbePlan(dsreg, events, probe, options.Timeout);
        }

        /// <summary>
        /// The results by the deadline. An endpoint without a result by then was not probed (NotProbed), never "timed out": on a
        /// PC too busy to run the probes, that would blame the network for the PC's own load.
        /// </summary>
        public IReadOnlyList<EndpointProbeResult> Wait(DateTime deadlineUtc)
        {
            try
            {
                if (!results.Wait(Left(deadlineUtc)))
                {
                    return Endpoints.Select(e => ProbeRound.NotStarted(e, "the probes had not started when the time was up (the PC was "
                        + "too busy to run them).")).ToList();
                }
            }
            catch (AggregateException e)
            {
                var error = e.GetBaseException();
                return Endpoints.Select(p => new EndpointProbeResult(p, ProbeOutcome.InternalError, "Internal error before the probes "
                    + "started (not a network finding): " + error.GetType().Name + ": " + error.Message)).ToList();
            }

            return results.Result.Collect(Left(deadlineUtc));
        }

        private static TimeSpan Left(DateTime deadlineUtc)
        {
            var left = deadlineUtc - DateTime.UtcNow;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }
}
