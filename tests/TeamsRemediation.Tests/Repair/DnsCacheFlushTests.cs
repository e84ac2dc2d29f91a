using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Clouds;
using TeamsRemediation.Hosting;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>Rung 3, DNS: the resolver cache is flushed only when a sign-in name does not resolve, then the names are probed again.</summary>
    public sealed class DnsCacheFlushTests
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

        [Fact]
        public void ACachedFailedLookupIsFlushedRecordedFirstAndTheNameResolvesAgain()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
                var host = new ScriptedHost(pc);
                var log = new MachineLog(pc);

                var result = new DnsCacheFlush(pc, host, log).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.Done, result.Status);
                Assert.Equal(0, result.ExitCode);
                Assert.True(result.Recorded);
                Assert.Equal(new[] { Path.Combine(pc.WindowsPath, "System32", "ipconfig.exe") + " /flushdns" }, pc.CommandRunner.Calls.ToArray());
                Assert.Contains("before: login.microsoftonline.com: NameNotResolved (login.microsoftonline.com did not resolve (the DNS client's "
                    + "cached answer).)", result.Evidence);
                Assert.All(result.Evidence, e => Assert.StartsWith("before: ", e, StringComparison.Ordinal));
                Assert.Contains("login.microsoftonline.com", result.Reason);
                var lines = File.ReadAllLines(log.FilePath);
                Assert.Contains("[Repair] DnsFlush on PC01: running 'ipconfig /flushdns' because the sign-in name login.microsoftonline.com",
                    lines[0]);
                Assert.EndsWith("DnsFlush on PC01: Done (exit code 0)", lines[1]);
                Assert.Contains("ipconfig /flushdns", Assert.Single(host.Questions));
                Assert.Equal(MachineActionStatus.NotNeeded, DnsCacheFlush.Plan(pc, SignInCloud.Commercial.Endpoints, null, Deadline).Status);
            }
        }

        [Fact]
        public void TheProbesOfThePlanAreTheOnlyOnesBeforeTheFlushAndTheFlushProbesNothing()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
                var flush = new DnsCacheFlush(pc, new ScriptedHost(pc), new MachineLog(pc));

                var plan = DnsCacheFlush.Plan(pc, SignInCloud.Commercial.Endpoints, null, Deadline);
                Assert.Equal(MachineActionStatus.WhatIf, plan.Status);
                Assert.Empty(pc.CommandRunner.Calls);
                var probed = pc.SimulatedNetwork.Probed.Select(e => e.Host).ToList();
                var result = flush.Flush(plan);

                Assert.Equal(SignInCloud.Commercial.Endpoints.Select(e => e.Host).OrderBy(h => h), probed.OrderBy(h => h));
                Assert.Equal(probed, pc.SimulatedNetwork.Probed.Select(e => e.Host));
                Assert.Equal(MachineActionStatus.Done, result.Status);
                Assert.Single(pc.CommandRunner.Calls);
            }
        }

        [Fact]
        public void ANameTheDNSServerDoesNotKnowIsFlushedAndStillDoesNotResolve()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.Declare("login.microsoftonline.com", ProbeOutcome.NameNotResolved, "No such host is known.");
                var log = new MachineLog(pc);

                var result = new DnsCacheFlush(pc, new ScriptedHost(pc), log).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.Done, result.Status);
                Assert.Contains("before: login.microsoftonline.com: NameNotResolved (No such host is known.)", result.Evidence);
                Assert.EndsWith("DnsFlush on PC01: Done (exit code 0)", File.ReadAllLines(log.FilePath).Last());
                var again = DnsCacheFlush.Plan(pc, SignInCloud.Commercial.Endpoints, null, Deadline);
                Assert.Equal("the sign-in name login.microsoftonline.com did not resolve.", again.Reason);
            }
        }

        [Fact]
        public void WhenEveryNameResolvesNothingIsFlushed()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.Declare("teams.microsoft.com", ProbeOutcome.ConnectFailed, "Connection refused.");
                var host = new ScriptedHost(pc);

                var result = new DnsCacheFlush(pc, host, new MachineLog(pc)).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.NotNeeded, result.Status);
                Assert.Equal(SignInCloud.Commercial.Endpoints.Count, result.Evidence.Length);
                Assert.Empty(host.Questions);
                Assert.Empty(pc.CommandRunner.Calls);
            }
        }

        [Fact]
        public void ANameNotProbedBeforeTheDeadlineIsNoReasonToFlushAndIsNotCalledResolving()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.StartLate("login.microsoftonline.com");
                var host = new ScriptedHost(pc);

                var result = new DnsCacheFlush(pc, host, new MachineLog(pc)).Run(SignInCloud.Commercial.Endpoints, null,
                    TimeSpan.FromSeconds(1));

                Assert.Equal(MachineActionStatus.NotNeeded, result.Status);
                Assert.StartsWith("no sign-in name failed to resolve, but login.microsoftonline.com could not be probed before the deadline",
                    result.Reason);
                Assert.EndsWith(TeamsRemediation.Diagnostics.Remedies.LargerTimeout, result.Reason);
                Assert.Contains(result.Evidence, e => e.StartsWith("before: login.microsoftonline.com: NotProbed (Not probed before the deadline",
                    StringComparison.Ordinal));
                Assert.Empty(host.Questions);
                Assert.Empty(pc.CommandRunner.Calls);
            }
        }

        [Fact]
        public void WhatIfNamesTheStepAndFlushesNothing()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
                var host = new ScriptedHost(pc, Consent.WhatIf);
                var log = new MachineLog(pc);

                var result = new DnsCacheFlush(pc, host, log).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.WhatIf, result.Status);
                Assert.Contains("because the sign-in name login.microsoftonline.com did not resolve", Assert.Single(host.Questions));
                Assert.Empty(pc.CommandRunner.Calls);
                Assert.False(File.Exists(log.FilePath));
                var stillCached = new DnsCacheFlush(pc, new ScriptedHost(pc, Consent.No), log).Run(SignInCloud.Commercial.Endpoints, null, Deadline);
                Assert.Equal(MachineActionStatus.Declined, stillCached.Status);
                Assert.Contains("before: login.microsoftonline.com: NameNotResolved", stillCached.Evidence[0]);
            }
        }

        [Fact]
        public void AFailingIpconfigIsAnErrorAndNoSecondProbeRuns()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
                pc.CommandRunner.Record("ipconfig", CommandResult.Completed(1, string.Empty), "/flushdns");
                var host = new ScriptedHost(pc);

                var result = new DnsCacheFlush(pc, host, new MachineLog(pc)).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.Failed, result.Status);
                Assert.Equal(1, result.ExitCode);
                var error = Assert.Single(host.Errors);
                Assert.Equal("DnsFlushFailed", error.Id);
                Assert.Contains("ipconfig exited with code 1", error.Message);
                Assert.DoesNotContain(result.Evidence, e => e.StartsWith("after: ", StringComparison.Ordinal));
                Assert.Equal(SignInCloud.Commercial.Endpoints.Count, pc.SimulatedNetwork.Probed.Count);
            }
        }

        [Fact]
        public void NoEndpointToProbeIsACallerError()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                Assert.Throws<ArgumentException>(() => new DnsCacheFlush(pc, new ScriptedHost(pc), new MachineLog(pc)).Run(new ProbeEndpoint[0], null,
                    Deadline));
            }
        }
    }
}
