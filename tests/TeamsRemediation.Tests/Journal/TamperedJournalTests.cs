using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Journal
{
    /// <summary>
    /// Journals edited or forged the way a user who can write them would: each is refused with its id before the
    /// first entry is put back, so not even the genuine entries of a tampered file are restored.
    /// </summary>
    public sealed class TamperedJournalTests
    {
        private const string Cmd = ",TeamsRemediation.Commands.UndoTeamsRemediationCommand";

        private static readonly RegistryKeyPath SchannelClient = new RegistryKeyPath(RegistryHive.LocalMachine,
            TlsRegistryLocations.SchannelTls12 + @"\Client");

        private static readonly RegistryKeyPath StickyKeys = new RegistryKeyPath(
            RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe");

        /// <summary>Writes a journal as any editor could: the format is plain, the scope is what protects.</summary>
        private static string Forge(SimulatedMachine machine, string path, string operation, params JournalEntry[] entries)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            JournalFile.Create(machine.Files, path, machine.ComputerName, operation, machine.Clock.UtcNow, entries[0]);
            foreach (var entry in entries.Skip(1))
            {
                JournalFile.Append(machine.Files, path, entry);
            }

            return path;
        }

        private static string InJournalFolder(SimulatedMachine machine) => Path.Combine(ChangeJournal.DefaultFolder(machine), "forged.xml");

        [Fact]
        public void AnEnableTls12JournalWithADebuggerValueIsRefusedAndNotEvenItsGenuineEntryIsRestored()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(1));
            var journal = Forge(
                s.Machine,
                InJournalFolder(s.Machine),
                JournalScope.EnableTls12,
                JournalEntry.RegistryChange(SchannelClient, "Enabled", RegistryValue.DWord(0), RegistryValue.DWord(1)),
                JournalEntry.RegistryChange(StickyKeys, "Debugger", RegistryValue.String(@"C:\Windows\System32\cmd.exe"), RegistryValue.DWord(1)));
            var before = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", journal);

            var error = Assert.Single(result.Errors);
            Assert.Equal("JournalEntryOutOfScope" + Cmd, error.FullyQualifiedErrorId);
            Assert.Equal("SecurityError", error.CategoryInfo.Category.ToString());
            Assert.Contains("sethc.exe", error.Exception.Message);
            Assert.Empty(result.Objects<RestoreResult>());
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            Assert.Null(s.Machine.SimulatedRegistry.GetValue(StickyKeys, "Debugger"));
        }

        [Fact]
        public void ATlsValueNameInAForeignKeyOrAWrongViewIsOutOfScope()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            var before = s.Machine.SimulatedRegistry.Export();
            var sam = new RegistryKeyPath(RegistryHive.LocalMachine, @"SAM\SAM\Domains\Account");
            var schannel32 = new RegistryKeyPath(RegistryHive.LocalMachine, SchannelClient.Path, RegistryView.Registry32);

            foreach (var entry in new[]
            {
                JournalEntry.RegistryChange(sam, "Enabled", RegistryValue.DWord(0), RegistryValue.DWord(1)),
                JournalEntry.RegistryChange(schannel32, "Enabled", RegistryValue.DWord(0), RegistryValue.DWord(1)),
                JournalEntry.RegistryChange(SchannelClient, "Enabled", RegistryValue.DWord(0), RegistryValue.String("1")),
            })
            {
                var journal = Forge(s.Machine, InJournalFolder(s.Machine), JournalScope.EnableTls12, entry);

                var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", journal);

                Assert.Equal("JournalEntryOutOfScope" + Cmd, Assert.Single(result.Errors).FullyQualifiedErrorId);
                File.Delete(journal);
            }

            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void AJournalOfAnOperationNoCmdletWritesIsRefused()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            var journal = Forge(s.Machine, InJournalFolder(s.Machine), "Set-Anything", JournalEntry.RegistryChange(SchannelClient, "Enabled",
                null, RegistryValue.DWord(1)));
            s.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(1));
            var before = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            var error = Assert.Single(result.Errors);
            Assert.Equal("JournalOperationUnknown" + Cmd, error.FullyQualifiedErrorId);
            Assert.Equal("InvalidData", error.CategoryInfo.Category.ToString());
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void ACacheJournalCarryingARegistryEntryIsRefused()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            var folder = Path.Combine(UserBackups.Root(alice.Folders), "run");
            var journal = Forge(
                s.Machine,
                Path.Combine(folder, CacheBackupFolder.JournalFileName),
                JournalScope.ClearCache,
                JournalEntry.RegistryChange(SchannelClient, "Enabled", RegistryValue.DWord(0), RegistryValue.DWord(1)));
            var before = s.Machine.SimulatedRegistry.Export();
            // A journal in alice's backups is restored in her session, with her rights (UserSessionUndoTests): her own Undo refuses it.
            s.Pc.RunAs(alice, elevated: false);

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", journal);

            Assert.Equal("JournalEntryOutOfScope" + Cmd, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void ACacheJournalThatMovesAForeignFileOrIntoAnotherUsersCacheIsRefusedAndNothingMoves()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var bob = s.Pc.AddUser("bob").InstallNewTeams();
            s.Pc.RunAsSystem();
            var folder = Path.Combine(UserBackups.Root(alice.Folders), "run");
            var content = CacheBackupFolder.ContentFolderOf(folder);
            var systemFile = Path.Combine(s.Machine.WindowsPath, "System32", "utilman.exe");
            alice.WriteFile(systemFile, "MZ the real utilman");
            alice.WriteFile(Path.Combine(content, "utilman.exe"), "MZ alice's program");
            alice.WriteFile(Path.Combine(content, "EBWebView", "planted.js"), "alice's script");
            var bobsCache = TeamsLayout.NewCacheRoot(bob.Folders);
            var foreign = new[]
            {
                // The classic escalation: put a file of the user's over a system file (-Force deletes what is there).
                JournalEntry.Moved(systemFile, Path.Combine(content, "utilman.exe")),
                // Same relative place, but in bob's cache: a backup in alice's profile only goes back to alice.
                JournalEntry.Moved(Path.Combine(bobsCache, "EBWebView", "planted.js"), Path.Combine(content, "EBWebView", "planted.js")),
                // Alice's cache, but not the place it was taken from.
                JournalEntry.Moved(Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "Other", "planted.js"), Path.Combine(content,
                    "EBWebView", "planted.js")),
                // ".." back out of the cache root.
                JournalEntry.Moved(TeamsLayout.NewCacheRoot(alice.Folders) + "/../../../../../../../../Windows/System32/utilman.exe",
                    Path.Combine(content, "utilman.exe")),
            };
            var before = TreeSnapshot.Take(s.Machine.UsersFolder);

            foreach (var entry in foreign)
            {
                var journal = Forge(s.Machine, Path.Combine(folder, CacheBackupFolder.JournalFileName), JournalScope.ClearCache, entry);

                // SYSTEM never follows it itself: with alice logged off it refuses; logged on, the Undo runs in her session, with
                // her rights (UserSessionUndoTests), where her own Undo refuses it.
                s.Pc.RunAsSystem();
                s.Machine.UserDirectory.RemoveSessions(alice.Sid);
                Assert.Equal("JournalUntrusted" + Cmd, Assert.Single(s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", journal).Errors)
                    .FullyQualifiedErrorId);
                s.Pc.RunAs(alice, elevated: false);
                var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", journal);

                Assert.Equal("JournalEntryOutOfScope" + Cmd, Assert.Single(result.Errors).FullyQualifiedErrorId);
                File.Delete(journal);
            }

            Assert.Equal(before, TreeSnapshot.Take(s.Machine.UsersFolder));
            Assert.Equal("MZ the real utilman", File.ReadAllText(systemFile));
        }

        [Fact]
        public void AnAccountResetJournalOnlyPutsBackTheWamOverridesItRemoved()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAsSystem();
            var identity = alice.HiveKey(AccountLayout.IdentityKeyPath);
            var runKey = alice.HiveKey(@"Software\Microsoft\Windows\CurrentVersion\Run");
            var before = s.Machine.SimulatedRegistry.Export();

            foreach (var entry in new[]
            {
                JournalEntry.RegistryChange(runKey, "Updater", RegistryValue.String(@"C:\Users\alice\evil.exe"), null),
                JournalEntry.RegistryChange(identity, "DisableAADWAM", RegistryValue.DWord(0), null),
                JournalEntry.RegistryChange(identity, "DisableAADWAM", RegistryValue.DWord(1), RegistryValue.DWord(0)),
                JournalEntry.RegistryChange(new RegistryKeyPath(RegistryHive.Users, @".DEFAULT\" + AccountLayout.IdentityKeyPath),
                    "DisableAADWAM", RegistryValue.DWord(1), null),
                JournalEntry.Moved(AccountLayout.BrokerFolder(alice.Folders), Path.Combine(alice.ProfilePath, "Documents",
                    AccountLayout.BrokerPackageFamily + "-1")),
            })
            {
                var journal = Forge(s.Machine, InJournalFolder(s.Machine), JournalScope.ResetWorkAccount, entry);

                var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", journal);

                Assert.Equal("JournalEntryOutOfScope" + Cmd, Assert.Single(result.Errors).FullyQualifiedErrorId);
                File.Delete(journal);
            }

            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void ALinkPlantedOnTheWayBackAfterTheRunIsRefused()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var cleared = Assert.Single(s.Run("Clear-TeamsCache -UserName alice -Client New -Backup").Objects<TeamsCacheClearResult>());
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            var cacheRoot = TeamsLayout.NewCacheRoot(alice.Folders);
            var elsewhere = Path.Combine(s.Machine.WindowsPath, "System32");
            Directory.CreateDirectory(elsewhere);
            // Alice swaps the emptied cache root for a link to a system folder before the admin restores.
            Directory.Delete(cacheRoot, recursive: true);
            Directory.CreateSymbolicLink(cacheRoot, elsewhere);
            // Restored in her session, as from SYSTEM while she is logged on (UserSessionUndoTests): the link is refused there.
            s.Pc.RunAs(alice, elevated: false);

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", Path.Combine(cleared.BackupPath, CacheBackupFolder.JournalFileName));

            var error = Assert.Single(result.Errors);
            Assert.Equal("JournalPathThroughLink" + Cmd, error.FullyQualifiedErrorId);
            Assert.Equal(cacheRoot, error.TargetObject);
            Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        }
    }
}
