using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Fleet;
using TeamsRemediation.Repair;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>The detection's and the repair's lines, as DiagnosisSummary and RepairVerdict write them, read back item by item.</summary>
    public sealed class RemediationLineReaderTests
    {
        internal static TeamsCaa20002Finding Finding(string checkId, FindingStatus status, string summary, string user = "",
            FindingOwner owner = FindingOwner.Device) =>
            new TeamsCaa20002Finding { CheckId = checkId, Status = status, Summary = summary, User = user, ComputerName = "PC01", Owner = owner };

        [Fact]
        public void TheDetectionLineReadsBackToItsChecksStatusesUsersCodesAndOwners()
        {
            var findings = new[]
            {
                Finding(CheckIds.TlsWinHttp, FindingStatus.Fail, "WinHTTP DefaultSecureProtocols 0x280 leaves TLS 1.2 out | see the evidence"),
                Finding(CheckIds.EvidenceAadEvents, FindingStatus.Fail, "2 Teams token error(s) in the last 7 days: CAA20004 (latest: access denied).",
                    @"CONTOSO\alice", FindingOwner.TenantAdmin),
                Finding(CheckIds.NetworkVpn, FindingStatus.Warning, "a VPN adapter is up", string.Empty, FindingOwner.Network),
                Finding(CheckIds.TeamsCache, FindingStatus.Warning, "stale", @"CONTOSO\bob"),
                Finding(CheckIds.TlsSchannel, FindingStatus.Pass, "on"),
            };

            var line = RemediationLineReader.Read(DiagnosisSummary.Line("PC01", findings), out var problem)!;

            Assert.Equal(string.Empty, problem);
            Assert.Equal(RemediationLineKind.Detection, line.Kind);
            Assert.Equal("PC01", line.ComputerName);
            Assert.Equal(DiagnosisSummary.NonCompliant, line.Outcome);
            Assert.Equal(new[] { CheckIds.TlsWinHttp, CheckIds.EvidenceAadEvents, CheckIds.NetworkVpn, CheckIds.TeamsCache },
                line.Items.Select(i => i.CheckId));
            Assert.Equal(new[] { FindingStatus.Fail, FindingStatus.Fail, FindingStatus.Warning, FindingStatus.Warning }, line.Items.Select(i => i.Status));
            Assert.Equal(new[] { string.Empty, @"CONTOSO\alice", string.Empty, @"CONTOSO\bob" }, line.Items.Select(i => i.User));
            Assert.Equal(new[] { string.Empty, "CAA20004", string.Empty, string.Empty }, line.Items.Select(i => i.Code));
            Assert.Equal(new[] { FindingOwner.Device, FindingOwner.TenantAdmin, FindingOwner.Network, FindingOwner.Device },
                line.Items.Select(i => i.Owner));
            Assert.Contains("| see the evidence", line.Items[0].Text);
            Assert.False(line.Truncated);
        }

        [Fact]
        public void ACompliantLineHasNoItems()
        {
            var line = RemediationLineReader.Read(DiagnosisSummary.Line("PC02", new[] { Finding(CheckIds.TlsSchannel, FindingStatus.Pass, "on") }),
                out _)!;

            Assert.Equal(DiagnosisSummary.Compliant, line.Outcome);
            Assert.Empty(line.Items);
        }

        [Fact]
        public void ALineCutAt2048CharactersKeepsTheWholeItemsAndCountsTheCutOne()
        {
            var findings = Enumerable.Range(0, 40).Select(i => Finding(CheckIds.EvidenceTeamsLogs, FindingStatus.Fail,
                new string('x', 60) + " CAA20002", @"CONTOSO\user" + i)).ToList();
            var text = DiagnosisSummary.Line("PC01", findings);
            Assert.Equal(DiagnosisSummary.MaxLineLength, text.Length);

            var line = RemediationLineReader.Read(text, out _)!;

            Assert.True(line.Truncated);
            // Every item whose check id survived the cut is read, the last one with its summary cut short.
            Assert.Equal(System.Text.RegularExpressions.Regex.Matches(text, "FAIL Evidence.TeamsLogs ").Count, line.Items.Count);
            Assert.InRange(line.Items.Count, 10, 39);
            Assert.All(line.Items, i => Assert.Equal(CheckIds.EvidenceTeamsLogs, i.CheckId));
            Assert.Equal(Enumerable.Range(0, line.Items.Count).Select(i => @"CONTOSO\user" + i), line.Items.Select(i => i.User));
        }

        [Fact]
        public void TheRepairLineReadsBackToItsOutcomeExitCodeAndWhatIsLeft()
        {
            var summary = new TeamsRepairSummary
            {
                ComputerName = "PC07",
                Outcome = RepairOutcome.NeedsReboot,
                ExitCode = 2,
                Steps = new[] { "Machine/Tls Done", @"Cache/CacheLight CONTOSO\alice Done" },
                ProblemsAfter = new[] { "Fail Tls.Schannel: SCHANNEL TLS 1.2 client is disabled; a restart applies the repair",
                    @"Fail Evidence.AadEvents CONTOSO\alice: 1 Teams token error(s): CAA20002 (latest: invalid_request)." },
                ReportPath = @"C:\ProgramData\TeamsRemediation\Reports\20261207",
            };

            var line = RemediationLineReader.Read(RepairVerdict.Line(summary) + " | log: %ProgramData%\\TeamsRemediation\\Logs\\TeamsRemediation.log",
                out _)!;

            Assert.Equal(RemediationLineKind.Repair, line.Kind);
            Assert.Equal("PC07", line.ComputerName);
            Assert.Equal("NeedsReboot", line.Outcome);
            Assert.Equal(2, line.ExitCode);
            Assert.Equal(new[] { CheckIds.TlsSchannel, CheckIds.EvidenceAadEvents }, line.Items.Select(i => i.CheckId));
            Assert.Equal(new[] { string.Empty, "CAA20002" }, line.Items.Select(i => i.Code));
            Assert.Equal(@"CONTOSO\alice", line.Items[1].User);
        }

        [Theory]
        [InlineData("CAA20002 detection could not run: Could not load file or assembly", "ScriptError", "Detection")]
        [InlineData("CAA20002 repair on PC09 stopped: The module could not be loaded", "ScriptError", "Repair")]
        public void TheScriptsOwnErrorLinesAreScriptErrors(string text, string outcome, string kind)
        {
            var line = RemediationLineReader.Read(text, out _)!;

            Assert.Equal(outcome, line.Outcome);
            Assert.Equal(kind, line.Kind.ToString());
            Assert.NotEmpty(line.Message);
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("Compliant: everything fine", "not a line of TeamsRemediation")]
        [InlineData("CAA20002 PC01 NonCompli", "does not read as a detection or a repair")]
        [InlineData("CAA20002 PC01 NonCompliant: pass 3, skipped 0", "names no failing check")]
        [InlineData("CAA20002 PC01 Repair Exploded (exit 9): nothing", "is not an outcome")]
        public void WhatIsNotALineOfThisModuleSaysWhy(string text, string why)
        {
            Assert.Null(RemediationLineReader.Read(text, out var problem));
            Assert.Contains(why, problem);
        }
    }
}
