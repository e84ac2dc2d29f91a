using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Fleet;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>The verdict of a device on a cause, in its order: Fixed, NeedsAdmin, NeedsRestart, Recurred, NotFixed.</summary>
    public sealed class FleetTallyTests
    {
        private static TeamsRemediationFleetRow Fail(string pc, FleetPhase phase, string checkId, FindingOwner owner = FindingOwner.Device,
            FindingStatus status = FindingStatus.Fail) => new TeamsRemediationFleetRow
            {
                ComputerName = pc, Phase = phase, CheckId = checkId, Status = status, Owner = owner, Outcome = DiagnosisSummary.NonCompliant,
            };

        private static TeamsRemediationFleetRow Outcome(string pc, FleetPhase phase, string outcome, int? exit = null) =>
            new TeamsRemediationFleetRow { ComputerName = pc, Phase = phase, Outcome = outcome, ExitCode = exit };

        private static Dictionary<string, TeamsRemediationFleetDevice> Devices(params TeamsRemediationFleetRow[] rows)
        {
            var tally = new FleetTally();
            foreach (var row in rows)
            {
                tally.Add(row);
            }

            return tally.Finish().Devices().ToDictionary(d => d.ComputerName);
        }

        [Fact]
        public void EachDeviceGetsTheVerdictOfTheRuleInItsOrder()
        {
            var devices = Devices(
                Fail("FIXED", FleetPhase.Pre, CheckIds.TlsWinHttp), Outcome("FIXED", FleetPhase.Remediation, "Success"),
                Outcome("FIXED", FleetPhase.Post, DiagnosisSummary.Compliant),
                Fail("ADMIN", FleetPhase.Pre, CheckIds.EvidenceAadEvents, FindingOwner.TenantAdmin, FindingStatus.Warning),
                Outcome("ADMIN", FleetPhase.Remediation, "NeedsAdmin+Restart", 3),
                Fail("ADMIN", FleetPhase.Post, CheckIds.EvidenceAadEvents, FindingOwner.TenantAdmin, FindingStatus.Warning),
                Fail("RESTART", FleetPhase.Pre, CheckIds.NetworkEndpoint, FindingOwner.Network),
                Outcome("RESTART", FleetPhase.Remediation, "NeedsAdmin+Restart", 3),
                Fail("RESTART", FleetPhase.Post, CheckIds.NetworkEndpoint, FindingOwner.Network),
                Fail("RECURRED", FleetPhase.Pre, CheckIds.EvidenceTeamsLogs), Outcome("RECURRED", FleetPhase.Remediation, "Success"),
                Fail("RECURRED", FleetPhase.Post, CheckIds.EvidenceTeamsLogs),
                Fail("NOTFIXED", FleetPhase.Pre, CheckIds.EvidenceTeamsLogs), Outcome("NOTFIXED", FleetPhase.Remediation, "RemediationFailed"),
                Fail("NOTFIXED", FleetPhase.Post, CheckIds.EvidenceTeamsLogs),
                Fail("OPEN", FleetPhase.Pre, CheckIds.TlsSchannel),
                Fail("VPN", FleetPhase.Pre, CheckIds.NetworkVpn, FindingOwner.Network, FindingStatus.Warning),
                Outcome("HEALTHY", FleetPhase.Pre, DiagnosisSummary.Compliant));

            Assert.Equal(FleetVerdict.Fixed, devices["FIXED"].Verdict);
            Assert.Equal(FleetVerdict.NeedsAdmin, devices["ADMIN"].Verdict);
            Assert.Equal(FleetVerdict.NeedsRestart, devices["RESTART"].Verdict);
            Assert.Equal(FleetVerdict.Recurred, devices["RECURRED"].Verdict);
            Assert.Equal(FleetVerdict.NotFixed, devices["NOTFIXED"].Verdict);
            Assert.Equal(FleetVerdict.NotFixed, devices["OPEN"].Verdict);
            Assert.False(devices["OPEN"].Rechecked);
            // A warning the network team would act on is no cause: the detection does not fail on it and the PC has nothing to do.
            Assert.Equal(FleetVerdict.Healthy, devices["VPN"].Verdict);
            Assert.Equal(FleetVerdict.Healthy, devices["HEALTHY"].Verdict);
        }

        [Fact]
        public void ADeviceIsCountedOnceHoweverManyRowsAndUsersNameTheSameCause()
        {
            var tally = new FleetTally();
            foreach (var user in new[] { "alice", "bob", "carol" })
            {
                var row = Fail("PC01", FleetPhase.Pre, CheckIds.EvidenceAadEvents);
                row.User = user;
                row.Code = "CAA20002";
                tally.Add(row);
                tally.Add(Fail("pc01", FleetPhase.Pre, CheckIds.EvidenceAadEvents));
            }

            var report = tally.Finish();

            Assert.Equal(1, report.DeviceCount);
            Assert.Equal(new[] { (CheckIds.EvidenceAadEvents, 1), (CheckIds.EvidenceAadEvents + " CAA20002", 1) },
                report.Causes.Select(c => (c.Cause, c.Devices)));
        }
    }
}
