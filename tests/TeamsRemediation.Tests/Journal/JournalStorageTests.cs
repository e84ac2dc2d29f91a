using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Cache;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Journal
{
    /// <summary>Where journals are kept, with which owner and DACL, and which ones an elevated Undo will follow.</summary>
    public sealed class JournalStorageTests
    {
        private const string Undo = ",TeamsRemediation.Commands.UndoTeamsRemediationCommand";
        private const string Enable = ",TeamsRemediation.Commands.EnableTls12Command";

        private static readonly RegistryKeyPath SchannelClient = new RegistryKeyPath(RegistryHive.LocalMachine,
            TlsRegistryLocations.SchannelTls12 + @"\Client");

        [Fact]
        public void AnElevatedRunCreatesTheProgramDataFoldersWithTheirProtectedDacl()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(0));

            var journal = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().First().JournalPath;

            Assert.StartsWith(JournalStorage.ProtectedFolder(s.Machine) + Path.DirectorySeparatorChar, journal);
            Assert.Equal(JournalStorage.ModuleFolderSddl, s.Machine.StorageSecurity.ReadSddl(JournalStorage.ModuleFolder(s.Machine)));
            Assert.Equal(JournalStorage.JournalFolderSddl, s.Machine.StorageSecurity.ReadSddl(JournalStorage.ProtectedFolder(s.Machine)));
            Assert.Null(JournalStorage.WhyUntrusted(s.Machine, journal));
        }

        [Fact]
        public void AnAdministratorWhoseTokenOwnsWhatItCreatesGetsAJournalItsOwnUndoFollows()
        {
            // Policy "Object creator" (and Wine): an elevated administrator's new files are owned by their own SID, which a
            // medium-integrity process of theirs could re-permission. The journal is made Administrators' own instead.
            using var s = new SimulatedSession();
            var admin = s.Pc.AddUser("admin", loggedOn: true);
            s.Pc.RunAs(admin, elevated: true);
            s.Machine.StorageSecurity.CreatorOwner = admin.Sid;
            s.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(0));

            var journal = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().First().JournalPath;
            var restore = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            Assert.Equal(JournalStorage.JournalFileSddl, s.Machine.StorageSecurity.ReadSddl(journal));
            Assert.Empty(restore.Errors);
            Assert.Equal(RegistryValue.DWord(0), s.Machine.SimulatedRegistry.GetValue(SchannelClient, "Enabled"));
        }

        [Fact]
        public void AJournalFolderAUserMadeFirstIsReportedAndNotUsedAndNothingChanges()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(0));
            // Any user may create folders in ProgramData, and owns what they create.
            var folder = JournalStorage.ProtectedFolder(s.Machine);
            Directory.CreateDirectory(folder);
            s.Machine.StorageSecurity.Declare(JournalStorage.ModuleFolder(s.Machine), SimulatedStorageSecurity.Profile(alice.Sid));
            var before = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Enable-Tls12 -Scope Machine");

            // The first thing an approved change writes is the record of what it answers, in the same module folder: refused there.
            Assert.Equal("AnswerRecordFailed" + Enable, result.TerminatingErrorId);
            Assert.Contains("owned by " + alice.Sid, result.Terminating!.Message);
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }

        [Fact]
        public void AJournalFolderWithALooserAclIsNotUsedEither()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(0));
            // Made by an older version with plain CreateDirectory: it inherited ProgramData's "Users may add files".
            Directory.CreateDirectory(JournalStorage.ProtectedFolder(s.Machine));

            var result = s.Run("Enable-Tls12 -Scope Machine");

            Assert.Equal("JournalFolderUntrusted" + Enable, result.TerminatingErrorId);
            Assert.Contains("writable by S-1-5-32-545", result.Terminating!.Message);
            Assert.Equal(RegistryValue.DWord(0), s.Machine.SimulatedRegistry.GetValue(SchannelClient, "Enabled"));
        }

        [Fact]
        public void AJournalAUserPlantedInTheProtectedFolderIsRefusedBySystem()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(0));
            var genuine = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().First().JournalPath;
            // A copy of a genuine journal, "moved into ProgramData by a user": in scope, but the file is hers.
            var planted = Path.Combine(JournalStorage.ProtectedFolder(s.Machine), "planted.xml");
            File.Copy(genuine, planted);
            s.Machine.StorageSecurity.Declare(planted, "O:" + alice.Sid + "D:(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;" + alice.Sid + ")");
            var before = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", planted);

            var error = Assert.Single(result.Errors);
            Assert.Equal("JournalUntrusted" + Undo, error.FullyQualifiedErrorId);
            Assert.Equal("SecurityError", error.CategoryInfo.Category.ToString());
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            Assert.Equal(RestoreStatus.Restored, Assert.Single(s.Run("Undo-TeamsRemediation -Journal $args[0]",
                genuine).Objects<RestoreResult>()).Status);
        }

        [Fact]
        public void ACacheBackupInTheUsersProfileIsRestoredByTheUserAndRefusedBySystem()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var cacheRoot = TeamsLayout.NewCacheRoot(alice.Folders);
            var before = TreeSnapshot.Take(cacheRoot);
            var cleared = Assert.Single(s.Run("Clear-TeamsCache -UserName alice -Client New -Backup").Objects<TeamsCacheClearResult>());
            var journal = Path.Combine(cleared.BackupPath, CacheBackupFolder.JournalFileName);
            s.Pc.RunAsSystem();
            // Logged on, SYSTEM's Undo runs in alice's session (UserSessionUndoTests); logged off, nobody but alice may restore it.
            s.Machine.UserDirectory.RemoveSessions(alice.Sid);

            var refused = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            Assert.Equal("JournalUntrusted" + Undo, Assert.Single(refused.Errors).FullyQualifiedErrorId);
            Assert.NotEqual(before, TreeSnapshot.Take(cacheRoot));

            s.Pc.RunAs(alice, elevated: true);
            var restored = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            Assert.Empty(restored.Errors);
            Assert.All(restored.Objects<RestoreResult>(), r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, TreeSnapshot.Take(cacheRoot));
        }

        [Fact]
        public void AUsersOwnRunKeepsItsJournalInTheirProfileWhereTheyCanUndoIt()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAs(alice, elevated: false);
            var settings = alice.HiveKey(TlsRegistryLocations.UserInternetSettings);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));

            var journal = s.Run("Enable-Tls12 -Scope User").Objects<TlsSettingChange>().Single(c => c.Action == TlsChangeAction.Updated).JournalPath;

            Assert.StartsWith(Path.Combine(alice.ProfilePath, "AppData", "Local", "TeamsRemediation", "Journal"), journal);
            Assert.False(Directory.Exists(JournalStorage.ModuleFolder(s.Machine)));
            Assert.Equal(RestoreStatus.Restored, Assert.Single(s.Run("Undo-TeamsRemediation $args[0]", journal).Objects<RestoreResult>()).Status);
            Assert.Equal(RegistryValue.DWord(0xA0), s.Machine.Registry.GetValue(settings, "SecureProtocols"));
        }
    }
}
