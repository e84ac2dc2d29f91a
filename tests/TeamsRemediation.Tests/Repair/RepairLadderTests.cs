using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Hosting;
using TeamsRemediation.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// The ladder on simulated PCs broken one way each, its rung services injected: each ends with the failing checks passing, or
    /// with NeedsAdmin / NeedsUser and no change.
    /// </summary>
    public sealed class RepairLadderTests
    {
        private static void NoProblemLeft(LadderScenario l) =>
            Assert.DoesNotContain(l.After, f => f.Status == FindingStatus.Fail);

        [Fact]
        public void TlsOffEndsPassingAndNeedsAReboot()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);

            var l = new LadderScenario(s);

            Assert.Equal(FindingStatus.Fail, l.BeforeOf(CheckIds.TlsSchannel).Status);
            Assert.Equal(FindingStatus.Pass, l.AfterOf(CheckIds.TlsSchannel).Status);
            Assert.Equal(RepairStepStatus.Done, l.Step(RepairStepName.Tls).Status);
            NoProblemLeft(l);
            Assert.Equal(RepairOutcome.NeedsReboot, l.Summary.Outcome);
            Assert.Equal(new[] { "Evidence" }, l.Fakes.Calls);
        }

        [Fact]
        public void WamDisabledByAPolicyValueIsResetInTheUsersSessionAndTheCheckPasses()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.WamDisabledByPolicy(alice);

            var l = new LadderScenario(s);

            Assert.Equal(FindingStatus.Fail, l.BeforeOf(CheckIds.AccountWamPolicy).Status);
            var reset = l.Step(RepairStepName.AccountReset);
            Assert.Equal(RepairStepStatus.Done, reset.Status);
            Assert.Equal(alice.UserName, reset.User);
            Assert.Equal("signs " + alice.UserName + " out of Teams (they sign in again); removed values are journaled", reset.Cost);
            Assert.Contains(reset.After, a => a.StartsWith("Pass Account.WamPolicy"));
            Assert.Equal(new[] { "Evidence", "Account " + alice.UserName }, l.Fakes.Calls);
            NoProblemLeft(l);
            Assert.Equal(RepairOutcome.Fixed, l.Summary.Outcome);
            Assert.Equal(0, l.Summary.ExitCode);
        }

        [Fact]
        public void AStaleCacheWithEvidenceIsCopiedFirstThenLightlyClearedKeepingBackgroundsAndLogs()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20002");
            var log = Directory.GetFiles(Path.Combine(alice.ProfilePath, "AppData", "Local", "Packages"), "MSTeams_*.log",
                    SearchOption.AllDirectories)
                .Single();

            var l = new LadderScenario(s);

            Assert.Equal(FindingStatus.Warning, l.BeforeOf(CheckIds.TeamsCache).Status);
            Assert.Equal(FindingStatus.Fail, l.BeforeOf(CheckIds.EvidenceAadEvents).Status);
            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.CacheLight }, l.Steps.Select(x => x.Step));

            // The copy ran while the cache was still there, and holds the log.
            Assert.Equal(new[] { BrokenPc.GpuCache(alice) + ": True 1" }, l.Fakes.CacheSeenAtCopy);
            Assert.True(File.Exists(Path.Combine(l.Fakes.ReportFolder, alice.Sid, "Logs", Path.GetFileName(log))));

            var light = l.Step(RepairStepName.CacheLight);
            Assert.Equal(RepairStepStatus.Done, light.Status);
            Assert.False(File.Exists(Path.Combine(BrokenPc.GpuCache(alice), "data_0")));
            // Only the light folders went, into the backup: the code cache and IndexedDB stay.
            Assert.Equal(new[] { "GPUCache" }, Directory.GetFiles(Path.GetDirectoryName(light.JournalPath)!, "data_0",
                SearchOption.AllDirectories).Select(f => Path.GetFileName(Path.GetDirectoryName(f))));
            Assert.True(File.Exists(Path.Combine(BrokenPc.IndexedDb(alice), "data_0")));
            Assert.True(File.Exists(BrokenPc.Background(alice)));
            Assert.True(File.Exists(log));
            Assert.True(File.Exists(light.JournalPath));
            Assert.Contains(light.After, a => a.StartsWith("Pass Teams.Cache"));
            Assert.Contains(light.After, a => a.StartsWith("Pass Evidence.AadEvents"));
            NoProblemLeft(l);
            Assert.Equal(RepairOutcome.Fixed, l.Summary.Outcome);
        }

        [Fact]
        public void WithoutTheEvidenceCopyTheCacheIsLeftAlone()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20002");

            var l = new LadderScenario(s, arrange: f => f.EvidenceCopyFails = true);

            Assert.Equal(RepairStepStatus.Failed, l.Step(RepairStepName.EvidenceCopy).Status);
            Assert.Equal(RepairStepStatus.Skipped, l.Step(RepairStepName.CacheLight).Status);
            Assert.True(File.Exists(Path.Combine(BrokenPc.GpuCache(alice), "data_0")));
            Assert.Equal(RepairOutcome.NotFixed, l.Summary.Outcome);
            Assert.Equal(1, l.Summary.ExitCode);
        }

        [Fact]
        public void EveryRungServiceIsRequired()
        {
            using var s = new SimulatedSession();
            var fakes = new FakeRepairs(s.Machine);

            Assert.Equal("evidence", Assert.Throws<ArgumentNullException>(() => new RepairServices(null!, fakes, fakes, fakes)).ParamName);
            Assert.Equal("adminPack", Assert.Throws<ArgumentNullException>(() => new RepairServices(fakes, null!, fakes, fakes)).ParamName);
            Assert.Equal("machine", Assert.Throws<ArgumentNullException>(() => new RepairServices(fakes, fakes, null!, fakes)).ParamName);
            Assert.Equal("user", Assert.Throws<ArgumentNullException>(() => new RepairServices(fakes, fakes, fakes, null!)).ParamName);
        }

        [Fact]
        public void ALaterSignInErrorAfterALightClearBringsTheFullClearIntoABackup()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20002");
            var first = new LadderScenario(s);
            Assert.Equal(RepairStepStatus.Done, first.Step(RepairStepName.CacheLight).Status);

            // The error comes back after the light clear (the folder's time is to the second).
            s.Machine.SimulatedClock.Set(s.Machine.Clock.UtcNow.AddMinutes(5));
            s.Machine.SimulatedEvents.Add(new TeamsRemediation.Platform.AadEvent(s.Machine.Clock.UtcNow.AddMinutes(-1), alice.Sid,
                "Error: 0xCAA20002 again\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));
            var second = new LadderScenario(s);

            var full = second.Step(RepairStepName.CacheFull);
            Assert.Equal(RepairStepStatus.Done, full.Status);
            Assert.Contains("did not help", full.Action);
            Assert.False(File.Exists(Path.Combine(BrokenPc.IndexedDb(alice), "data_0")));
            Assert.True(File.Exists(BrokenPc.Background(alice)));
            Assert.True(File.Exists(full.JournalPath));
            Assert.Contains(Path.Combine("TeamsRemediation", "Backups"), full.JournalPath);
        }

        [Fact]
        public void ClockSkewIsResyncedAndTheClockCheckPasses()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.ClockSkew(s);

            var l = new LadderScenario(s);

            Assert.Equal(FindingStatus.Fail, l.BeforeOf(CheckIds.NetworkClockSkew).Status);
            Assert.Equal(RepairStepStatus.Done, l.Step(RepairStepName.ClockResync).Status);
            Assert.Equal(FindingStatus.Pass, l.AfterOf(CheckIds.NetworkClockSkew).Status);
            Assert.Equal(RepairOutcome.Fixed, l.Summary.Outcome);
        }

        [Fact]
        public void AClockManagedByPolicyIsReportedForTheAdminAndNotChanged()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.ClockSkew(s);
            var l = new LadderScenario(s, arrange: f => f.ClockAnswer = RepairStepStatus.NeedsAdmin);

            Assert.Equal(RepairStepStatus.NeedsAdmin, l.Step(RepairStepName.ClockResync).Status);
            Assert.Equal(FindingStatus.Fail, l.AfterOf(CheckIds.NetworkClockSkew).Status);
            Assert.Equal(RepairOutcome.NeedsAdmin, l.Summary.Outcome);
            Assert.Equal(3, l.Summary.ExitCode);
        }

        [Fact]
        public void ADnsFailureIsFlushedAndTheEndpointsAnswerAgain()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.DnsFailure(s);

            var l = new LadderScenario(s);

            Assert.Equal(FindingStatus.Fail, l.BeforeOf(CheckIds.NetworkEndpoint).Status);
            var dns = l.Step(RepairStepName.DnsFlush);
            Assert.Equal(RepairStepStatus.Done, dns.Status);
            Assert.Contains(dns.After, a => a.StartsWith("Pass Network.Endpoint"));
            Assert.Equal(RepairOutcome.Fixed, l.Summary.Outcome);
        }

        [Fact]
        public void AMissingBrokerPluginIsRegisteredAgainByTheAccountReset()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.BrokerPluginMissing(s, alice);

            var l = new LadderScenario(s);

            Assert.Equal(FindingStatus.Warning, l.BeforeOf(CheckIds.AccountBrokerPlugin).Status);
            Assert.Equal(RepairStepStatus.Done, l.Step(RepairStepName.AccountReset).Status);
            Assert.Equal(FindingStatus.Pass, l.AfterOf(CheckIds.AccountBrokerPlugin).Status);
            Assert.Equal(RepairOutcome.Fixed, l.Summary.Outcome);
        }

        [Fact]
        public void Caa50021EvidenceWaitsForTheOptInAndIsThenRepairedWithARestart()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA50021");

            var without = new LadderScenario(s);

            Assert.Equal(RepairStepStatus.NotOptedIn, without.Step(RepairStepName.BrokerRepair).Status);
            Assert.Contains("-RepairBroker", without.Step(RepairStepName.BrokerRepair).Detail);
            Assert.DoesNotContain("Broker " + alice.UserName, without.Fakes.Calls);
            Assert.Contains(without.Summary.ProblemsAfter, p => p.StartsWith("Fail Evidence.AadEvents") && p.Contains("CAA50021"));
            Assert.Equal(RepairOutcome.Improved, without.Summary.Outcome);
            Assert.Equal(1, without.Summary.ExitCode);

            var with = new LadderScenario(s, new RepairOptions { RepairBroker = true });

            var broker = with.Step(RepairStepName.BrokerRepair);
            Assert.Equal(RepairStepStatus.Done, broker.Status);
            Assert.True(broker.RebootRequired);
            Assert.Contains("Broker " + alice.UserName, with.Fakes.Calls);
            Assert.Contains(broker.After, a => a.StartsWith("Pass Evidence.AadEvents"));
            Assert.Equal(RepairOutcome.NeedsReboot, with.Summary.Outcome);
            Assert.Equal(2, with.Summary.ExitCode);
        }

        [Fact]
        public void ATenantOwnedAadstsCodeChangesNothingAndWritesTheAdminPack()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003");
            var before = TreeSnapshot.Take(alice.ProfilePath);

            var l = new LadderScenario(s);

            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.AdminPack }, l.Steps.Select(x => x.Step));
            Assert.Equal(RepairStepStatus.NeedsAdmin, l.Step(RepairStepName.AdminPack).Status);
            Assert.True(File.Exists(Path.Combine(l.Fakes.ReportFolder, "AdminPack.txt")));
            Assert.Equal(new[] { "Evidence", "AdminPack" }, l.Fakes.Calls);
            Assert.Equal(before, TreeSnapshot.Take(alice.ProfilePath));
            Assert.Equal(RepairOutcome.NeedsAdmin, l.Summary.Outcome);
            Assert.Equal(3, l.Summary.ExitCode);
        }

        [Fact]
        public void AClassicOnlyUserIsTheAdminsWithNoChange()
        {
            using var s = new SimulatedSession();
            BrokenPc.ClassicOnly(s, "alice");
            RecordDsreg(s);
            var before = TreeSnapshot.Take(s.Machine.RootFolder);

            var l = new LadderScenario(s);

            Assert.Equal(RepairStepStatus.NeedsAdmin, l.Step(RepairStepName.Reinstall).Status);
            Assert.Equal(RepairOutcome.NeedsAdmin, l.Summary.Outcome);
            Assert.DoesNotContain(l.Steps, x => x.Status == RepairStepStatus.Done && x.Step != RepairStepName.EvidenceCopy);
            Assert.Equal(before.Where(e => !e.Key.Contains("Reports")),
                TreeSnapshot.Take(s.Machine.RootFolder).Where(e => !e.Key.Contains("Reports")));
        }

        [Fact]
        public void WhatIfListsEveryStepTheFindingsCallForAndChangesNothing()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            BrokenPc.ClockSkew(s);
            BrokenPc.WamDisabledByPolicy(alice);
            BrokenPc.AadError(s, alice, "CAA20002");
            var before = TreeSnapshot.Take(s.Machine.RootFolder);

            var l = new LadderScenario(s, answer: Consent.WhatIf);

            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.ClockResync, RepairStepName.Tls, RepairStepName.AccountReset,
                RepairStepName.CacheLight }, l.Steps.Select(x => x.Step));
            Assert.All(l.Steps, x => Assert.Equal(RepairStepStatus.WhatIf, x.Status));
            Assert.All(l.Steps, x => Assert.NotEqual(string.Empty, x.Cost));
            Assert.Empty(l.Fakes.Calls);
            Assert.Equal(before, TreeSnapshot.Take(s.Machine.RootFolder));
            Assert.Equal(5, l.Host.Questions.Count);
            Assert.Equal(RepairOutcome.WhatIf, l.Summary.Outcome);
        }

        [Fact]
        public void MaximumRungBelowTheCacheLeavesTheCacheAndSaysHowToAllowIt()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20002");

            var l = new LadderScenario(s, new RepairOptions { MaximumRung = RepairRung.UserAccount });

            var cache = l.Step(RepairStepName.CacheLight);
            Assert.Equal(RepairStepStatus.NotOptedIn, cache.Status);
            Assert.Contains("-MaximumRung Cache", cache.Detail);
            Assert.True(File.Exists(Path.Combine(BrokenPc.GpuCache(alice), "data_0")));
        }

        [Fact]
        public void MaximumRungBelowTheAccountLeavesItAndDoesNotCallItDisruptive()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.WamDisabledByPolicy(alice);

            var l = new LadderScenario(s, new RepairOptions { MaximumRung = RepairRung.Machine });

            var reset = l.Step(RepairStepName.AccountReset);
            Assert.Equal(RepairStepStatus.NotOptedIn, reset.Status);
            Assert.Equal("-MaximumRung Machine stops below the user account rung; run with -MaximumRung UserAccount or higher.", reset.Detail);
        }

        private static void RecordDsreg(SimulatedSession s)
        {
            Diagnostics.TestTeamsCaa20002Tests.RecordDsregcmd(s);
            s.Pc.RunAsSystem();
        }
    }
}
