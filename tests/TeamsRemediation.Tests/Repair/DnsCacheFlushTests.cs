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
        public void A_cached_failed_lookup_is_flushed_recorded_first_and_the_name_resolves_again()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
                var host = new ScriptedHost(pc);
                var log = new MachineLog(pc);

                var result = new DnsCacheFlush(pc, host, log).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.Done, result.Status);
                Assert.True(result.Fixed);
                Assert.Equal(0, result.ExitCode);
                Assert.True(result.Recorded);
                Assert.Equal(new[] { Path.Combine(pc.WindowsPath, "System32", "ipconfig.exe") + " /flushdns" }, pc.CommandRunner.Calls.ToArray());
                Assert.Contains("before: login.microsoftonline.com: NameNotResolved (login.microsoftonline.com did not resolve (the DNS client's "
                    + "cached answer).)", result.Evidence);
                Assert.Contains(result.Evidence, e => e.StartsWith("after: login.microsoftonline.com: Ok", StringComparison.Ordinal));
                Assert.Single(result.Evidence, e => e.StartsWith("after: ", StringComparison.Ordinal));
                Assert.Contains("login.microsoftonline.com", result.Reason);
                var lines = File.ReadAllLines(log.FilePath);
                Assert.Contains("[Repair] DnsFlush on PC01: running 'ipconfig /flushdns' because the sign-in name(s) login.microsoftonline.com",
                    lines[0]);
                Assert.EndsWith("DnsFlush on PC01: Done (exit code 0), the check after it passes", lines[1]);
                Assert.Contains("ipconfig /flushdns", Assert.Single(host.Questions));
            }
        }

        [Fact]
        public void A_name_the_DNS_server_does_not_know_still_fails_after_the_flush_and_the_result_says_so()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.Declare("login.microsoftonline.com", ProbeOutcome.NameNotResolved, "No such host is known.");
                var log = new MachineLog(pc);

                var result = new DnsCacheFlush(pc, new ScriptedHost(pc), log).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.Done, result.Status);
                Assert.False(result.Fixed);
                Assert.Contains("after: login.microsoftonline.com: NameNotResolved (No such host is known.)", result.Evidence);
                Assert.EndsWith("the check after it still fails", File.ReadAllLines(log.FilePath).Last());
            }
        }

        [Fact]
        public void When_every_name_resolves_nothing_is_flushed()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.Declare("teams.microsoft.com", ProbeOutcome.ConnectFailed, "Connection refused.");
                var host = new ScriptedHost(pc);

                var result = new DnsCacheFlush(pc, host, new MachineLog(pc)).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.NotNeeded, result.Status);
                Assert.Null(result.Fixed);
                Assert.Equal(SignInCloud.Commercial.Endpoints.Count, result.Evidence.Length);
                Assert.Empty(host.Questions);
                Assert.Empty(pc.CommandRunner.Calls);
            }
        }

        [Fact]
        public void A_name_not_probed_before_the_deadline_is_no_reason_to_flush_and_is_not_called_resolving()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.StartLate("login.microsoftonline.com");
                var host = new ScriptedHost(pc);

                var result = new DnsCacheFlush(pc, host, new MachineLog(pc)).Run(SignInCloud.Commercial.Endpoints, null,
                    TimeSpan.FromSeconds(1));

                Assert.Equal(MachineActionStatus.NotNeeded, result.Status);
                Assert.Null(result.Fixed);
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
        public void A_name_not_probed_again_after_the_flush_leaves_the_outcome_unknown_never_fixed()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                // The cached failure answers at once before the flush; after it the probe of that name gets no thread in time.
                pc.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
                pc.SimulatedNetwork.StartLate("login.microsoftonline.com");
                var log = new MachineLog(pc);

                var result = new DnsCacheFlush(pc, new ScriptedHost(pc), log).Run(SignInCloud.Commercial.Endpoints, null,
                    TimeSpan.FromSeconds(1));

                Assert.Equal(MachineActionStatus.Done, result.Status);
                Assert.Null(result.Fixed);
                Assert.Contains(result.Evidence, e => e.StartsWith("after: login.microsoftonline.com: NotProbed", StringComparison.Ordinal));
                Assert.EndsWith("DnsFlush on PC01: Done (exit code 0)", File.ReadAllLines(log.FilePath).Last());
            }
        }

        [Fact]
        public void WhatIf_names_the_step_and_flushes_nothing()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
                var host = new ScriptedHost(pc, Consent.WhatIf);
                var log = new MachineLog(pc);

                var result = new DnsCacheFlush(pc, host, log).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.WhatIf, result.Status);
                Assert.Contains("look up login.microsoftonline.com again", Assert.Single(host.Questions));
                Assert.Empty(pc.CommandRunner.Calls);
                Assert.False(File.Exists(log.FilePath));
                var stillCached = new DnsCacheFlush(pc, new ScriptedHost(pc, Consent.No), log).Run(SignInCloud.Commercial.Endpoints, null, Deadline);
                Assert.Equal(MachineActionStatus.Declined, stillCached.Status);
                Assert.Contains("before: login.microsoftonline.com: NameNotResolved", stillCached.Evidence[0]);
            }
        }

        [Fact]
        public void A_failing_ipconfig_is_an_error_and_no_second_probe_runs()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
                pc.CommandRunner.Record("ipconfig", CommandResult.Completed(1, string.Empty), "/flushdns");
                var host = new ScriptedHost(pc);

                var result = new DnsCacheFlush(pc, host, new MachineLog(pc)).Run(SignInCloud.Commercial.Endpoints, null, Deadline);

                Assert.Equal(MachineActionStatus.Failed, result.Status);
                Assert.Equal(1, result.ExitCode);
                Assert.Null(result.Fixed);
                var error = Assert.Single(host.Errors);
                Assert.Equal("DnsFlushFailed", error.Id);
                Assert.Contains("ipconfig exited with code 1", error.Message);
                Assert.DoesNotContain(result.Evidence, e => e.StartsWith("after: ", StringComparison.Ordinal));
                Assert.Equal(SignInCloud.Commercial.Endpoints.Count, pc.SimulatedNetwork.Probed.Count);
            }
        }

        [Fact]
        public void No_endpoint_to_probe_is_a_caller_error()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                Assert.Throws<ArgumentException>(() => new DnsCacheFlush(pc, new ScriptedHost(pc), new MachineLog(pc)).Run(new ProbeEndpoint[0], null,
                    Deadline));
            }
        }
    }
}
