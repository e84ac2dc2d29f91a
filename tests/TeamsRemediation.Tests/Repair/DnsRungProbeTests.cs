using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Hosting;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using TeamsRemediation.Repair.Wiring;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// Rung 3's DNS step on its real service, the simulated network counting every probe: each sign-in endpoint is probed once
    /// before the flush (the plan's probes, handed to the flush) and once after it (the endpoint check run again).
    /// </summary>
    public sealed class DnsRungProbeTests
    {
        private static readonly DiagnosisOptions Diagnosis = new DiagnosisOptions { Timeout = TimeSpan.FromSeconds(5) };

        [Fact]
        public void ARepairProbesEachEndpointOnceBeforeTheFlushAndOnceAfterIt()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            s.Machine.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");

            var run = Climb(s, Consent.Yes);

            var dns = run.Scenario.Step(RepairStepName.DnsFlush);
            Assert.Equal(RepairStepStatus.Done, dns.Status);
            Assert.Contains(dns.After, a => a.StartsWith("Pass Network.Endpoint", StringComparison.Ordinal));
            Assert.Equal(RepairOutcome.Fixed, run.Scenario.Summary.Outcome);
            Assert.Equal(0, run.Scenario.Summary.ExitCode);
            Assert.True(run.FlushedAfter.HasValue, "ipconfig /flushdns did not run");
            Assert.Equal(Once(), Count(run.Probes.Take(run.FlushedAfter!.Value)));
            Assert.Equal(Once(), Count(run.Probes.Skip(run.FlushedAfter.Value)));
        }

        [Fact]
        public void WhatIfProbesEachEndpointOnceAndFlushesNothing()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            s.Machine.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");

            var run = Climb(s, Consent.WhatIf);

            Assert.Equal(RepairStepStatus.WhatIf, run.Scenario.Step(RepairStepName.DnsFlush).Status);
            Assert.Equal(RepairOutcome.WhatIf, run.Scenario.Summary.Outcome);
            Assert.Null(run.FlushedAfter);
            Assert.Equal(Once(), Count(run.Probes));
        }

        private static Dictionary<string, int> Once() => Diagnosis.Endpoints.ToDictionary(e => e.Host, e => 1);

        private static Dictionary<string, int> Count(IEnumerable<string> probes) => probes.GroupBy(h => h).ToDictionary(g => g.Key, g => g.Count());

        /// <summary>The ladder with the real DNS service; the probes it made, and how many of them came before the flush.</summary>
        private static ClimbResult Climb(SimulatedSession s, Consent answer)
        {
            var network = s.Machine.SimulatedNetwork;
            int? flushedAfter = null;
            var atClimb = 0;
            s.Machine.CommandRunner.RecordWithEffect("ipconfig", CommandResult.Completed(0, "Successfully flushed the DNS Resolver Cache.\r\n"),
                "^/flushdns$", () =>
                {
                    flushedAfter = network.Probed.Count - atClimb;
                    network.FlushResolverCache();
                });
            var users = new TargetResolver(s.Machine.Users).Resolve(new TargetRequest()).Users;
            var scenario = new LadderScenario(s, answer: answer, wire: fakes =>
            {
                // The diagnosis before the repair has probed by now: only the repair's own probes are counted.
                atClimb = network.Probed.Count;
                return new RepairServices(fakes, fakes, new MachineRepairServices(s.Machine, Diagnosis, users), fakes);
            });
            var probes = network.Probed.Skip(atClimb).Select(e => e.Host).ToList();

            // LadderScenario diagnoses again after the climb, as an admin would: those probes are not the repair's.
            return new ClimbResult(scenario, probes.Take(probes.Count - Diagnosis.Endpoints.Count).ToList(), flushedAfter);
        }

        private sealed class ClimbResult
        {
            public ClimbResult(LadderScenario scenario, List<string> probes, int? flushedAfter)
            {
                Scenario = scenario;
                Probes = probes;
                FlushedAfter = flushedAfter;
            }

            public LadderScenario Scenario { get; }

            public List<string> Probes { get; }

            public int? FlushedAfter { get; }
        }
    }
}
