using System;
using System.IO;
using System.Linq;
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
    /// <summary>Runs killed for real, in a child process, at the worst moment: after a journal entry, before its change.</summary>
    public sealed class CrashSafetyTests
    {
        private const int StopAtMove = 25;

        [Fact]
        public void ACacheClearKilledHalfwayIsFinishedByTheNextRunAndTheJournalsPutTheCacheBackByteForByte()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var cacheRoot = TeamsLayout.NewCacheRoot(alice.Folders);
            for (var i = 0; i < 60; i++)
            {
                // Files directly in the root are moved one by one: one journal entry each.
                alice.WriteFile(Path.Combine(cacheRoot, "entry" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)),
                    "cached " + i);
            }

            var before = TreeSnapshot.Take(cacheRoot);
            var backups = UserBackups.Root(alice.Folders);

            using (var child = ChildProcess.Start(ChildHost.ClearCacheScenario, s.Machine.RootFolder,
                StopAtMove.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                child.WaitFor(Path.Combine(s.Machine.RootFolder, ChildHost.PausedMarker), TimeSpan.FromMinutes(5));
                child.Kill();
            }

            var cut = Path.Combine(Directory.GetDirectories(backups).Single(), CacheBackupFolder.JournalFileName);
            var recorded = JournalFile.Read(cut).Entries;
            Assert.Equal(StopAtMove, recorded.Count);
            Assert.True(File.Exists(recorded.Last().OriginalPath) || Directory.Exists(recorded.Last().OriginalPath), "recorded, never moved");
            Assert.NotEqual(before, TreeSnapshot.Take(cacheRoot));

            // The child recorded what its clear answers before the clear; the simulated ACLs live in memory, so say what the child made.
            s.Machine.StorageSecurity.Declare(JournalStorage.ModuleFolder(s.Machine), JournalStorage.ModuleFolderSddl);
            s.Machine.StorageSecurity.Declare(TeamsRemediation.Answers.AnswerLedger.Folder(s.Machine), JournalStorage.JournalFolderSddl);
            var next = s.Run("Clear-TeamsCache -UserName alice -Client New -Backup -Force");

            Assert.Empty(next.Errors);
            Assert.Equal(CacheClearStatus.Cleared, Assert.Single(next.Objects<TeamsCacheClearResult>()).Status);
            var second = Path.Combine(Assert.Single(next.Objects<TeamsCacheClearResult>()).BackupPath, CacheBackupFolder.JournalFileName);

            s.Pc.RunAs(alice, elevated: false);
            var restored = s.Run("Undo-TeamsRemediation -Journal $args[0], $args[1]", second, cut);

            Assert.Empty(restored.Errors);
            Assert.All(restored.Objects<RestoreResult>(), r => Assert.Contains(r.Status, new[] { RestoreStatus.Restored,
                RestoreStatus.AlreadyRestored }));
            Assert.Equal(RestoreStatus.AlreadyRestored, restored.Objects<RestoreResult>().Single(r =>
                r.Target == recorded.Last().OriginalPath && r.Journal == cut).Status);
            Assert.Equal(before, TreeSnapshot.Take(cacheRoot));
        }

        [Fact]
        public void AnEnableTls12RunKilledHalfwayIsFinishedByTheNextRunAndTheJournalsPutTheRegistryBackByteForByte()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            var registry = s.Machine.SimulatedRegistry;
            foreach (var side in new[] { "Client", "Server" })
            {
                var key = new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + "\\" + side);
                registry.SetValue(key, "Enabled", RegistryValue.DWord(0));
                registry.SetValue(key, "DisabledByDefault", RegistryValue.DWord(1));
            }

            var winHttp = new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.WinHttp, RegistryView.Registry32);
            registry.SetValue(winHttp, "DefaultSecureProtocols", RegistryValue.String("0xA0"));
            var before = registry.Export();
            var file = Path.Combine(s.Machine.RootFolder, ChildHost.RegistryFileName);
            SimulatedRegistryFile.Save(registry, file);

            using (var child = ChildProcess.Start(ChildHost.EnableTls12Scenario, s.Machine.RootFolder, "3"))
            {
                child.WaitFor(Path.Combine(s.Machine.RootFolder, ChildHost.PausedMarker), TimeSpan.FromMinutes(5));
                child.Kill();
            }

            SimulatedRegistryFile.Load(registry, file);
            var cut = Directory.GetFiles(JournalStorage.ProtectedFolder(s.Machine)).Single();
            var recorded = JournalFile.Read(cut).Entries;
            Assert.Equal(3, recorded.Count);
            Assert.Equal(recorded[2].Before, registry.GetValue(recorded[2].Key, recorded[2].ValueName));
            Assert.Equal(recorded[1].After, registry.GetValue(recorded[1].Key, recorded[1].ValueName));
            // On Windows the folders' ACLs are on the disk; the simulated twin keeps them in memory, so say what the child made.
            s.Machine.StorageSecurity.Declare(JournalStorage.ModuleFolder(s.Machine), JournalStorage.ModuleFolderSddl);
            s.Machine.StorageSecurity.Declare(JournalStorage.ProtectedFolder(s.Machine), JournalStorage.JournalFolderSddl);
            s.Machine.StorageSecurity.Declare(TeamsRemediation.Answers.AnswerLedger.Folder(s.Machine), JournalStorage.JournalFolderSddl);

            var next = s.Run("Enable-Tls12 -Scope Machine");

            Assert.Null(next.Terminating);
            Assert.Empty(next.Errors);
            var second = next.Objects<TlsSettingChange>().First(c => c.JournalPath.Length > 0).JournalPath;
            Assert.Equal(RegistryValue.DWord(0x8A0), registry.GetValue(winHttp, "DefaultSecureProtocols"));

            var restored = s.Run("Undo-TeamsRemediation -Journal $args[0], $args[1]", second, cut);

            Assert.Empty(restored.Errors);
            // Newest first: the cut journal's last entry was recorded but never written, and the second run's journal put it back.
            var fromCut = restored.Objects<RestoreResult>().Where(r => r.Journal == cut).Select(r => r.Status).ToArray();
            Assert.Equal(new[] { RestoreStatus.AlreadyRestored, RestoreStatus.Restored, RestoreStatus.Restored }, fromCut);
            Assert.Equal(before, registry.Export());
            Assert.Equal(RegistryValueKind.String, registry.GetValue(winHttp, "DefaultSecureProtocols")!.Kind);
        }
    }
}
