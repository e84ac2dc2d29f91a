using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Repair;
using TeamsRemediation.Repair.Wiring;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// The one rule of what a repair acts on (<see cref="PcFixability.IsProblem"/>), on a healthy PC given one more finding: which
    /// rungs run, the verdict, and what the admin pack holds.
    /// </summary>
    public sealed class RepairProblemRuleTests
    {
        private const string Blocked = "The last sign-in of Teams was blocked by Conditional Access (AADSTS53003).";
        private const string AskTheAdmin = "Ask the tenant admin to look the sign-in up in Entra ID's sign-in logs by its correlation id.";

        [Fact]
        public void AnAdminsWarningWithoutARemedyStartsNoRungAndThePCHasNothingToFix()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);

            var l = Climb(s, (f, u) => f.Make(CheckIds.AccountPrt, u, FindingStatus.Warning, Blocked, owner: FindingOwner.TenantAdmin));

            Assert.Empty(l.Steps);
            Assert.Empty(l.Fakes.Calls);
            Assert.Equal(RepairOutcome.NothingToFix, l.Summary.Outcome);
            Assert.Equal(0, l.Summary.ExitCode);
            Assert.Empty(l.Summary.ProblemsBefore);
            Assert.Null(l.AdminPack);
            Assert.False(PcFixability.NothingThePcCanFix(l.Before));
            Assert.Equal(CheckIds.AccountPrt, Assert.Single(PcFixability.OutsideThePc(l.Before)).CheckId);
        }

        [Fact]
        public void AnAdminsWarningWithARemedyCopiesTheEvidenceChangesNothingAndWritesTheAdminPack()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            var before = TreeSnapshot.Take(alice.ProfilePath);

            var l = Climb(s, (f, u) => f.Make(CheckIds.AccountPrt, u, FindingStatus.Warning, Blocked, remedy: AskTheAdmin,
                owner: FindingOwner.TenantAdmin));

            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.AdminPack }, l.Steps.Select(x => x.Step));
            Assert.Equal(RepairStepStatus.NeedsAdmin, l.Step(RepairStepName.AdminPack).Status);
            Assert.Equal(new[] { "Evidence" }, l.Fakes.Calls);
            Assert.Equal(before, TreeSnapshot.Take(alice.ProfilePath));
            Assert.Equal(RepairOutcome.NeedsAdmin, l.Summary.Outcome);
            Assert.Equal(3, l.Summary.ExitCode);
            var pack = l.AdminPack!;
            Assert.True(pack.NothingThePcCanFix);
            Assert.Equal(new[] { "TenantAdmin Account.Prt " + alice.UserName + ": " + Blocked }, pack.OutsideThePc);
            Assert.Contains("  TenantAdmin Account.Prt " + alice.UserName + ": " + Blocked, File.ReadAllLines(pack.FilePath));
        }

        [Fact]
        public void TheAdminPackAlsoListsTheUsersAndAdminsWarningsWithoutARemedy()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            const string Note = "Alice's password expires in 2 days.";

            var l = Climb(s, (f, u) => new[]
            {
                f.Make(CheckIds.AccountPrt, u, FindingStatus.Warning, Blocked, remedy: AskTheAdmin, owner: FindingOwner.TenantAdmin),
                f.Make(CheckIds.AccountWamPolicy, u, FindingStatus.Warning, Note, owner: FindingOwner.User),
            });

            var step = l.Step(RepairStepName.AdminPack);
            Assert.Equal(RepairStepStatus.NeedsAdmin, step.Status);
            Assert.Equal(new[] { "Warning Account.Prt " + alice.UserName + ": " + Blocked }, step.Before);
            Assert.Equal(new[] { "TenantAdmin Account.Prt " + alice.UserName + ": " + Blocked, "User Account.WamPolicy " + alice.UserName + ": "
                + Note }, l.AdminPack!.OutsideThePc);
            Assert.Equal(RepairOutcome.NeedsAdmin, l.Summary.Outcome);
            Assert.Equal(new[] { "Warning Account.Prt " + alice.UserName + ": " + Blocked }, l.Summary.ProblemsBefore);
        }

        [Fact]
        public void ANetworkWarningStartsNoRungAndThePCHasNothingToFix()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);

            var l = Climb(s, (f, u) => f.Make(CheckIds.NetworkProxy, null, FindingStatus.Warning, "A VPN client routes the sign-in traffic.",
                remedy: "Ask the network team to let login.microsoftonline.com past the VPN."));

            Assert.Empty(l.Steps);
            Assert.Equal(RepairOutcome.NothingToFix, l.Summary.Outcome);
            Assert.Equal(0, l.Summary.ExitCode);
            Assert.Null(l.AdminPack);
            Assert.False(PcFixability.NothingThePcCanFix(l.Before));
        }

        [Fact]
        public void AnAdminsWarningWithoutARemedyDoesNotStopTheRepairOfWhatThePCCanFix()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.BrokerPluginMissing(s, alice);

            var l = Climb(s, (f, u) => f.Make(CheckIds.AccountPrt, u, FindingStatus.Warning, Blocked, owner: FindingOwner.TenantAdmin));

            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.AccountReset }, l.Steps.Select(x => x.Step));
            Assert.Equal(RepairStepStatus.Done, l.Step(RepairStepName.AccountReset).Status);
            Assert.Equal(FindingStatus.Pass, l.AfterOf(CheckIds.AccountBrokerPlugin).Status);
            Assert.Equal(RepairOutcome.Fixed, l.Summary.Outcome);
            Assert.Equal(0, l.Summary.ExitCode);
            Assert.Null(l.AdminPack);
        }

        private static LadderScenario Climb(SimulatedSession s, Func<FindingFactory, TargetUser, TeamsCaa20002Finding> also) =>
            Climb(s, (f, u) => new[] { also(f, u) });

        private static LadderScenario Climb(SimulatedSession s, Func<FindingFactory, TargetUser, TeamsCaa20002Finding[]> also) =>
            new LadderScenario(s, alsoFound: also, wire: fakes => new RepairServices(fakes,
                new AdminPackService(s.Machine, TimeSpan.FromDays(1), TimeSpan.FromSeconds(5)), fakes, fakes));
    }
}
