using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Cache
{
    /// <summary>Clear-TeamsCache in a real engine on a new Teams WebView2 cache whose paths pass MAX_PATH (260), as in a long profile path.</summary>
    public sealed class DeepCacheTreeTests
    {
        /// <summary>Service Worker\CacheStorage\&lt;hash&gt;\... until the folder path is longer than <paramref name="length"/>.</summary>
        private static string DeepServiceWorkerFolder(SimulatedUser user, int length)
        {
            var folder = Path.Combine(TeamsLayout.NewCacheRoot(user.Folders), "EBWebView", "WV2Profile_tfw", "Service Worker", "CacheStorage");
            for (var level = 0; folder.Length < length; level++)
            {
                folder = Path.Combine(folder, level.ToString("D2") + "-" + Guid.NewGuid().ToString("N"));
            }

            return folder;
        }

        private static string[] WriteDeepFiles(SimulatedUser user, string folder)
        {
            var deep = new[] { Path.Combine(folder, "index-dir"), Path.Combine(folder, "7f3a_0"), Path.Combine(folder, "9c2e_0") };
            for (var i = 0; i < deep.Length; i++)
            {
                user.WriteFile(deep[i], "response " + i);
            }

            return deep;
        }

        /// <summary>
        /// A file Teams still holds open keeps the EBWebView folder from moving in one rename, so the backup mirrors the tree
        /// folder by folder, past MAX_PATH; the undo then puts every deep file back where it was, the held one never having moved.
        /// In Windows PowerShell 5.1 every journal path of 300+ characters is recorded, read back and scope-checked by its text
        /// (PathScope.Full, ExtendedLengthPath.ParentOf): .NET Framework's Path.GetFullPath and GetDirectoryName throw there (W9),
        /// which the build's banned-API list now refuses.
        /// </summary>
        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ADeepCacheBackedUpItemByItemIsPutBackByUndo(string host)
        {
            using var s = new SimulatedSession();
            HostUnderTest.Apply(s.Pc, host);
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAs(alice, elevated: false);
            var cacheRoot = TeamsLayout.NewCacheRoot(alice.Folders);
            var deep = WriteDeepFiles(alice, DeepServiceWorkerFolder(alice, 320));
            var before = TreeSnapshot.Take(cacheRoot);
            s.Machine.FileOperations.Lock(deep[0]);

            var cleared = Assert.Single(s.Run("Clear-TeamsCache -Client New -Backup").Objects<TeamsCacheClearResult>());
            var backedUp = CacheBackupFolder.ContentFolderOf(cleared.BackupPath) + deep[1].Substring(cacheRoot.Length);
            var movedAway = !File.Exists(deep[1]) && File.ReadAllText(backedUp) == "response 1";
            s.Machine.FileOperations.Release(deep[0]);
            var undo = s.Run("Undo-TeamsRemediation -Journal $args[0]", Path.Combine(cleared.BackupPath, CacheBackupFolder.JournalFileName));

            Assert.Equal(CacheClearStatus.PartiallyCleared, cleared.Status);
            Assert.StartsWith(deep[0], Assert.Single(cleared.Failed));
            Assert.True(backedUp.Length > 300, backedUp.Length + " characters");
            Assert.True(movedAway, "the deep file was moved into the mirrored backup folder");
            Assert.Empty(undo.Errors);
            Assert.NotEmpty(undo.Objects<RestoreResult>());
            Assert.All(undo.Objects<RestoreResult>(), r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, TreeSnapshot.Take(cacheRoot));
        }

        /// <summary>
        /// A deep folder on the way back of an item-by-item entry, swapped for a link after the run: the undo refuses the whole
        /// journal before moving anything, however deep the link sits.
        /// </summary>
        [Fact]
        public void ALinkPlantedDeepOnTheWayBackIsRefused()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAs(alice, elevated: false);
            var folder = DeepServiceWorkerFolder(alice, 320);
            var deep = WriteDeepFiles(alice, folder);
            s.Machine.FileOperations.Lock(deep[0]);
            var cleared = Assert.Single(s.Run("Clear-TeamsCache -Client New -Backup").Objects<TeamsCacheClearResult>());
            s.Machine.FileOperations.Release(deep[0]);
            var elsewhere = Path.Combine(s.Machine.WindowsPath, "System32");
            Directory.CreateDirectory(elsewhere);
            File.Delete(deep[0]);
            Directory.Delete(folder);
            Directory.CreateSymbolicLink(folder, elsewhere);

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", Path.Combine(cleared.BackupPath, CacheBackupFolder.JournalFileName));

            Assert.Equal(CacheClearStatus.PartiallyCleared, cleared.Status);
            Assert.True(folder.Length > 300, folder.Length + " characters");
            Assert.Equal("JournalPathThroughLink,TeamsRemediation.Commands.UndoTeamsRemediationCommand",
                Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
            var backedUp = CacheBackupFolder.ContentFolderOf(cleared.BackupPath) + deep[1].Substring(TeamsLayout.NewCacheRoot(alice.Folders).Length);
            Assert.True(File.Exists(backedUp), "the backup stays where the run put it");
        }

        /// <summary>
        /// Teams recreates its WebView2 folders after a clear: the undo then cannot move the backup back in one rename and
        /// recreates the deep folders itself, item by item, leaving what Teams wrote meanwhile alone.
        /// </summary>
        [Fact]
        public void UndoPutsADeepBackupBackIntoTheFoldersTeamsRecreated()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAs(alice, elevated: false);
            var cacheRoot = TeamsLayout.NewCacheRoot(alice.Folders);
            var folder = DeepServiceWorkerFolder(alice, 320);
            var deep = WriteDeepFiles(alice, folder);
            var before = TreeSnapshot.Take(cacheRoot);

            var cleared = Assert.Single(s.Run("Clear-TeamsCache -Client New -Backup").Objects<TeamsCacheClearResult>());
            var gone = deep.All(f => !File.Exists(f));
            var recreated = Path.Combine(cacheRoot, "EBWebView", "WV2Profile_tfw", "written-after-the-clear.txt");
            alice.WriteFile(recreated, "written by Teams after the clear");
            var undo = s.Run("Undo-TeamsRemediation -Journal $args[0]", Path.Combine(cleared.BackupPath, CacheBackupFolder.JournalFileName));

            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.True(gone, "the deep files were moved away");
            Assert.Empty(undo.Errors);
            Assert.All(undo.Objects<RestoreResult>(), r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal("written by Teams after the clear", File.ReadAllText(recreated));
            var after = TreeSnapshot.Take(cacheRoot);
            Assert.True(after.Remove(Path.GetRelativePath(cacheRoot, recreated)), "the file Teams wrote after the clear stays");
            Assert.Equal(before, after);
            Assert.All(deep, f => Assert.Equal("response " + Array.IndexOf(deep, f), File.ReadAllText(f)));
        }

        [Fact]
        public void ADeepServiceWorkerTreeIsClearedAndCountedTheSameByWhatIf()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            var folder = Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView", "WV2Profile_tfw", "Service Worker", "CacheStorage");
            for (var level = 0; folder.Length < 320; level++)
            {
                folder = Path.Combine(folder, level.ToString("D2") + "-" + Guid.NewGuid().ToString("N"));
            }

            var deep = new[] { Path.Combine(folder, "index-dir"), Path.Combine(folder, "7f3a_0") };
            foreach (var file in deep)
            {
                alice.WriteFile(file, "response");
            }

            var would = s.Run("Clear-TeamsCache -WhatIf").Objects<TeamsCacheClearResult>().Single();
            var cleared = s.Run("Clear-TeamsCache").Objects<TeamsCacheClearResult>().Single();

            Assert.All(deep, f => Assert.True(f.Length > 320));
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.Empty(cleared.Failed);
            Assert.Equal(6 + deep.Length, cleared.FilesRemoved);
            Assert.Equal(cleared.FilesRemoved, would.FilesRemoved);
            Assert.False(Directory.Exists(Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView")));
        }
    }
}
