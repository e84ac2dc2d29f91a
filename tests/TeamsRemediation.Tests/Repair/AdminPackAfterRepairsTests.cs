using System;
using System.Collections.Generic;
using System.IO;
using TeamsRemediation.Codes;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Hosting;
using TeamsRemediation.Repair;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Repair.Wiring;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// A PC with a problem it can fix and one only the tenant admin can: the ladder fixes its part and, after the climb, writes the
    /// admin pack for what is left (once per run), so "needs admin" comes with something to send the tenant admin.
    /// </summary>
    public sealed class AdminPackAfterRepairsTests
    {
        private const string Cmd = "TeamsRemediation.Commands.RepairTeamsCaa20002Command";
        private const string Correlation = "5f0c2a91-3b7e-4d2c-9a61-0d4b8e2f7c11";

        [Fact]
        public void TlsOffAndAnAdminOwnedCodeFixesTLSThenWritesThePackWithOnlyTheAdminsFinding()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003\nCorrelation ID: " + Correlation);

            var l = Climb(s);

            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.Tls, RepairStepName.AdminPack }, l.Steps.Select(x => x.Step));
            Assert.Equal(RepairStepStatus.Done, l.Step(RepairStepName.Tls).Status);
            Assert.Equal(FindingStatus.Pass, l.AfterOf(CheckIds.TlsSchannel).Status);
            var step = l.Step(RepairStepName.AdminPack);
            Assert.Equal(RepairStepStatus.NeedsAdmin, step.Status);
            Assert.StartsWith("Write the admin pack for what the repairs left", step.Action);
            Assert.Equal(new[] { "Warning " + CheckIds.EvidenceAadEvents + " " + alice.UserName }, step.Before.Select(b => b.Split(':')[0]));
            Assert.StartsWith("Left after the repairs of this PC: For the user or the tenant admin: " + CheckIds.EvidenceAadEvents, step.Detail);

            // The pack is the state after the repairs: the admin's finding alone, the TLS finding (fixed) nowhere in it.
            var pack = l.AdminPack!;
            Assert.True(pack.NothingThePcCanFix);
            Assert.StartsWith("TenantAdmin " + CheckIds.EvidenceAadEvents + " " + alice.UserName + ": ", Assert.Single(pack.OutsideThePc));
            Assert.Equal(new[] { Correlation }, pack.CorrelationIds);
            Assert.Equal(Path.Combine(l.Fakes.ReportFolder, AdminPackFile.FileName), pack.FilePath);
            var text = File.ReadAllText(pack.FilePath);
            Assert.Contains("AADSTS53003", text);
            Assert.DoesNotContain(CheckIds.TlsSchannel, text);
            Assert.Equal(step.ReportPath, l.Fakes.ReportFolder);
            Assert.Equal(new[] { "Evidence" }, l.Fakes.Calls);

            Assert.True(l.Summary.RebootRequired);
            Assert.Equal(RepairOutcome.NeedsAdmin, l.Summary.Outcome);
            Assert.Equal(3, l.Summary.ExitCode);
            Assert.Contains("NothingThePcCanFix/AdminPack: NeedsAdmin", l.Summary.Steps);
        }

        [Fact]
        public void ATLSErrorAndAnAdminOwnedCodeInTheSameUsersEventsKeepTheAdminsCodeAfterTheTLSRepair()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            BrokenPc.AadError(s, alice, "CAA82F7D");
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003\nCorrelation ID: " + Correlation);

            var l = Climb(s);

            // Before: one evidence row holds both, led by the TLS error, so it is the PC's and rung 2 lets the ladder climb.
            Assert.Equal(FindingOwner.Device, l.BeforeOf(CheckIds.EvidenceAadEvents).Owner);
            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.Tls, RepairStepName.AdminPack }, l.Steps.Select(x => x.Step));

            // Read again after the TLS repair: the TLS error logged before it no longer counts, the Conditional Access block still does.
            var evidence = Assert.Single(l.Step(RepairStepName.Tls).After, a => a.StartsWith("Warning " + CheckIds.EvidenceAadEvents));
            Assert.Contains("AADSTS53003", evidence);
            Assert.DoesNotContain("CAA82F7D", evidence);
            Assert.Equal(RepairStepStatus.NeedsAdmin, l.Step(RepairStepName.AdminPack).Status);
            var pack = l.AdminPack!;
            Assert.StartsWith("TenantAdmin " + CheckIds.EvidenceAadEvents + " ", Assert.Single(pack.OutsideThePc));
            Assert.Equal(new[] { Correlation }, pack.CorrelationIds);

            // The TLS error (repaired) is not in the pack; the note says it was left out.
            Assert.Contains("AADSTS53003", Assert.Single(pack.Failures));
            Assert.DoesNotContain(pack.Codes, c => c.StartsWith("CAA82F7D", StringComparison.Ordinal));
            Assert.Contains("1 Teams token error of a cause this run repaired (Tls) is left out: it is not what is left for the user "
                + "or the tenant admin.", pack.Notes);
            Assert.DoesNotContain("CAA82F7D", File.ReadAllText(pack.FilePath));
            Assert.Equal(RepairOutcome.NeedsAdmin, l.Summary.Outcome);
            Assert.Equal(3, l.Summary.ExitCode);
        }

        [Fact]
        public void OnlyAdminProblemsGetThePackOnceFromRung2AndNotAgainAfterTheClimb()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003");

            var l = Climb(s, count: true);

            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.AdminPack }, l.Steps.Select(x => x.Step));
            Assert.Equal("Change nothing and write the admin pack " + "(failure times in UTC, correlation and request ids, AADSTS codes, "
                + "tenant, device, join type, user principal, client version)", l.Step(RepairStepName.AdminPack).Action);
            Assert.StartsWith("Nothing on this PC was changed. For the user or the tenant admin: ", l.Step(RepairStepName.AdminPack).Detail);
            Assert.Equal(1, packsWritten);
            Assert.Single(Directory.GetFiles(l.Fakes.ReportFolder, AdminPackFile.FileName, SearchOption.AllDirectories));
            Assert.Equal(RepairOutcome.NeedsAdmin, l.Summary.Outcome);
            Assert.Equal(3, l.Summary.ExitCode);
        }

        [Fact]
        public void AFixThatFailsEndsNotFixedAndThePackIsStillWrittenForTheAdminsPart()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.ClockSkew(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003");

            var l = Climb(s, arrange: f => f.ClockAnswer = RepairStepStatus.Failed);

            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.ClockResync, RepairStepName.AdminPack },
                l.Steps.Select(x => x.Step));
            Assert.Equal(RepairStepStatus.Failed, l.Step(RepairStepName.ClockResync).Status);
            var pack = l.AdminPack!;
            Assert.True(File.Exists(pack.FilePath));
            Assert.False(pack.NothingThePcCanFix);
            Assert.StartsWith("TenantAdmin " + CheckIds.EvidenceAadEvents + " ", Assert.Single(pack.OutsideThePc));
            Assert.Contains("Nothing this PC can fix: no", File.ReadAllLines(pack.FilePath));
            Assert.Equal(RepairStepStatus.NeedsAdmin, l.Step(RepairStepName.AdminPack).Status);

            // The clock is still wrong: the PC's own problem keeps the verdict NotFixed, as RepairVerdict ranks it.
            Assert.Contains(l.Summary.ProblemsAfter, p => p.StartsWith("Fail " + CheckIds.NetworkClockSkew));
            Assert.Equal(RepairOutcome.NotFixed, l.Summary.Outcome);
            Assert.Equal(1, l.Summary.ExitCode);
        }

        [Fact]
        public void WhatIfSaysThePackWouldBeWrittenAndWritesNothing()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003");
            var before = TreeSnapshot.Take(s.Machine.RootFolder);

            var l = Climb(s, answer: Consent.WhatIf);

            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.Tls, RepairStepName.AdminPack }, l.Steps.Select(x => x.Step));
            var step = l.Step(RepairStepName.AdminPack);
            Assert.Equal(RepairStepStatus.WhatIf, step.Status);
            Assert.StartsWith("What if: Write the admin pack for what the repairs left to the user or the tenant admin", step.Detail);
            Assert.Null(l.AdminPack);
            Assert.Empty(l.Fakes.Calls);
            Assert.Equal(before, TreeSnapshot.Take(s.Machine.RootFolder));
            Assert.Equal(RepairOutcome.WhatIf, l.Summary.Outcome);
        }

        [Fact]
        public void TheCmdletEmitsThePackOnceBeforeTheSummaryAndExits3()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003\nCorrelation ID: " + Correlation);

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            Assert.Null(result.Terminating);
            Assert.DoesNotContain(result.Errors, e => e.FullyQualifiedErrorId.EndsWith(Cmd, StringComparison.Ordinal));
            var output = result.Output.Select(o => o.BaseObject).ToList();
            var steps = output.OfType<TeamsRepairStep>().ToList();
            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.Tls, RepairStepName.AdminPack }, steps.Select(x => x.Step));
            Assert.Equal(RepairStepStatus.Done, steps[1].Status);
            var pack = Assert.Single(output.OfType<AdminPack>());
            Assert.Equal(output.Count - 2, output.IndexOf(pack));
            Assert.Equal(new[] { Correlation }, pack.CorrelationIds);
            Assert.Equal(Path.Combine(steps[2].ReportPath, AdminPackFile.FileName), pack.FilePath);
            Assert.Equal(steps[0].ReportPath, steps[2].ReportPath);
            Assert.Contains("AADSTS53003", File.ReadAllText(pack.FilePath));
            var summary = Assert.IsType<TeamsRepairSummary>(output.Last());
            Assert.Equal(RepairOutcome.NeedsAdmin, summary.Outcome);
            Assert.Equal(3, summary.ExitCode);
        }

        private int packsWritten;

        private LadderScenario Climb(SimulatedSession s, Action<FakeRepairs>? arrange = null, Consent answer = Consent.Yes, bool count = false) =>
            new LadderScenario(s, answer: answer, arrange: arrange, wire: fakes => new RepairServices(fakes,
                new CountingAdminPack(new AdminPackService(s.Machine, TimeSpan.FromDays(1), TimeSpan.FromSeconds(5)), () => packsWritten++),
                fakes, fakes));

        /// <summary>The real admin-pack service, counting the packs asked of it.</summary>
        private sealed class CountingAdminPack : IAdminPack
        {
            private readonly IAdminPack inner;
            private readonly Action written;

            public CountingAdminPack(IAdminPack inner, Action written)
            {
                this.inner = inner;
                this.written = written;
            }

            public RungOutcome Write(IReadOnlyList<TeamsCaa20002Finding> findings, IReadOnlyList<TargetUser> users, string? reportFolder,
                IReadOnlyCollection<CodeCause> repaired)
            {
                written();
                return inner.Write(findings, users, reportFolder, repaired);
            }
        }
    }
}
