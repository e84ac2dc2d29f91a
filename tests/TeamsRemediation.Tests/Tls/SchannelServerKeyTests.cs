using System;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Diagnostics;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Tls
{
    /// <summary>
    /// SCHANNEL TLS 1.2\Server governs inbound TLS (RDP, IIS); CAA20002 is a client-side sign-in failure. A PC whose admin
    /// turned the Server side off on purpose is healthy for sign-in: no finding calls for it, and neither Enable-Tls12 nor the
    /// repair turns it back on. Only the Undo of a journal an earlier version wrote (which did turn it on) still puts it back.
    /// </summary>
    public sealed class SchannelServerKeyTests
    {
        private static readonly RegistryKeyPath Server =
            new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + @"\Server");

        private static void ServerTurnedOffOnPurpose(SimulatedSession s)
        {
            s.Machine.SimulatedRegistry.SetValue(Server, "Enabled", RegistryValue.DWord(0));
            s.Machine.SimulatedRegistry.SetValue(Server, "DisabledByDefault", RegistryValue.DWord(1));
        }

        [Fact]
        public void AServerKeyTurnedOffOnPurposeIsNoFinding()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            ServerTurnedOffOnPurpose(s);

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Tls.Schannel"), "Tls.Schannel");

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.DoesNotContain(finding.Evidence, line => line.Contains(@"TLS 1.2\Server"));
        }

        [Fact]
        public void EnableTls12LeavesAServerKeyTurnedOffOnPurposeAsItIsWhileItRepairsTheClient()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            ServerTurnedOffOnPurpose(s);

            var changes = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().ToList();

            Assert.Contains(changes, c => c.Path.EndsWith(@"TLS 1.2\Client", StringComparison.Ordinal) && c.Action == TlsChangeAction.Updated);
            Assert.DoesNotContain(changes, c => c.Path.EndsWith(@"TLS 1.2\Server", StringComparison.Ordinal));
            Assert.Equal(RegistryValue.DWord(0), s.Machine.SimulatedRegistry.GetValue(Server, "Enabled"));
            Assert.Equal(RegistryValue.DWord(1), s.Machine.SimulatedRegistry.GetValue(Server, "DisabledByDefault"));
        }

        [Fact]
        public void TheRepairOfAPcWithOnlyTheServerKeyOffHasNothingToFixAndKeepsIt()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            ServerTurnedOffOnPurpose(s);

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            var summary = Assert.IsType<TeamsRepairSummary>(Assert.Single(result.Output).BaseObject);
            Assert.Equal(RepairOutcome.NothingToFix, summary.Outcome);
            Assert.Equal(RegistryValue.DWord(0), s.Machine.SimulatedRegistry.GetValue(Server, "Enabled"));
            Assert.Equal(RegistryValue.DWord(1), s.Machine.SimulatedRegistry.GetValue(Server, "DisabledByDefault"));
        }

        [Fact]
        public void UndoOfAJournalAnEarlierVersionWroteForTheServerKeyPutsTheAdminsValueBack()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            var journal = ChangeJournal.Start(s.Machine, JournalScope.EnableTls12);
            journal.SetRegistryValue(Server, "Enabled", RegistryValue.DWord(0), RegistryValue.DWord(1));

            var undo = s.Run("Undo-TeamsRemediation -Journal $args[0] -Confirm:$false", journal.Path);

            Assert.Empty(undo.Errors);
            Assert.Equal(RestoreStatus.Restored, Assert.Single(undo.Objects<RestoreResult>()).Status);
            Assert.Equal(RegistryValue.DWord(0), s.Machine.SimulatedRegistry.GetValue(Server, "Enabled"));
        }
    }
}
