using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Cache
{
    /// <summary>The streaming remover on real trees: links, kept paths, locked files, backups, depth.</summary>
    public sealed class CacheTreeRemoverTests
    {
        private static void Write(string path, string content = "x")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        [Fact]
        public void AFolderThatHoldsAKeptPathIsEnteredAndALookalikeIsRemoved()
        {
            using var temp = new TempFolder();
            var root = temp.Combine("cache");
            Write(Path.Combine(root, "Backgrounds", "Uploads", "a.png"));
            Write(Path.Combine(root, "Backgrounds", "Default", "b.png"));
            Write(Path.Combine(root, "Backgrounds2", "Uploads", "c.png"));
            Write(Path.Combine(root, "BACKGROUNDS.txt"));
            var plan = new CacheRemovalPlan(root, CacheItemDisposition.Delete, null).Set(Path.Combine(root, "Backgrounds", "Uploads"),
                CacheItemDisposition.Keep);

            var tally = new CacheTreeRemover(PhysicalFileOperations.Instance).Run(plan, countOnly: false);

            Assert.True(File.Exists(Path.Combine(root, "Backgrounds", "Uploads", "a.png")));
            Assert.False(Directory.Exists(Path.Combine(root, "Backgrounds", "Default")));
            Assert.False(Directory.Exists(Path.Combine(root, "Backgrounds2")));
            Assert.False(File.Exists(Path.Combine(root, "BACKGROUNDS.txt")));
            Assert.Equal(3, tally.FilesRemoved);
            Assert.Equal(new[] { Path.Combine("Backgrounds", "Uploads") }, tally.Preserved);
        }

        [Fact]
        public void ALinkOnTheWayToKeptDataIsKeptAndADanglingLinkIsRemoved()
        {
            using var temp = new TempFolder();
            var root = temp.Combine("cache");
            Write(temp.Combine("elsewhere", "Uploads", "a.png"), "user data");
            Directory.CreateDirectory(root);
            Directory.CreateSymbolicLink(Path.Combine(root, "Backgrounds"), temp.Combine("elsewhere"));
            File.CreateSymbolicLink(Path.Combine(root, "dangling"), temp.Combine("nothing-here"));
            var plan = new CacheRemovalPlan(root, CacheItemDisposition.Delete, null).Set(Path.Combine(root, "Backgrounds", "Uploads"),
                CacheItemDisposition.Keep);

            var tally = new CacheTreeRemover(PhysicalFileOperations.Instance).Run(plan, countOnly: false);

            Assert.NotNull(new DirectoryInfo(Path.Combine(root, "Backgrounds")).LinkTarget);
            Assert.Equal("user data", File.ReadAllText(temp.Combine("elsewhere", "Uploads", "a.png")));
            Assert.Null(new FileInfo(Path.Combine(root, "dangling")).LinkTarget);
            Assert.Equal(1, tally.FilesRemoved);
        }

        [Fact]
        public void ABackupOfAFolderWithALockedFileMovesTheRestItemByItemAndJournalsEachMove()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice");
            var root = TeamsLayout.NewCacheRoot(alice.Folders);
            var locked = Path.Combine(root, "IndexedDB", "leveldb", "LOCK");
            Write(locked, "held");
            Write(Path.Combine(root, "IndexedDB", "leveldb", "000003.log"), "log");
            Write(Path.Combine(root, "IndexedDB", "other", "x"), "x");
            Write(Path.Combine(root, "Cache", "data_0"), "cached");
            var files = machine.FileOperations;
            files.Lock(locked);
            var folder = CacheBackupFolder.Create(machine.Files, new ScriptedHost(machine), Path.Combine(UserBackups.Root(alice.Folders), "run"));
            var backup = folder.ContentFolder;
            var plan = new CacheRemovalPlan(root, CacheItemDisposition.Backup, backup);

            var tally = new CacheTreeRemover(files, folder.Journal).Run(plan, countOnly: false);
            var moves = JournalFile.Read(folder.Journal.Path).Entries.Select(e => (e.OriginalPath, e.BackupPath)).ToList();

            Assert.Equal(3, tally.FilesRemoved);
            Assert.Equal(1, tally.FailedCount);
            Assert.StartsWith(locked + ": in use", Assert.Single(tally.Failed));
            Assert.True(File.Exists(locked));
            Assert.Equal("log", File.ReadAllText(Path.Combine(backup, "IndexedDB", "leveldb", "000003.log")));
            Assert.Equal("cached", File.ReadAllText(Path.Combine(backup, "Cache", "data_0")));
            // The unlocked folders went in one rename each; the folder holding the lock went file by file.
            Assert.Contains((Path.Combine(root, "Cache"), Path.Combine(backup, "Cache")), moves);
            Assert.Contains((Path.Combine(root, "IndexedDB", "other"), Path.Combine(backup, "IndexedDB", "other")), moves);
            Assert.Contains((Path.Combine(root, "IndexedDB", "leveldb", "000003.log"), Path.Combine(backup, "IndexedDB", "leveldb", "000003.log")),
                moves);
            Assert.DoesNotContain(moves, m => m.OriginalPath == locked);
        }

        [Fact]
        public void AVeryDeepTreeIsRemovedWithoutRecursion()
        {
            using var temp = new TempFolder();
            var root = temp.Combine("cache");
            var deep = root;
            for (var i = 0; i < 400; i++)
            {
                deep = Path.Combine(deep, "d");
            }

            Write(Path.Combine(deep, "bottom.txt"));

            var tally = new CacheTreeRemover(PhysicalFileOperations.Instance).Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null),
                countOnly: false);

            Assert.Equal(1, tally.FilesRemoved);
            Assert.Empty(Directory.GetFileSystemEntries(root));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public void ManyFoldersDeletedBySeveralThreadsKeepLinksLockedFilesTheirFoldersAndExactCounts(int threads)
        {
            using var temp = new TempFolder();
            var root = temp.Combine("cache");
            var files = new SimulatedFileOperations();
            long bytes = 0;
            var expected = 0;
            for (var top = 0; top < 6; top++)
            {
                for (var sub = 0; sub < 20; sub++)
                {
                    for (var f = 0; f < 15; f++)
                    {
                        var content = new string('x', 1 + (top * 7 + sub * 3 + f) % 50);
                        Write(Path.Combine(root, "Top" + top, "s" + sub, "deeper", "f" + f), content);
                        bytes += content.Length;
                        expected++;
                    }
                }
            }

            var locked = Path.Combine(root, "Top2", "s7", "deeper", "f3");
            var denied = Path.Combine(root, "Top5", "s19", "deeper", "f14");
            files.Lock(locked);
            files.Deny(denied);
            bytes -= new FileInfo(locked).Length + new FileInfo(denied).Length;
            Write(temp.Combine("outside", "user.txt"), "user data");
            Directory.CreateSymbolicLink(Path.Combine(root, "Top1", "s4", "deeper", "link"), temp.Combine("outside"));
            File.CreateSymbolicLink(Path.Combine(root, "Top3", "s0", "filelink"), temp.Combine("outside", "user.txt"));
            var notes = new List<string>();
            var progress = new List<long>();
            var caller = System.Environment.CurrentManagedThreadId;
            var threadsSeen = new HashSet<int>();

            var remover = new CacheTreeRemover(
                files,
                progress: (n, _) => { progress.Add(n); threadsSeen.Add(System.Environment.CurrentManagedThreadId); },
                decision: n => { notes.Add(n); threadsSeen.Add(System.Environment.CurrentManagedThreadId); },
                threads: threads);

            var tally = remover.Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null), countOnly: false);

            // Every file but the locked and the denied one, plus the two links, each counted as one item.
            Assert.Equal(expected - 2 + 2, tally.FilesRemoved);
            Assert.Equal(bytes, tally.BytesFreed);
            Assert.Equal(2, tally.FailedCount);
            Assert.Contains(tally.Failed, f => f.StartsWith(locked + ": in use"));
            Assert.Contains(tally.Failed, f => f.StartsWith(denied + ": access denied"));
            Assert.Equal("user data", File.ReadAllText(temp.Combine("outside", "user.txt")));
            Assert.Equal(2, notes.Count(n => n.StartsWith("Removing the link ")));
            Assert.Equal(new[] { caller }, threadsSeen);
            Assert.NotEmpty(progress);

            // Only the locked and denied files and the folders above them are left.
            var left = Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
                .Select(p => p.Substring(root.Length + 1))
                .OrderBy(p => p, System.StringComparer.Ordinal);
            Assert.Equal(
                new[]
                {
                    "Top2", Path.Combine("Top2", "s7"), Path.Combine("Top2", "s7", "deeper"), Path.Combine("Top2", "s7", "deeper", "f3"),
                    "Top5", Path.Combine("Top5", "s19"), Path.Combine("Top5", "s19", "deeper"), Path.Combine("Top5", "s19", "deeper", "f14"),
                },
                left);
        }

        [Fact]
        public void ManyFailuresAreCountedAndTheListStaysBounded()
        {
            using var temp = new TempFolder();
            var root = temp.Combine("cache");
            var files = new SimulatedFileOperations();
            for (var i = 0; i < CacheRemovalTally.MaxListedFailures + 20; i++)
            {
                var path = Path.Combine(root, "Cache", "f" + i);
                Write(path);
                files.Deny(path);
            }

            var tally = new CacheTreeRemover(files).Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null), countOnly: false);

            Assert.Equal(CacheRemovalTally.MaxListedFailures + 20, tally.FailedCount);
            var report = tally.FailedForReport();
            Assert.Equal(CacheRemovalTally.MaxListedFailures + 1, report.Length);
            Assert.Equal("... and 20 more.", report.Last());
            Assert.True(Directory.Exists(Path.Combine(root, "Cache")), "a folder that still holds files stays");
        }

        [Fact]
        public void CountingChangesNothing()
        {
            using var temp = new TempFolder();
            var root = temp.Combine("cache");
            Write(Path.Combine(root, "Cache", "a"), "12345");
            Write(Path.Combine(root, "Logs", "b.log"), "keep");
            var before = TreeSnapshot.Take(root);
            var plan = new CacheRemovalPlan(root, CacheItemDisposition.Backup, null).Set(Path.Combine(root, "Logs"), CacheItemDisposition.Keep);

            var tally = new CacheTreeRemover(PhysicalFileOperations.Instance).Run(plan, countOnly: true);

            Assert.Equal(1, tally.FilesRemoved);
            Assert.Equal(5, tally.BytesFreed);
            Assert.Equal(before, TreeSnapshot.Take(root));
        }
    }
}
