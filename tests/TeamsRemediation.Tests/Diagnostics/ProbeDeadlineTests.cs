using System;
using System.Linq;
using System.Threading.Tasks;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Network;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// A probe that got no fair chance before the deadline (a PC too busy to give it a thread) is NotProbed: the endpoint check
    /// cannot tell and says so, and nothing Fails or is repaired on it. A probe that waited its time and heard nothing still fails.
    /// </summary>
    public sealed class ProbeDeadlineTests
    {
        private static readonly ProbeEndpoint Login = Endpoint("login.microsoftonline.com");

        // The deadline of tests whose every other endpoint must be probed in time. The stress run (4 busy loops on 2 cores, and
        // builds beside it: load 40-60) found one second too short for the plan's threads to start (4 of 6 not probed), and
        // once five seconds too short for them to report (6 of 6). The late endpoint waits the whole deadline, so each such
        // test takes this long: 10 s is twice what failed at load 60, where the suite's own bar (two loops per core) is ~6.
        private const string Deadline = "-TimeoutSeconds 10";

        private static ProbeEndpoint Endpoint(string host) => new ProbeEndpoint(host, 443, ProbeEndpoint.OpenIdConfigurationPath, true);

        [Fact]
        public void AProbeThatGetsItsThreadOnlyAtTheDeadlineIsNotProbedAndFailsNothing()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.SimulatedNetwork.StartLate("login.microsoftonline.com");

            var result = s.Run("Test-TeamsCaa20002 -Endpoint login.microsoftonline.com " + Deadline
                + " -CheckId Network.Endpoint, Network.ClockSkew");

            var endpoint = Finding(result, "Network.Endpoint");
            Assert.Equal(FindingStatus.Warning, endpoint.Status);
            Assert.Equal("Could not tell: 1 of 1 sign-in endpoints were not probed before the deadline (login.microsoftonline.com).",
                endpoint.Summary);
            Assert.Equal(Remedies.LargerTimeout, endpoint.Remedy);
            var line = Assert.Single(endpoint.Evidence);
            Assert.StartsWith("login.microsoftonline.com:443" + ProbeEndpoint.OpenIdConfigurationPath + ": NotProbed, 0 ms. "
                + "Not probed before the deadline: the probe of login.microsoftonline.com ran 0 ms of the 4500 ms", line);
            Assert.DoesNotContain("CAA82EE2", line);
            Assert.Equal(FindingStatus.Skipped, Finding(result, "Network.ClockSkew").Status);
            Assert.DoesNotContain(result.Objects<TeamsCaa20002Finding>(), f => f.Status == FindingStatus.Fail);
            Assert.Equal("Compliant", Assert.Single(s.Run("Test-TeamsCaa20002 -Endpoint login.microsoftonline.com -TimeoutSeconds 1 "
                + "-CheckId Network.Endpoint -As Compliance").Output).BaseObject);
        }

        [Fact]
        public void OneEndpointAnsweredAndOneNotProbedIsAWarningNamingBoth()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            RecordDsregcmd(s);
            s.Machine.SimulatedNetwork.StartLate("login.microsoftonline.com");

            var result = s.Run("Test-TeamsCaa20002 " + Deadline + " -CheckId Network.Endpoint, Network.ClockSkew");

            var endpoint = Finding(result, "Network.Endpoint");
            var endpoints = s.Machine.SimulatedNetwork.Probed.Select(p => p.Host).Distinct().ToList();
            Assert.True(endpoints.Count > 1, "the commercial cloud has several sign-in endpoints");
            Assert.Equal(FindingStatus.Warning, endpoint.Status);
            Assert.StartsWith("Could not tell: 1 of " + endpoints.Count + " sign-in endpoints were not probed before the deadline "
                + "(login.microsoftonline.com); the others: ", endpoint.Summary);
            Assert.All(endpoints.Where(h => h != "login.microsoftonline.com"), h => Assert.Contains(h + " (answers)", endpoint.Summary));
            Assert.Contains(endpoint.Evidence, e => e.Contains("login.microsoftonline.com") && e.Contains(": NotProbed, "));
            Assert.Equal(endpoints.Count - 1, endpoint.Evidence.Count(e => e.Contains(": Ok, ")));

            // The endpoints that answered still date the clock.
            Assert.Equal(FindingStatus.Pass, Finding(result, "Network.ClockSkew").Status);
        }

        [Fact]
        public void ARealFailureNextToANotProbedEndpointStillFails()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.SimulatedNetwork.StartLate("login.microsoftonline.com");
            s.Machine.SimulatedNetwork.Declare("login.microsoft.com", ProbeOutcome.NameNotResolved, "No such host is known.");

            var endpoint = Finding(s.Run("Test-TeamsCaa20002 -Endpoint login.microsoftonline.com, login.microsoft.com " + Deadline
                + " -CheckId Network.Endpoint"), "Network.Endpoint");

            Assert.Equal(FindingStatus.Fail, endpoint.Status);
            Assert.Equal("1 of 2 sign-in endpoints fail: login.microsoft.com (name not resolved).", endpoint.Summary);
            Assert.Contains(endpoint.Evidence, e => e.Contains("login.microsoftonline.com") && e.Contains(": NotProbed, "));
        }

        [Fact]
        public void ASilentListenerThatWasGivenItsTimeStillTimesOutAndFails()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.Network = new SocketNetworkProbe(s.Machine.Runtime);
            using var silent = new SilentListener();

            var endpoint = Finding(s.Run("Test-TeamsCaa20002 -Endpoint $args[0] -TimeoutSeconds 2 -CheckId Network.Endpoint",
                "127.0.0.1:" + silent.Port), "Network.Endpoint");

            Assert.Equal(FindingStatus.Fail, endpoint.Status);
            Assert.Equal("1 of 1 sign-in endpoints fail: 127.0.0.1 (timeout).", endpoint.Summary);
            var line = Assert.Single(endpoint.Evidence);
            Assert.Contains(": TimedOut, ", line);
            Assert.Contains("No answer in time during the TLS 1.2 handshake", line);
            Assert.Contains("CAA82EE2", line);
        }

        [Fact]
        public void ProbesStartedAfterTheirDeadlineNeverTouchTheNetworkAndAreNotProbed()
        {
            using var s = new SimulatedSession();
            var machine = s.Machine;
            var checks = new EndpointProbeChecks(machine, new FindingFactory("PC01", DateTime.UtcNow));
            var endpoints = new[] { Login, Endpoint("login.microsoft.com") };

            var results = checks.StartProbes(endpoints, null, TimeSpan.Zero, ProbeRound.FairTime(TimeSpan.FromSeconds(10)))
                .Collect(TimeSpan.FromSeconds(30));

            Assert.Empty(machine.SimulatedNetwork.Probed);
            Assert.Equal(new[] { ProbeOutcome.NotProbed, ProbeOutcome.NotProbed }, results.Select(r => r.Outcome));
            Assert.All(results, r => Assert.Equal("Not probed before the deadline: the probe of " + r.Endpoint.Host
                + " got its thread only after the deadline (the PC was busy or the deadline short).", r.Detail));
        }

        [Fact]
        public void AProbeStillRunningWhenTheTimeIsUpIsNotProbedWhileTheOthersKeepTheirResults()
        {
            var answered = new EndpointProbeResult(Login, ProbeOutcome.Ok, "TLS 1.2 works.");
            var other = Endpoint("login.microsoft.com");
            var running = new TaskCompletionSource<EndpointProbeResult>();
            var round = new ProbeRound(new[] { Login, other }, new[] { Task.FromResult(answered), running.Task });

            var results = round.Collect(TimeSpan.Zero);

            Assert.Same(answered, results[0]);
            Assert.Equal(ProbeOutcome.NotProbed, results[1].Outcome);
            Assert.Equal("Not probed before the deadline: the probe of login.microsoft.com had not reported when the time was up "
                + "(the PC was too busy to run it).", results[1].Detail);
        }

        [Fact]
        public void ProbesWhosePlanHadNotStartedByTheDeadlineAreNotProbed()
        {
            var options = new DiagnosisOptions { Timeout = TimeSpan.FromMinutes(10) };
            var hungDsreg = new TaskCompletionSource<DsregRun>();
            var started = false;
            var plan = EndpointProbePlan.Start(options, hungDsreg.Task, null, (endpoints, timeout) =>
            {
                started = true;
                throw new InvalidOperationException("the plan waits for dsregcmd for half the deadline, so this never runs here");
            });

            var results = plan.Wait(DateTime.UtcNow);

            Assert.False(started);
            Assert.Equal(plan.Endpoints.Count, results.Count);
            Assert.NotEmpty(results);
            Assert.All(results, r => Assert.Equal(ProbeOutcome.NotProbed, r.Outcome));
        }

        [Theory]
        [InlineData(ProbeOutcome.TimedOut, 120, true, ProbeOutcome.NotProbed)]
        [InlineData(ProbeOutcome.TimedOut, 0, true, ProbeOutcome.NotProbed)]
        [InlineData(ProbeOutcome.TimedOut, 450, true, ProbeOutcome.TimedOut)]
        [InlineData(ProbeOutcome.TimedOut, 120, false, ProbeOutcome.TimedOut)]
        [InlineData(ProbeOutcome.ConnectFailed, 0, true, ProbeOutcome.ConnectFailed)]
        [InlineData(ProbeOutcome.NameNotResolved, 3, true, ProbeOutcome.NameNotResolved)]
        public void OnlyATimeoutAtTheDeadlineAfterLessThanTheFairTimeIsNotProbed(ProbeOutcome outcome, int elapsedMs, bool deadlinePassed,
            ProbeOutcome expected)
        {
            var probe = new EndpointProbeResult(Login, outcome, "No answer in time during the TCP connect.")
            {
                Stage = "connect",
                Proxy = "proxy.contoso.com:8080",
                Elapsed = TimeSpan.FromMilliseconds(elapsedMs),
            };

            var judged = ProbeRound.Judge(probe, deadlinePassed, ProbeRound.FairTime(TimeSpan.FromSeconds(1)));

            Assert.Equal(expected, judged.Outcome);
            if (expected == outcome)
            {
                Assert.Same(probe, judged);
                return;
            }

            Assert.Equal("Not probed before the deadline: the probe of login.microsoftonline.com ran " + elapsedMs + " ms of the 450 ms a "
                + "silent endpoint needs before no answer counts as a timeout (it got its thread late: the PC was busy or the deadline short). "
                + "What it saw: No answer in time during the TCP connect.", judged.Detail);
            Assert.Equal("connect", judged.Stage);
            Assert.Equal("proxy.contoso.com:8080", judged.Proxy);
            Assert.Equal(probe.Elapsed, judged.Elapsed);
        }

        [Fact]
        public void RepairDoesNotFlushDnsOrClimbAnyRungForANotProbedEndpoint()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            s.Machine.SimulatedNetwork.StartLate("login.microsoftonline.com");

            var result = s.Run("Repair-TeamsCaa20002 -Force -TimeoutSeconds 1");

            Assert.Null(result.Terminating);
            var summary = Assert.IsType<TeamsRepairSummary>(Assert.Single(result.Output).BaseObject);
            Assert.Equal(RepairOutcome.NothingToFix, summary.Outcome);
            Assert.Empty(summary.ProblemsBefore);
            Assert.Empty(result.Objects<TeamsRepairStep>());
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("ipconfig"));
            Assert.Contains(s.Machine.SimulatedNetwork.Probed, p => p.Host == "login.microsoftonline.com");
        }

        [Fact]
        public void ANotProbedWarningIsNoRepairProblemAndNoNameResolutionFailure()
        {
            var findings = new FindingFactory("PC01", DateTime.UtcNow);
            using var s = new SimulatedSession();
            var checks = new EndpointProbeChecks(s.Machine, findings);
            var notProbed = ProbeRound.NotStarted(Login, "the probe of login.microsoftonline.com got its thread only after the deadline.");

            var finding = checks.Endpoints(new[] { notProbed }, tlsRegistryFails: false);

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.False(PcFixability.IsProblem(finding));
            Assert.False(RepairProblems.NameNotResolved(finding));
        }
    }
}
