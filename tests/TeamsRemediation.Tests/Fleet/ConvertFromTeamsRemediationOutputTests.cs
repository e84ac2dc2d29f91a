using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>ConvertFrom-TeamsRemediationOutput in the engine: what Invoke-Command, Graph and ConfigMgr hand it, and its errors.</summary>
    public sealed class ConvertFromTeamsRemediationOutputTests
    {
        private const string Command = "TeamsRemediation.Commands.ConvertFromTeamsRemediationOutputCommand";

        /// <summary>What Invoke-Command returns of a PC's objects: serialized there, deserialized here (Deserialized.* property bags).</summary>
        private static string Remoted(SimulatedSession pc, string script) =>
            (string)pc.Run("[System.Management.Automation.PSSerializer]::Serialize(@(" + script + "))").Output.Single().BaseObject;

        [Fact]
        public void ARemotingFanOutOfFindingsAndRepairSummariesIsReadByPropertyNameAndSummarised()
        {
            string findings, summary, caFindings;
            using (var pc = new SimulatedSession())
            {
                var alice = Repair.BrokenPc.Healthy(pc);
                FleetPcs.Breaks["tls-off-and-dns-failure"](pc, new SimulatedUserRef(alice));
                findings = Remoted(pc, "Test-TeamsCaa20002 -TimeoutSeconds 10");
                summary = Remoted(pc, "Repair-TeamsCaa20002 -Force | Where-Object { $_ -is [TeamsRemediation.TeamsRepairSummary] }");
            }

            using (var pc = new SimulatedSession("PC02"))
            {
                var alice = Repair.BrokenPc.Healthy(pc);
                FleetPcs.Breaks["conditional-access"](pc, new SimulatedUserRef(alice));
                caFindings = Remoted(pc, "Test-TeamsCaa20002 -TimeoutSeconds 10");
            }

            using var admin = new SimulatedSession();
            var read = admin.Run("$in = @($args | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize($_) } |"
                + " ForEach-Object { $_ });"
                + " $in[0].PSObject.TypeNames[0]; $in | ConvertFrom-TeamsRemediationOutput", findings, summary, caFindings);

            Assert.Empty(read.Errors);
            Assert.Empty(read.Warnings);
            Assert.Equal("Deserialized.TeamsRemediation.TeamsCaa20002Finding", read.Output[0].BaseObject);
            var rows = read.Objects<TeamsRemediationFleetRow>().ToList();
            Assert.Contains(rows, r => r.ComputerName == "PC01" && r.Phase == FleetPhase.Pre && r.CheckId == CheckIds.TlsSchannel
                && r.Status == FindingStatus.Fail && r.Source.EndsWith("(finding)"));
            Assert.Contains(rows, r => r.ComputerName == "PC01" && r.Phase == FleetPhase.Remediation && r.Outcome == "NeedsReboot"
                && r.ExitCode == 2);
            Assert.Contains(rows, r => r.ComputerName == "PC01" && r.Phase == FleetPhase.Post && r.CheckId == CheckIds.NetworkEndpoint);
            Assert.DoesNotContain(rows, r => r.Phase == FleetPhase.Post && r.CheckId == CheckIds.TlsSchannel);
            var ca = Assert.Single(rows, r => r.ComputerName == "PC02" && r.CheckId == CheckIds.EvidenceAadEvents);
            // The event's AADSTS code names the policy: the diagnosis leads with it, and so does the row.
            Assert.Equal((FindingStatus.Warning, FindingOwner.TenantAdmin, "AADSTS53003"), (ca.Status!.Value, ca.Owner!.Value, ca.Code));

            var causes = admin.Run("$args | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize($_) } | ForEach-Object { $_ } |"
                + " ConvertFrom-TeamsRemediationOutput | Get-TeamsRemediationFleetSummary", findings, summary, caFindings)
                .Objects<TeamsRemediationFleetCause>().ToDictionary(c => c.Cause);
            Assert.Equal(1, causes[CheckIds.TlsSchannel].Fixed);
            Assert.Equal(1, causes[CheckIds.NetworkEndpoint].NeedsRestart);
            Assert.Equal(1, causes["Evidence.AadEvents AADSTS53003"].NeedsAdmin);
            Assert.Equal(FindingOwner.TenantAdmin, causes["Evidence.AadEvents AADSTS53003"].Owner);
            Assert.Equal(new[] { "PC02" }, causes["Evidence.AadEvents AADSTS53003"].NewestDevices);
        }

        [Fact]
        public void TheJsonFormIsReadFromRemotingGraphConfigMgrAndFilesOfLinesAlike()
        {
            string detection, repair;
            using (var pc = new SimulatedSession())
            {
                var alice = Repair.BrokenPc.Healthy(pc);
                FleetPcs.Breaks["tls-off-and-dns-failure"](pc, new SimulatedUserRef(alice));
                detection = Remoted(pc, "Test-TeamsCaa20002 -As Json -TimeoutSeconds 10");
                repair = Remoted(pc, "Repair-TeamsCaa20002 -Force -As Json");
            }

            using var temp = new TempFolder();
            using var admin = new SimulatedSession();
            var json = admin.Run("$args | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize($_) }", detection, repair)
                .Output.Select(o => (string)o.BaseObject).ToList();
            Assert.All(json, j => Assert.StartsWith("{\"schema\":\"TeamsRemediation.SummaryLine/1\"", j));
            File.WriteAllText(temp.Combine("ci.csv"), "\"Computer Name\",\"Discovered value\"\r\n\"PC01\",\"" + json[0].Replace("\"", "\"\"")
                + "\"\r\n");
            File.WriteAllLines(temp.Combine("lines.txt"), json);

            var result = admin.Run("$args[1..2] | ConvertFrom-TeamsRemediationOutput;"
                + " [pscustomobject]@{ DetectionState = 'fail'; RemediationState = 'success'; PreRemediationDetectionScriptOutput = $args[1];"
                + " ManagedDevice = [pscustomobject]@{ DeviceName = 'PC01' } } | ConvertFrom-TeamsRemediationOutput;"
                + " ConvertFrom-TeamsRemediationOutput -Path ([IO.Path]::Combine($args[0], 'ci.csv')), ([IO.Path]::Combine($args[0], 'lines.txt'))",
                temp.Path, json[0], json[1]);

            Assert.Empty(result.Errors);
            Assert.Empty(result.Warnings);
            var rows = result.Objects<TeamsRemediationFleetRow>().ToList();
            var before = rows.Where(r => r.Phase == FleetPhase.Pre && r.CheckId == CheckIds.TlsSchannel).ToList();
            // Once each: the remoted string, the Graph object, the ConfigMgr report, the file of lines.
            Assert.Equal(4, before.Count);
            Assert.All(before, r => Assert.Equal(("PC01", FindingStatus.Fail, FindingOwner.Device),
                (r.ComputerName, r.Status!.Value, r.Owner!.Value)));
            Assert.Equal(2, rows.Count(r => r.Phase == FleetPhase.Remediation && r.Outcome == "NeedsReboot" && r.ExitCode == 2));
            Assert.Contains(rows, r => r.Phase == FleetPhase.Post && r.CheckId == CheckIds.NetworkEndpoint
                && r.Source.StartsWith("lines.txt line 2"));
            Assert.Contains(rows, r => r.Source == "ci.csv record 1 (line 2), discovered value");
        }

        [Fact]
        public void GraphRunStatesAreReadByPropertyNameFromTheGraphCmdletsAndFromInvokeMgGraphRequest()
        {
            using var s = new SimulatedSession();
            var result = s.Run(@"@(
                [pscustomobject]@{
                    Id = 'a1'; DetectionState = 'fail'; RemediationState = 'success'
                    LastStateUpdateDateTime = [datetime]::SpecifyKind([datetime]'2026-03-02T10:30:00', 'Utc')
                    PreRemediationDetectionScriptOutput = 'CAA20002 PC11 NonCompliant: FAIL Tls.WinHttp: off | pass 15, skipped 1'
                    PostRemediationDetectionScriptOutput = 'CAA20002 PC11 Compliant: pass 16, skipped 1'
                    RemediationScriptError = ''
                    ManagedDevice = [pscustomobject]@{ DeviceName = 'PC11'; UserPrincipalName = 'ann@contoso.com' }
                }
                @{
                    id = 'a2'; detectionState = 'fail'; remediationState = 'remediationFailed'
                    lastStateUpdateDateTime = '2026-03-02T11:00:00Z'
                    preRemediationDetectionScriptOutput = 'CAA20002 PC12 NonCompliant: FAIL Network.ClockSkew: 42 min (CAA20003). | pass 15'
                    remediationScriptError = 'Exception calling ""Resync"": access denied'
                    postRemediationDetectionScriptOutput = 'CAA20002 PC12 NonCompliant: FAIL Network.ClockSkew: 42 min (CAA20003). | pass 15,'
                    managedDevice = @{ deviceName = 'PC12'; userPrincipalName = 'bo@contoso.com' }
                }
                [pscustomobject]@{ Id = 'a3'; DetectionState = 'pending'; ManagedDevice = [pscustomobject]@{ DeviceName = 'PC13' } }
            ) | ConvertFrom-TeamsRemediationOutput");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Empty(result.Warnings);
            var rows = result.Objects<TeamsRemediationFleetRow>().ToList();
            var pre11 = Assert.Single(rows, r => r.ComputerName == "PC11" && r.Phase == FleetPhase.Pre);
            Assert.Equal(("ann@contoso.com", CheckIds.TlsWinHttp), (pre11.User, pre11.CheckId));
            Assert.Equal(new DateTime(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc), pre11.Time);
            Assert.Equal("Success", Assert.Single(rows, r => r.ComputerName == "PC11" && r.Phase == FleetPhase.Remediation).Outcome);
            Assert.Equal(DiagnosisSummary.Compliant, Assert.Single(rows, r => r.ComputerName == "PC11" && r.Phase == FleetPhase.Post).Outcome);
            var remediation12 = Assert.Single(rows, r => r.ComputerName == "PC12" && r.Phase == FleetPhase.Remediation);
            Assert.Equal(("RemediationFailed", "Exception calling \"Resync\": access denied"), (remediation12.Outcome, remediation12.Summary));
            Assert.Equal("CAA20003", Assert.Single(rows, r => r.ComputerName == "PC12" && r.Phase == FleetPhase.Post).Code);
            Assert.Equal(new DateTime(2026, 3, 2, 11, 0, 0, DateTimeKind.Utc), rows.First(r => r.ComputerName == "PC12").Time);
            Assert.Equal("Pending", Assert.Single(rows, r => r.ComputerName == "PC13").Outcome);
        }

        [Fact]
        public void ConfigMgrValuesAreReadFromItsViewsRowsAndItsReportSavedAsCsv()
        {
            using var temp = new TempFolder();
            File.WriteAllText(temp.Combine("ci.csv"), "\"Computer Name\";\"Discovered value\";\"Last Compliance Message Time\"\r\n"
                + "PC21;Compliant;2026-03-01 08:00\r\n"
                + "PC22;\"CAA20002 PC22 NonCompliant: FAIL Tls.DotNet: strong crypto off | pass 15, skipped 1\";2026-03-01 09:00\r\n");
            using var s = new SimulatedSession();

            var result = s.Run("[pscustomobject]@{ Netbios_Name0 = 'PC23'; CurrentValue = 'NonCompliant';"
                + " LastComplianceMessageTime = [datetime]'2026-03-01' } |"
                + " ConvertFrom-TeamsRemediationOutput; ConvertFrom-TeamsRemediationOutput -Path ([IO.Path]::Combine($args[0], '*.csv'))", temp.Path);

            Assert.Empty(result.Errors);
            var rows = result.Objects<TeamsRemediationFleetRow>().ToDictionary(r => r.ComputerName);
            Assert.Equal((DiagnosisSummary.NonCompliant, string.Empty), (rows["PC23"].Outcome, rows["PC23"].CheckId));
            Assert.Equal(DiagnosisSummary.Compliant, rows["PC21"].Outcome);
            Assert.Equal(CheckIds.TlsDotNet, rows["PC22"].CheckId);
            Assert.Equal("ci.csv record 2 (line 3), discovered value", rows["PC22"].Source);
            Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), rows["PC22"].Time);
        }

        [Fact]
        public void AMissingOrForeignFileIsAnErrorWithAStableIdAndTheOtherFilesAreStillRead()
        {
            using var temp = new TempFolder();
            File.WriteAllText(temp.Combine("good.txt"), "CAA20002 PC31 Compliant: pass 16, skipped 1\n");
            File.WriteAllText(temp.Combine("foreign.csv"), "Hostname,Serial\nPC01,1\n");
            File.WriteAllText(temp.Combine("empty.csv"), "\r\n\r\n");
            using var s = new SimulatedSession();

            var result = s.Run("ConvertFrom-TeamsRemediationOutput -Path ([IO.Path]::Combine($args[0], 'nothing*.csv')),"
                + " ([IO.Path]::Combine($args[0], 'foreign.csv')), ([IO.Path]::Combine($args[0], 'empty.csv')),"
                + " ([IO.Path]::Combine($args[0], 'good.txt')); [pscustomobject]@{ Name = 'x' } | ConvertFrom-TeamsRemediationOutput",
                temp.Path);

            Assert.Equal(new[] { "FleetFileNotFound," + Command, "FleetFileUnrecognized," + Command, "FleetFileEmpty," + Command },
                result.Errors.Select(e => e.FullyQualifiedErrorId));
            Assert.Equal(new[] { ErrorCategory.ObjectNotFound, ErrorCategory.InvalidData, ErrorCategory.InvalidData },
                result.Errors.Select(e => e.CategoryInfo.Category));
            Assert.Equal("PC31", Assert.Single(result.Objects<TeamsRemediationFleetRow>()).ComputerName);
            Assert.StartsWith("pipeline item 1 (System.Management.Automation.PSCustomObject) not read:", Assert.Single(result.Warnings));
        }

        [Fact]
        public void RowsSavedWithExportCsvAndReadBackSummariseTheSameAndThePageIsWritten()
        {
            using var temp = new TempFolder();
            using var s = new SimulatedSession();
            var lines = new[]
            {
                "CAA20002 PC41 NonCompliant: FAIL Tls.WinHttp: off | pass 15, skipped 1",
                "CAA20002 PC41 Repair NotFixed (exit 1): Machine/Tls: Failed | left: Fail Tls.WinHttp: off",
                "CAA20002 PC42 NonCompliant: FAIL Tls.WinHttp: off | pass 15, skipped 1",
                "CAA20002 PC42 Repair Fixed (exit 0): Machine/Tls: Done",
            };

            var direct = s.Run("$args[1..4] | ConvertFrom-TeamsRemediationOutput |"
                + " Get-TeamsRemediationFleetSummary -HtmlPath ([IO.Path]::Combine($args[0], 'fleet.html'))",
                temp.Path, lines[0], lines[1], lines[2], lines[3]);
            // What Export-Csv and Import-Csv give back: the same properties, every value a string.
            var again = s.Run("$args[1..4] | ConvertFrom-TeamsRemediationOutput | ForEach-Object { $text = [ordered]@{};"
                + " foreach ($p in $_.PSObject.Properties) { $text[$p.Name] = [string]$p.Value }; [pscustomobject]$text } |"
                + " Get-TeamsRemediationFleetSummary", temp.Path, lines[0], lines[1], lines[2], lines[3]);
            var unwritable = s.Run("$args[1] | ConvertFrom-TeamsRemediationOutput |"
                + " Get-TeamsRemediationFleetSummary -HtmlPath ([IO.Path]::Combine($args[0], 'no', 'such', 'f.html'))",
                temp.Path, lines[0]);

            File.WriteAllLines(temp.Combine("lines.txt"), lines);
            var fromFile = s.Run("Get-TeamsRemediationFleetSummary -Path ([IO.Path]::Combine($args[0], 'l*.txt'))", temp.Path);

            var cause = Assert.Single(direct.Objects<TeamsRemediationFleetCause>());
            var read = Assert.Single(fromFile.Objects<TeamsRemediationFleetCause>());
            Assert.Equal((cause.CheckId, cause.Devices, cause.Fixed, cause.NotFixed), (read.CheckId, read.Devices, read.Fixed, read.NotFixed));
            Assert.Equal((CheckIds.TlsWinHttp, 2, 1, 1), (cause.CheckId, cause.Devices, cause.Fixed, cause.NotFixed));
            var imported = Assert.Single(again.Objects<TeamsRemediationFleetCause>());
            Assert.Equal((cause.CheckId, cause.Devices, cause.Fixed, cause.NotFixed), (imported.CheckId, imported.Devices, imported.Fixed,
                imported.NotFixed));
            Assert.Contains("<svg", File.ReadAllText(temp.Combine("fleet.html")));
            Assert.Equal("FleetPageNotWritten,TeamsRemediation.Commands.GetTeamsRemediationFleetSummaryCommand",
                Assert.Single(unwritable.Errors).FullyQualifiedErrorId);
            Assert.Single(unwritable.Objects<TeamsRemediationFleetCause>());
        }
    }
}
