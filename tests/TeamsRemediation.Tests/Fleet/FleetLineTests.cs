using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Fleet;
using TeamsRemediation.Lines;
using TeamsRemediation.Repair;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>
    /// Lines into rows: the versioned line (SummaryLine's, owners carried), the free-text line of earlier versions (owners the
    /// diagnosis would give), the scripts' own error sentences, and what is no line of this module.
    /// </summary>
    public sealed class FleetLineTests
    {
        internal static TeamsCaa20002Finding Finding(string checkId, FindingStatus status, string summary, string user = "",
            FindingOwner owner = FindingOwner.Device, string remedy = "") =>
            new TeamsCaa20002Finding
            {
                CheckId = checkId, Status = status, Summary = summary, User = user, ComputerName = "PC01", Owner = owner, Remedy = remedy,
            };

        private static readonly TeamsCaa20002Finding[] Findings =
        {
            Finding(CheckIds.TlsWinHttp, FindingStatus.Fail, "WinHTTP DefaultSecureProtocols 0x280 leaves TLS 1.2 out | see the evidence",
                remedy: "Enable-Tls12"),
            Finding(CheckIds.EvidenceAadEvents, FindingStatus.Warning, "2 Teams token error(s) in the last 7 days: AADSTS53003 (latest: blocked).",
                @"CONTOSO\alice", FindingOwner.TenantAdmin, "Ask the Entra ID admin"),
            Finding(CheckIds.NetworkVpn, FindingStatus.Warning, "a VPN adapter is up", string.Empty, FindingOwner.Network),
            Finding(CheckIds.TlsSchannel, FindingStatus.Pass, "on"),
        };

        private static List<TeamsRemediationFleetRow> Rows(string line, List<string>? warnings = null) =>
            new FleetReader((warnings ?? new List<string>()).Add).ReadLine(line, "test line").ToList();

        [Fact]
        public void TheVersionedLineGivesOneRowPerItemWithItsOwnerAndCode()
        {
            var rows = Rows(DiagnosisSummary.Line("PC01", Findings));

            Assert.Equal(new[] { CheckIds.TlsWinHttp, CheckIds.EvidenceAadEvents, CheckIds.NetworkVpn }, rows.Select(r => r.CheckId));
            Assert.Equal(new FindingOwner?[] { FindingOwner.Device, FindingOwner.TenantAdmin, FindingOwner.Network }, rows.Select(r => r.Owner));
            Assert.Equal(new[] { string.Empty, "AADSTS53003", string.Empty }, rows.Select(r => r.Code));
            Assert.Equal(new[] { "PC01" }, rows.Select(r => r.ComputerName).Distinct());
            Assert.All(rows, r => Assert.Equal(FleetPhase.Pre, r.Phase));
            Assert.Equal(@"CONTOSO\alice", rows[1].User);
        }

        [Fact]
        public void TheLineOfEarlierVersionsIsStillReadAndItsItemsGetTheOwnerTheirCodeGives()
        {
            var legacy = LegacyLine.Detection("PC01", new[]
            {
                Findings[0],
                Finding(CheckIds.EvidenceTeamsLogs, FindingStatus.Fail, "The Teams logs show CAA82EE7 (most frequent: name not resolved).",
                    @"CONTOSO\bob"),
                Findings[2],
            });

            var rows = Rows(legacy);

            Assert.Equal(new[] { CheckIds.TlsWinHttp, CheckIds.EvidenceTeamsLogs, CheckIds.NetworkVpn }, rows.Select(r => r.CheckId));
            Assert.Equal(new FindingOwner?[] { FindingOwner.Device, FindingOwner.Network, FindingOwner.Network }, rows.Select(r => r.Owner));
            Assert.Equal("CAA82EE7", rows[1].Code);
            Assert.Equal(new FindingStatus?[] { FindingStatus.Fail, FindingStatus.Fail, FindingStatus.Warning }, rows.Select(r => r.Status));
        }

        [Fact]
        public void ARepairLineIsTheRemediationAndWhatItLeftIsTheStateAfter()
        {
            var summary = new TeamsRepairSummary
            {
                ComputerName = "PC07",
                Outcome = RepairOutcome.NeedsAdmin,
                ExitCode = 3,
                RebootRequired = true,
                ProblemsAfter = new[] { @"Warning Evidence.AadEvents CONTOSO\alice: blocked by policy AADSTS53003" },
                LineItems = new[] { SummaryLineItemFor(Findings[1]) },
            };

            var rows = Rows(RepairVerdict.Line(summary));

            var remediation = Assert.Single(rows, r => r.Phase == FleetPhase.Remediation);
            Assert.Equal(("NeedsAdmin+Restart", 3), (remediation.Outcome, remediation.ExitCode!.Value));
            var after = Assert.Single(rows, r => r.Phase == FleetPhase.Post);
            Assert.Equal((CheckIds.EvidenceAadEvents, FindingOwner.TenantAdmin), (after.CheckId, after.Owner!.Value));
        }

        private static TeamsRemediation.Lines.SummaryLineItem SummaryLineItemFor(TeamsCaa20002Finding f) =>
            TeamsRemediation.Lines.SummaryLine.Item(f, f.Owner);

        [Theory]
        [InlineData("CAA20002 detection could not run: Could not load file or assembly", FleetPhase.Pre)]
        [InlineData("CAA20002 repair on PC09 stopped: The module could not be loaded", FleetPhase.Remediation)]
        public void TheScriptsOwnErrorSentencesAreScriptErrors(string text, FleetPhase phase)
        {
            var row = Assert.Single(Rows(text));

            Assert.Equal((FleetLine.ScriptError, phase), (row.Outcome, row.Phase));
            Assert.Contains("could not be", row.Summary + " could not be");
        }

        [Fact]
        public void TheJsonFormGivesTheSameRowsAsTheLine()
        {
            var warnings = new List<string>();

            var fromJson = Rows(DiagnosisSummary.Json("PC01", Findings), warnings);
            var fromLine = Rows(DiagnosisSummary.Line("PC01", Findings));

            Assert.Empty(warnings);
            Assert.Equal(3, fromJson.Count);
            Assert.Equal(fromLine.Select(r => (r.ComputerName, r.User, r.Phase, r.CheckId, r.Status, r.Owner, r.Code, r.Outcome)),
                fromJson.Select(r => (r.ComputerName, r.User, r.Phase, r.CheckId, r.Status, r.Owner, r.Code, r.Outcome)));
        }

        [Fact]
        public void ARepairsJsonGivesItsOutcomeAndWhatIsLeftAfterIt()
        {
            var repair = new SummaryLine(SummaryLine.RepairKind, "PC01", "NeedsAdmin+Restart", 3, new[]
            {
                new SummaryLineItem(SummaryLineItem.Warning, CheckIds.EvidenceAadEvents, "TenantAdmin", "AADSTS53003", @"CONTOSO\alice"),
                new SummaryLineItem(SummaryLineItem.Step, "Machine/Tls", string.Empty, string.Empty, string.Empty,
                    new[] { new KeyValuePair<string, string>("status", "Done") }),
            }, restartNeeded: true);

            var rows = Rows(repair.ToJson());

            Assert.Equal(new[] { (FleetPhase.Remediation, "NeedsAdmin+Restart", (int?)3, ""), (FleetPhase.Post, "Compliant", (int?)3,
                CheckIds.EvidenceAadEvents) }, rows.Select(r => (r.Phase, r.Outcome, r.ExitCode, r.CheckId)));
            Assert.Equal(FindingOwner.TenantAdmin, rows[1].Owner);
        }

        [Fact]
        public void ALineOfAnEarlierVersionCutAt2048CharactersIsReadWithAWarningThatItemsAreMissing()
        {
            var findings = Enumerable.Range(0, 40).Select(i => Finding(CheckIds.EvidenceTeamsLogs, FindingStatus.Fail,
                new string('x', 60) + " CAA20002", @"CONTOSO\user" + i)).ToList();
            var warnings = new List<string>();

            var rows = Rows(LegacyLine.Detection("PC01", findings), warnings);

            Assert.InRange(rows.Count, 10, 39);
            Assert.Contains("the line was cut at 2,048 characters", Assert.Single(warnings));
        }

        [Theory]
        [InlineData("Compliant: everything fine", "not a line of TeamsRemediation")]
        [InlineData("{\"schema\":\"TeamsRemediation.SummaryLine/1\",\"kind\":\"Test\"}", "has no computer, state, exit")]
        [InlineData("{\"schema\":\"TeamsRemediation.SummaryLine/1\",\"kind\":\"Test\",\"kind\":\"Test\"",
            "the field 'kind' of the line a second time")]
        [InlineData("CAA20002 PC01 NonCompli", "has no ': ' after its head")]
        [InlineData("CAA20002/1 Test PC01 NonCompliant exit=1 dropped=0 | Fail Tls.Wi", "does not have status, check, owner, code and user")]
        public void WhatIsNotALineOfThisModuleIsOneWarningSayingWhy(string text, string why)
        {
            var warnings = new List<string>();

            Assert.Empty(Rows(text, warnings));
            Assert.Contains(why, Assert.Single(warnings));
            Assert.StartsWith("test line not read:", warnings[0]);
        }
    }
}
