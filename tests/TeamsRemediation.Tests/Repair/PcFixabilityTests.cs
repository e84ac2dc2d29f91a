using System;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>Rung 2's decision: repair nothing when every problem is the user's or the tenant admin's.</summary>
    public sealed class PcFixabilityTests
    {
        private static readonly FindingFactory Findings = new FindingFactory("PC01", DateTime.UtcNow);

        [Theory]
        [InlineData("TenantAdmin", null, true)]
        [InlineData("User", null, true)]
        [InlineData("TenantAdmin", "Device", false)]
        [InlineData("TenantAdmin", "Network", false)]
        [InlineData("User", "TenantAdmin", true)]
        public void NothingThePCCanFixOnlyWhenEveryProblemIsTheUsersOrTheAdmins(string evidenceOwner, string? failOwner,
            bool expected)
        {
            var findings = new[]
            {
                Findings.Make(CheckIds.TlsSchannel, null, FindingStatus.Pass, "fine"),
                Findings.Make(CheckIds.TeamsCache, null, FindingStatus.Warning, "a large cache", owner: FindingOwner.Device),
                Findings.Make(CheckIds.EvidenceAadEvents, null, FindingStatus.Warning, "AADSTS53003", remedy: "Ask the tenant admin.",
                    owner: Parse(evidenceOwner)),
            }.ToList();
            if (failOwner != null)
            {
                findings.Add(Findings.Make(CheckIds.TlsWinHttp, null, FindingStatus.Fail, "broken", owner: Parse(failOwner)));
            }

            Assert.Equal(expected, PcFixability.NothingThePcCanFix(findings));
            Assert.Equal(findings.Where(f => f.Status != FindingStatus.Pass && (f.Owner == FindingOwner.User || f.Owner == FindingOwner.TenantAdmin)),
                PcFixability.OutsideThePc(findings));
        }

        [Fact]
        public void ADeviceWarningWithARemedyIsThePCsToFixBesideTheAdminsProblem()
        {
            var findings = new[]
            {
                Findings.Make(CheckIds.AccountBrokerPlugin, null, FindingStatus.Warning, "not registered", remedy: "Reset-TeamsWorkAccount"),
                Findings.Make(CheckIds.EvidenceAadEvents, null, FindingStatus.Warning, "AADSTS53003", remedy: "Ask the tenant admin.",
                    owner: FindingOwner.TenantAdmin),
            };

            Assert.False(PcFixability.NothingThePcCanFix(findings));
            Assert.Equal(findings, PcFixability.Problems(findings));
            Assert.Equal(new[] { findings[1] }, PcFixability.OutsideThePc(findings));
        }

        [Fact]
        public void AHealthyPCOrOneWithOnlyDeviceWarningsIsNotTheAdminsCase()
        {
            Assert.False(PcFixability.NothingThePcCanFix(new TeamsCaa20002Finding[0]));
            Assert.False(PcFixability.NothingThePcCanFix(new[]
            {
                Findings.Make(CheckIds.TeamsCache, null, FindingStatus.Warning, "a large cache"),
                Findings.Make(CheckIds.TlsSchannel, null, FindingStatus.Pass, "fine"),
            }));
            Assert.Empty(PcFixability.OutsideThePc(new[] { Findings.Make(CheckIds.TeamsCache, null, FindingStatus.Warning, "a large cache") }));
        }

        [Fact]
        public void APCWhoseOnlyEvidenceIsAConditionalAccessBlockIsLeftAloneByTheDiagnosisFindings()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                // A broker plugin missing would be a problem the account reset fixes: registered, the block is the only problem.
                pc.Machine.SimulatedRegistry.CreateKey(BrokenPc.BrokerRegistration(pc.Alice));
                pc.Machine.SimulatedEvents.Add(new AadEvent(pc.Machine.Clock.UtcNow.AddHours(-1), pc.Alice.Sid,
                    "Error: 0xCAA20004 Access denied.\r\nCode: access_denied\r\nDescription: AADSTS53003: Access has been blocked by Conditional "
                        + "Access policies.\r\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264\r\nCorrelation ID (request): "
                        + RepairPc.Correlation));
                using var session = new ModuleSession(pc.Machine);

                var findings = session.Run("Test-TeamsCaa20002 -SkipNetwork").Objects<TeamsCaa20002Finding>().ToList();

                var outside = Assert.Single(PcFixability.OutsideThePc(findings));
                Assert.Equal(CheckIds.EvidenceAadEvents, outside.CheckId);
                Assert.Equal(FindingOwner.TenantAdmin, outside.Owner);
                Assert.True(PcFixability.NothingThePcCanFix(findings), string.Join("\n", findings.Where(f => f.Status != FindingStatus.Pass)));
            }
        }

        private static FindingOwner Parse(string owner) => (FindingOwner)Enum.Parse(typeof(FindingOwner), owner);
    }
}
