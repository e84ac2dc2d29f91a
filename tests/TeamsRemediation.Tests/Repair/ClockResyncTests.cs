using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Hosting;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>Rung 3, the clock: w32tm /resync only when the clock check failed, never on a DC, reported under a time policy.</summary>
    public sealed class ClockResyncTests
    {
        [Fact]
        public void ASkewedClockIsResyncedRecordedFirstAndTheClockCheckPassesAfterIt()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                pc.Machine.SimulatedNetwork.ServerClockOffset = TimeSpan.FromMinutes(12);
                using var session = new ModuleSession(pc.Machine);
                var before = ClockFinding(session);
                Assert.Equal(FindingStatus.Fail, before.Status);
                var host = new ScriptedHost(pc.Machine);
                var log = new MachineLog(pc.Machine);

                var result = new ClockResync(pc.Machine, host, log).Run(before);

                Assert.Equal(MachineActionStatus.Done, result.Status);
                Assert.Equal(0, result.ExitCode);
                Assert.True(result.Recorded);
                Assert.Equal(new[] { Path.Combine(pc.Machine.WindowsPath, "System32", "w32tm.exe") + " /resync" },
                    pc.Machine.CommandRunner.Calls.Where(c => c.Contains("w32tm")).ToArray());
                var lines = File.ReadAllLines(log.FilePath);
                Assert.Equal(2, lines.Length);
                Assert.Contains("[Repair] ClockResync on PC01: running 'w32tm /resync' because the clock is ", lines[0]);
                Assert.Contains(" behind the sign-in service (more than 5 minutes)", lines[0]);
                Assert.EndsWith("[Repair] ClockResync on PC01: Done (exit code 0)", lines[1]);
                Assert.Single(host.Questions);
                Assert.Equal(FindingStatus.Pass, ClockFinding(session).Status);
            }
        }

        [Fact]
        public void WhatIfAndNoRunNothingAndWriteNothing()
        {
            foreach (var answer in new[] { Consent.WhatIf, Consent.No })
            {
                using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
                {
                    pc.SimulatedNetwork.ServerClockOffset = TimeSpan.FromMinutes(12);
                    var host = new ScriptedHost(pc, answer);
                    var log = new MachineLog(pc);

                    var result = new ClockResync(pc, host, log).Run(Skewed());

                    Assert.Equal(answer == Consent.WhatIf ? MachineActionStatus.WhatIf : MachineActionStatus.Declined, result.Status);
                    Assert.Contains("w32tm /resync", Assert.Single(host.Questions));
                    Assert.Contains("no one is signed out", result.Cost);
                    Assert.DoesNotContain(pc.CommandRunner.Calls, c => c.Contains("w32tm"));
                    Assert.False(File.Exists(log.FilePath));
                    Assert.Equal(TimeSpan.FromMinutes(12), pc.SimulatedNetwork.ServerClockOffset);
                }
            }
        }

        [Fact]
        public void ADomainControllerIsNotResynced()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TimeServicePolicy.ProductOptionsKey), "ProductType",
                    RegistryValue.String("LanmanNT"));
                var host = new ScriptedHost(pc);

                var result = new ClockResync(pc, host, new MachineLog(pc)).Run(Skewed());

                Assert.Equal(MachineActionStatus.NotAllowed, result.Status);
                Assert.Contains("domain controller", result.Reason);
                Assert.Empty(host.Questions);
                Assert.DoesNotContain(pc.CommandRunner.Calls, c => c.Contains("w32tm"));
            }
        }

        [Fact]
        public void ATimeSourceSetByPolicyIsReportedWithItsValuesAndNotChanged()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TimeServicePolicy.PolicyKey + @"\Parameters"),
                    "NtpServer", RegistryValue.String("time.contoso.com,0x9"));
                pc.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TimeServicePolicy.PolicyKey + @"\Parameters"), "Type",
                    RegistryValue.String("NTP"));
                var host = new ScriptedHost(pc);

                var result = new ClockResync(pc, host, new MachineLog(pc)).Run(Skewed());

                Assert.Equal(MachineActionStatus.ManagedByPolicy, result.Status);
                Assert.Contains(@"HKLM\SOFTWARE\Policies\Microsoft\W32Time\Parameters\NtpServer = 'time.contoso.com,0x9' (REG_SZ)", result.Evidence);
                Assert.Contains(result.Evidence, e => e.EndsWith(@"\Parameters\Type = 'NTP' (REG_SZ)", StringComparison.Ordinal));
                Assert.Contains("time.contoso.com", result.Reason);
                Assert.Empty(host.Questions);
                Assert.DoesNotContain(pc.CommandRunner.Calls, c => c.Contains("w32tm"));
            }
        }

        [Fact]
        public void ThePlanAsksAndRunsNothingAndOnlyAPlanThatMayActIsCarriedOut()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                var host = new ScriptedHost(pc);
                var resync = new ClockResync(pc, host, new MachineLog(pc));

                var plan = ClockResync.Plan(pc, Skewed());
                Assert.Equal(MachineActionStatus.WhatIf, plan.Status);
                Assert.Empty(host.Questions);
                Assert.Empty(pc.CommandRunner.Calls);
                var notNeeded = ClockResync.Plan(pc, null);
                Assert.Same(notNeeded, resync.Resync(notNeeded));
                Assert.Equal(MachineActionStatus.NotNeeded, notNeeded.Status);
                Assert.Empty(pc.CommandRunner.Calls);
                var dnsPlan = DnsCacheFlush.Plan(pc, TeamsRemediation.Clouds.SignInCloud.Commercial.Endpoints, null, TimeSpan.FromSeconds(5));
                Assert.Equal("plan", Assert.Throws<ArgumentException>(() => resync.Resync(dnsPlan)).ParamName);

                Assert.Equal(MachineActionStatus.Done, resync.Resync(plan).Status);
                Assert.Single(host.Questions);
                Assert.Single(pc.CommandRunner.Calls, c => c.Contains("w32tm"));
            }
        }

        [Fact]
        public void APolicyThatOnlyTunesRatesDoesNotCountAsAManagedSource()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TimeServicePolicy.PolicyKey + @"\Config"),
                    "MaxAllowedPhaseOffset", RegistryValue.DWord(300));

                var result = new ClockResync(pc, new ScriptedHost(pc), new MachineLog(pc)).Run(Skewed());

                Assert.Equal(MachineActionStatus.Done, result.Status);
            }
        }

        [Fact]
        public void AStandardUserCannotResyncAndNothingRuns()
        {
            var machine = SimulatedPc.Create();
            var alice = machine.AddUser("alice", loggedOn: true);
            machine.RunAs(alice, elevated: false);
            using (var pc = machine.Machine)
            {
                var host = new ScriptedHost(pc);

                var result = new ClockResync(pc, host, new MachineLog(pc)).Run(Skewed());

                Assert.Equal(MachineActionStatus.NotAllowed, result.Status);
                Assert.Contains("administrator", result.Reason);
                Assert.DoesNotContain(pc.CommandRunner.Calls, c => c.Contains("w32tm"));
            }
        }

        [Fact]
        public void AFailingW32tmIsAnErrorWithItsExitCodeAndTheOutcomeIsLogged()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.CommandRunner.Record("w32tm", CommandResult.Completed(unchecked((int)0x80070426), "Der Dienst wurde nicht gestartet."), "/resync");
                var host = new ScriptedHost(pc);
                var log = new MachineLog(pc);

                var result = new ClockResync(pc, host, log).Run(Skewed());

                Assert.Equal(MachineActionStatus.Failed, result.Status);
                Assert.Equal(unchecked((int)0x80070426), result.ExitCode);
                var error = Assert.Single(host.Errors);
                Assert.Equal("ClockResyncFailed", error.Id);
                Assert.Equal(TeamsRemediation.Errors.ModuleErrorCategory.InvalidResult, error.Category);
                Assert.Contains("0x80070426", error.Message);
                Assert.EndsWith("Failed (exit code -2147023834)", File.ReadAllLines(log.FilePath).Last());
            }
        }

        [Fact]
        public void AStoppedTimeServiceIsStartedAndTheResyncAskedOnceMore()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                var machine = pc.Machine;
                machine.SimulatedNetwork.ServerClockOffset = TimeSpan.FromMinutes(12);
                machine.CommandRunner.Record("w32tm", CommandResult.Completed(ClockResync.TimeServiceNotStarted, "Der Dienst wurde nicht gestartet."),
                    "/resync");
                machine.CommandRunner.RecordWithEffect("net", CommandResult.Completed(0, "Der Dienst wurde erfolgreich gestartet."),
                    "^start w32time$", () => machine.CommandRunner.RecordWithEffect("w32tm", CommandResult.Completed(0, "OK"), "^/resync$",
                        () => machine.SimulatedNetwork.ServerClockOffset = TimeSpan.Zero));

                var result = new ClockResync(machine, new ScriptedHost(machine), new MachineLog(machine)).Run(Skewed());

                Assert.Equal(MachineActionStatus.Done, result.Status);
                var system32 = Path.Combine(machine.WindowsPath, "System32");
                Assert.Equal(new[] { Path.Combine(system32, "w32tm.exe") + " /resync", Path.Combine(system32, "net.exe") + " start w32time",
                    Path.Combine(system32, "w32tm.exe") + " /resync" }, machine.CommandRunner.Calls.ToArray());
                Assert.Contains("The Windows Time service was stopped: 'net start w32time' started it.", result.Evidence);
                Assert.Equal(TimeSpan.Zero, machine.SimulatedNetwork.ServerClockOffset);
            }
        }

        [Fact]
        public void ATimeServiceThatDoesNotStartLeavesTheResyncFailedWithBothReasons()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                pc.CommandRunner.Record("w32tm", CommandResult.Completed(ClockResync.TimeServiceNotStarted, string.Empty), "/resync");
                pc.CommandRunner.Record("net", CommandResult.Completed(2, "Systemfehler 1058."), "start w32time");
                var host = new ScriptedHost(pc);

                var result = new ClockResync(pc, host, new MachineLog(pc)).Run(Skewed());

                Assert.Equal(MachineActionStatus.Failed, result.Status);
                Assert.Single(pc.CommandRunner.Calls, c => c.EndsWith("w32tm.exe /resync", StringComparison.Ordinal));
                var stopped = Assert.Single(result.Evidence, e => e.StartsWith("The Windows Time service was stopped: ", StringComparison.Ordinal));
                Assert.DoesNotContain("started it.", stopped);
                Assert.Equal("ClockResyncFailed", Assert.Single(host.Errors).Id);
            }
        }

        [Fact]
        public void OnlyAFailedClockCheckCallsForAResync()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                var findings = new FindingFactory("PC01", DateTime.UtcNow);
                var host = new ScriptedHost(pc);
                var resync = new ClockResync(pc, host, new MachineLog(pc));

                var passed = resync.Run(findings.Make(CheckIds.NetworkClockSkew, null, FindingStatus.Pass, "The clock is right."));
                var skipped = resync.Run(findings.Skipped(CheckIds.NetworkClockSkew, null, "no endpoint answered"));
                var other = resync.Run(findings.Make(CheckIds.TlsWinHttp, null, FindingStatus.Fail, "TLS 1.2 is off."));
                var none = resync.Run(null);

                Assert.All(new[] { passed, skipped, other, none }, r => Assert.Equal(MachineActionStatus.NotNeeded, r.Status));
                Assert.Contains("Pass", passed.Reason);
                Assert.Empty(host.Questions);
                Assert.DoesNotContain(pc.CommandRunner.Calls, c => c.Contains("w32tm"));
            }
        }

        [Fact]
        public void A32BitHostReachesW32tmThroughSysnative()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Bitness32().Machine)
            {
                new ClockResync(pc, new ScriptedHost(pc), new MachineLog(pc)).Run(Skewed());

                Assert.Contains(Path.Combine(pc.WindowsPath, "Sysnative", "w32tm.exe") + " /resync", pc.CommandRunner.Calls);
            }
        }

        private static TeamsCaa20002Finding Skewed() => new FindingFactory("PC01", DateTime.UtcNow).Make(CheckIds.NetworkClockSkew, null,
            FindingStatus.Fail, "The clock is off by 12 minutes (more than 5 minutes).", new[] { "login.microsoftonline.com Date header" });

        private static TeamsCaa20002Finding ClockFinding(ModuleSession session) => session.Run("Test-TeamsCaa20002 -CheckId Network.ClockSkew")
            .Objects<TeamsCaa20002Finding>().Single();
    }
}
