using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Journal
{
    /// <summary>Undo-TeamsRemediation in the engine: error ids for bad journals, WhatIf, conflicts.</summary>
    public sealed class UndoTeamsRemediationTests
    {
        private const string Cmd = "TeamsRemediation.Commands.UndoTeamsRemediationCommand";

        private static RegistryKeyPath Client => new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + @"\Client");

        [Fact]
        public void AMissingJournalAndAFileThatIsNotAJournalAreReportedAndTheGoodJournalIsStillRestored()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Client, "Enabled", RegistryValue.DWord(0));
            var journal = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().First().JournalPath;
            var missing = Path.Combine(s.Machine.RootFolder, "missing.xml");
            var notAJournal = Path.Combine(s.Machine.RootFolder, "notes.xml");
            File.WriteAllText(notAJournal, "<notes>hello</notes>");

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0], $args[1], $args[2]", missing, notAJournal, journal);

            Assert.Equal(new[] { "JournalNotFound," + Cmd, "InvalidJournal," + Cmd }, result.Errors.Select(e => e.FullyQualifiedErrorId).ToArray());
            Assert.Equal("ObjectNotFound", result.Errors[0].CategoryInfo.Category.ToString());
            Assert.Equal("InvalidData", result.Errors[1].CategoryInfo.Category.ToString());
            Assert.Equal(RestoreStatus.Restored, Assert.Single(result.Objects<RestoreResult>()).Status);
            Assert.Equal(RegistryValue.DWord(0), s.Machine.SimulatedRegistry.GetValue(Client, "Enabled"));
        }

        [Fact]
        public void WhatIfRestoresNothingAndAValueChangedSinceIsAConflictUnlessForced()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Client, "Enabled", RegistryValue.DWord(0));
            var journal = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().First().JournalPath;

            var preview = s.Run("Undo-TeamsRemediation -Journal $args[0] -WhatIf", journal);
            Assert.Equal(RestoreStatus.WhatIf, Assert.Single(preview.Objects<RestoreResult>()).Status);
            Assert.Equal(RegistryValue.DWord(1), s.Machine.SimulatedRegistry.GetValue(Client, "Enabled"));

            s.Machine.SimulatedRegistry.SetValue(Client, "Enabled", RegistryValue.DWord(0xFFFFFFFF));
            Assert.Equal(RestoreStatus.Conflict, Assert.Single(s.Run("Undo-TeamsRemediation $args[0]", journal).Objects<RestoreResult>()).Status);
            Assert.Equal(RegistryValue.DWord(0xFFFFFFFF), s.Machine.SimulatedRegistry.GetValue(Client, "Enabled"));

            Assert.Equal(RestoreStatus.Restored, Assert.Single(s.Run("Undo-TeamsRemediation $args[0] -Force",
                journal).Objects<RestoreResult>()).Status);
            Assert.Equal(RegistryValue.DWord(0), s.Machine.SimulatedRegistry.GetValue(Client, "Enabled"));
        }

        [Fact]
        public void PipedPathStringsAndFilesRestoreTheirJournals()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Client, "Enabled", RegistryValue.DWord(0));
            var journal = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().First().JournalPath;

            var byString = s.Run("$args[0] | Undo-TeamsRemediation", journal);
            Assert.Equal(RestoreStatus.Restored, Assert.Single(byString.Objects<RestoreResult>()).Status);
            Assert.Equal(RegistryValue.DWord(0), s.Machine.SimulatedRegistry.GetValue(Client, "Enabled"));

            var byFile = s.Run("[System.IO.FileInfo]::new($args[0]) | Undo-TeamsRemediation", journal);
            Assert.Empty(byFile.Errors);
            Assert.Equal(RestoreStatus.AlreadyRestored, Assert.Single(byFile.Objects<RestoreResult>()).Status);
        }

        [Fact]
        public void PipingARunThatChangedNothingRestoresNothingAndReportsNoError()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();

            var result = s.Run("Enable-Tls12 -Scope Machine | Undo-TeamsRemediation");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Empty(result.Objects<RestoreResult>());
        }
    }
}
