using System.Linq;
using TeamsRemediation.Lines;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// Exit codes that hide nothing: a restart beside the admin's work is said in both places; and a TLS value the diagnosis itself
    /// calls "not Teams" (.NET Framework's) restarts no PC unless asked.
    /// </summary>
    public sealed class RestartAndNotTeamsTests
    {
        private static readonly RegistryKeyPath DotNet = new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.DotNet4);

        [Fact]
        public void ARestartBesideAConditionalAccessBlockIsSaidInTheSummaryAndTheLineAndExitThreeWins()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003");

            var result = s.Run("Repair-TeamsCaa20002 -Force");
            var summary = result.Objects<TeamsRepairSummary>().Single();
            var line = SummaryLine.Parse(TeamsRemediation.Repair.RepairVerdict.Line(summary));

            Assert.Equal(RepairOutcome.NeedsAdmin, summary.Outcome);
            Assert.Equal(3, summary.ExitCode);
            Assert.True(summary.RebootRequired);
            Assert.Equal("NeedsAdmin+Restart", line.State);
            Assert.True(line.RestartNeeded);
            Assert.Equal(3, line.ExitCode);
            Assert.Contains(result.Warnings, w => w.StartsWith("Restart the computer"));
            Assert.Contains(line.Items, i => i.CheckId == "Machine/Tls" && i["status"] == "Done");
        }

        [Fact]
        public void ADotNetOnlyTlsValueIsNoProblemForDetectionOrRepairAndRestartsNothing()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            s.Machine.SimulatedRegistry.SetValue(DotNet, "SchUseStrongCrypto", RegistryValue.DWord(0));
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            // No session read: as SYSTEM it would register the module's own event log source for its machine log, a write of its own.
            var findings = s.Run("Test-TeamsCaa20002 -SkipNetwork -SkipUserSession").Objects<TeamsCaa20002Finding>().ToList();
            var compliance = s.Run("Test-TeamsCaa20002 -SkipNetwork -SkipUserSession -As Compliance").Output.Single().BaseObject;
            var result = s.Run("Repair-TeamsCaa20002 -Force -SkipNetwork -SkipUserSession");
            var summary = result.Objects<TeamsRepairSummary>().Single();

            Assert.Equal(FindingStatus.Warning, findings.Single(f => f.CheckId == "Tls.DotNet").Status);
            Assert.Equal("Compliant", compliance);
            Assert.Equal(RepairOutcome.NothingToFix, summary.Outcome);
            Assert.Equal(0, summary.ExitCode);
            Assert.False(summary.RebootRequired);
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.Equal(0u, s.Machine.SimulatedRegistry.GetValue(DotNet, "SchUseStrongCrypto")!.AsDWord);
        }

        [Fact]
        public void IncludeDotNetTlsRepairsItWithTheRestartItNeeds()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            s.Machine.SimulatedRegistry.SetValue(DotNet, "SchUseStrongCrypto", RegistryValue.DWord(0));

            var result = s.Run("Repair-TeamsCaa20002 -Force -SkipNetwork -IncludeDotNetTls");
            var summary = result.Objects<TeamsRepairSummary>().Single();

            Assert.Equal(RepairStepStatus.Done, result.Objects<TeamsRepairStep>().Single(x => x.Step == RepairStepName.Tls).Status);
            Assert.Equal(1u, s.Machine.SimulatedRegistry.GetValue(DotNet, "SchUseStrongCrypto")!.AsDWord);
            Assert.Equal(RepairOutcome.NeedsReboot, summary.Outcome);
            Assert.Equal(2, summary.ExitCode);
        }
    }
}
