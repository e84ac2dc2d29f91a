using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.UserBridge;
using Xunit;

namespace TeamsRemediation.Tests.Cache
{
    /// <summary>
    /// The user owns their cache (and may write in a bridge run folder) and can rename any folder in it and put a junction of
    /// the same name in its place at any moment. At each step of a delete walk and of a move into the backup, a folder is
    /// swapped for a link to a copy of the tree elsewhere right before the step runs: what SYSTEM deletes or moves is still what
    /// it checked, and the copy where the link points is never touched.
    /// </summary>
    public sealed class SwapBetweenCheckAndActTests
    {
        /// <summary>Where the step acts ("" is the cache root), and which folder is swapped for a link just before.</summary>
        public static TheoryData<FolderStep, string, string> DeleteSteps => new TheoryData<FolderStep, string, string>
        {
            { FolderStep.List, "", "" },
            { FolderStep.DeleteFile, "top.txt", "" },
            { FolderStep.Open, "A", "A" },
            { FolderStep.List, "A", "A" },
            { FolderStep.DeleteFile, "A/f3", "A" },
            { FolderStep.Open, "A/B", "A" },
            { FolderStep.Open, "A/B", "A/B" },
            { FolderStep.List, "A/B", "A/B" },
            { FolderStep.DeleteFile, "A/B/f2", "A/B" },
            { FolderStep.DeleteFile, "A/B/f2", "A" },
            { FolderStep.DeleteFolder, "A/B", "A/B" },
            { FolderStep.DeleteFolder, "A/B", "A" },
            { FolderStep.DeleteFolder, "A", "A" },
            { FolderStep.Open, "Keep", "Keep" },
            { FolderStep.List, "Keep", "Keep" },
            { FolderStep.DeleteFile, "Keep/k.txt", "Keep" },
            { FolderStep.Open, "Keep/Other", "Keep" },
            { FolderStep.DeleteFile, "Keep/Other/o.txt", "Keep/Other" },
        };

        /// <summary>As <see cref="DeleteSteps"/> for a backup; "backup:" names a folder of the backup rather than of the cache.</summary>
        public static TheoryData<FolderStep, string, string> MoveSteps => new TheoryData<FolderStep, string, string>
        {
            { FolderStep.Open, "backup:", "backup:" },
            { FolderStep.Move, "top.txt", "" },
            { FolderStep.Move, "A", "A" },
            { FolderStep.Move, "A", "" },
            { FolderStep.Move, "Keep/k.txt", "Keep" },
            { FolderStep.Move, "Keep/Other", "Keep/Other" },
            // A/B holds a locked file, so A goes item by item: into backup folders opened (or made) one by one.
            { FolderStep.Open, "A", "A" },
            { FolderStep.Move, "A/f3", "A" },
            { FolderStep.Open, "A/B", "A/B" },
            { FolderStep.Move, "A/B/f2", "A/B" },
            { FolderStep.Open, "backup:A", "backup:A" },
            { FolderStep.Move, "A/f3", "backup:A" },
            { FolderStep.Move, "A/B/f2", "backup:A/B" },
        };

        [Theory]
        [MemberData(nameof(DeleteSteps))]
        public void AFolderSwappedForALinkAtAStepOfTheDeleteWalkRedirectsNothing(FolderStep step, string actOn, string swap)
        {
            using var scene = new Scene();
            var plan = new CacheRemovalPlan(scene.Root, CacheItemDisposition.Delete, null)
                .Set(Path.Combine(scene.Root, "Keep", "Uploads"), CacheItemDisposition.Keep);
            scene.SwapAt(step, actOn, swap);

            new CacheTreeRemover(scene.Machine.Files, threads: 2).Run(plan, countOnly: false);

            Assert.True(scene.Swapped, "the walk never reached " + step + " " + actOn);
            scene.AssertVictimUntouched();
            Assert.Equal("kept", File.ReadAllText(Path.Combine(scene.Real("Keep"), "Uploads", "a.png")));
        }

        [Theory]
        [MemberData(nameof(MoveSteps))]
        public void AFolderSwappedForALinkAtAStepOfTheMoveIntoTheBackupRedirectsNothing(FolderStep step, string actOn, string swap)
        {
            using var scene = new Scene();
            var backup = CacheBackupFolder.Create(scene.Machine.Files, new ScriptedHost(scene.Machine),
                Path.Combine(UserBackups.Root(scene.Alice.Folders), "run"));
            scene.Backup = backup.ContentFolder;
            if (actOn.StartsWith("A/", StringComparison.Ordinal) || step == FolderStep.Open)
            {
                scene.Machine.FileOperations.Lock(Path.Combine(scene.Root, "A", "B", "locked"));
            }

            var plan = new CacheRemovalPlan(scene.Root, CacheItemDisposition.Backup, backup.ContentFolder)
                .Set(Path.Combine(scene.Root, "Keep", "Uploads"), CacheItemDisposition.Keep);
            scene.SwapAt(step, actOn, swap);

            new CacheTreeRemover(scene.Machine.Files, backup.Journal).Run(plan, countOnly: false);

            Assert.True(scene.Swapped, "the walk never reached " + step + " " + actOn);
            scene.AssertVictimUntouched();
            // A journal is written with its first move; none when nothing could be moved.
            var moves = File.Exists(backup.Journal.Path) ? JournalFile.Read(backup.Journal.Path).Entries.ToList()
                : new System.Collections.Generic.List<JournalEntry>();
            Assert.All(moves, m => Assert.True(PathScope.IsSameOrInside(m.OriginalPath, scene.Root), m.OriginalPath));
            Assert.All(moves, m => Assert.True(PathScope.IsSameOrInside(m.BackupPath, backup.ContentFolder), m.BackupPath));
        }

        [Theory]
        [InlineData(FolderStep.Open, "sub")]
        [InlineData(FolderStep.List, "sub")]
        [InlineData(FolderStep.DeleteFile, "sub/f")]
        [InlineData(FolderStep.DeleteFolder, "sub")]
        public void AFolderOfABridgeRunFolderSwappedForALinkRedirectsNoneOfTheCleanUp(FolderStep step, string actOn)
        {
            var pc = SimulatedPc.Create().RunAsSystem();
            using var machine = pc.Machine;
            using var victim = new TempFolder();
            File.WriteAllText(victim.Combine("f"), "not the run's");
            var run = Path.Combine(ProtectedFolder.EnsureAdministratorsOnly(machine, BridgeRunFolder.FolderName), "run-1");
            Directory.CreateDirectory(Path.Combine(run, "sub"));
            File.WriteAllText(Path.Combine(run, "sub", "f"), "the run's");
            File.WriteAllText(Path.Combine(run, "result.json"), "{}");
            var swapped = false;
            machine.FileOperations.BeforeStep = (s, path) =>
            {
                if (!swapped && s == step && path == Path.Combine(run, actOn.Replace('/', Path.DirectorySeparatorChar)))
                {
                    swapped = true;
                    Directory.Move(Path.Combine(run, "sub"), Path.Combine(run, "sub.moved"));
                    Directory.CreateSymbolicLink(Path.Combine(run, "sub"), victim.Path);
                }
            };

            BridgeRunFolder.TryDelete(machine, run);

            Assert.True(swapped);
            Assert.Equal(new[] { victim.Combine("f") }, Directory.GetFileSystemEntries(victim.Path));
            Assert.Equal("not the run's", File.ReadAllText(victim.Combine("f")));
        }

        /// <summary>Alice's cache as a real tree, and a copy of it elsewhere (the victim) that a link planted mid-walk points into.</summary>
        private sealed class Scene : IDisposable
        {
            private readonly TempFolder victim = new TempFolder();
            private readonly System.Collections.Generic.SortedDictionary<string, string> victimBefore;

            public Scene()
            {
                var pc = SimulatedPc.Create();
                Machine = pc.Machine;
                Alice = pc.AddUser("alice");
                pc.RunAsSystem();
                Root = TeamsLayout.NewCacheRoot(Alice.Folders);
                foreach (var folder in new[] { Root, victim.Path })
                {
                    Write(folder, "top.txt", "top");
                    Write(folder, "A/f3", "f3");
                    Write(folder, "A/B/f2", "f2");
                    Write(folder, "A/B/locked", "held");
                    Write(folder, "Keep/Uploads/a.png", "kept");
                    Write(folder, "Keep/k.txt", "k");
                    Write(folder, "Keep/Other/o.txt", "o");
                }

                Directory.CreateDirectory(Path.Combine(victim.Path, "backup", "A", "B"));
                victimBefore = TreeSnapshot.Take(victim.Path);
            }

            public SimulatedMachine Machine { get; }

            public SimulatedUser Alice { get; }

            public string Root { get; }

            public string? Backup { get; set; }

            public bool Swapped { get; private set; }

            /// <summary>Where a folder of the cache is now: moved aside when it was swapped.</summary>
            public string Real(string relative)
            {
                var path = Resolve(relative);
                return Directory.Exists(path + ".moved") ? path + ".moved" : path;
            }

            public void SwapAt(FolderStep step, string actOn, string swap)
            {
                var target = Resolve(actOn);
                Machine.FileOperations.BeforeStep = (s, path) =>
                {
                    if (Swapped || s != step || !PathScope.IsSame(path, target))
                    {
                        return;
                    }

                    Swapped = true;
                    var folder = Resolve(swap);
                    var backupPart = swap.StartsWith("backup:", StringComparison.Ordinal);
                    var victimFolder = Path.Combine(new[] { victim.Path }.Concat(backupPart ? new[] { "backup" } : new string[0])
                        .Concat(Parts(swap)).ToArray());
                    if (Directory.Exists(folder))
                    {
                        Directory.Move(folder, folder + ".moved");
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
                    Directory.CreateSymbolicLink(folder, victimFolder);
                };
            }

            public void AssertVictimUntouched() => Assert.Equal(victimBefore, TreeSnapshot.Take(victim.Path));

            public void Dispose()
            {
                Machine.Dispose();
                victim.Dispose();
            }

            private string Resolve(string relative) =>
                Path.Combine(new[] { relative.StartsWith("backup:", StringComparison.Ordinal) ? Backup! : Root }.Concat(Parts(relative)).ToArray());

            private static string[] Parts(string relative) =>
                (relative.StartsWith("backup:", StringComparison.Ordinal) ? relative.Substring("backup:".Length) : relative)
                    .Split('/', StringSplitOptions.RemoveEmptyEntries);

            private static void Write(string root, string relative, string content)
            {
                var path = Path.Combine(new[] { root }.Concat(Parts(relative)).ToArray());
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content);
            }
        }
    }
}
