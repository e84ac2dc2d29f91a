using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.Journal;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
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
            var cacheRoot = TeamsLayout.NewCacheRoot(alice.ProfilePath);
            for (var i = 0; i < 60; i++)
            {
                // Files directly in the root are moved one by one: one journal entry each.
                alice.WriteFile(Path.Combine(cacheRoot, "entry" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)),
                    "cached " + i);
            }

            var before = TreeSnapshot.Take(cacheRoot);
            var backups = CacheBackupFolder.DefaultRoot(alice.ProfilePath);

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
    }
}
