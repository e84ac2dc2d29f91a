using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.Demo;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// Clear-TeamsCache -Force, end to end in a real PowerShell engine with the built module, against `rm -rf` and
    /// against Directory.Delete(recursive) on three identical cache trees built (and synced to disk) in the same round.
    /// The order of the three rotates every round. Then the deleter's memory: the peak working set of a fresh process
    /// removing a tree of N/4 files and one of N files, which must not grow with the files.
    /// </summary>
    internal static class CacheDeleteBenchmark
    {
        private const long MemoryBarBytes = 100L << 20;

        public static void Run(Options options, Verdicts verdicts, string benchRoot)
        {
            var files = options.Int("--files", options.Smoke ? 2_000 : 100_000);
            var rounds = options.Rounds(6);
            Console.WriteLine("== Cache delete: Clear-TeamsCache -Force vs rm -rf vs Directory.Delete, " + files.ToString("N0",
                CultureInfo.InvariantCulture) + " files, " + rounds + " rounds");
            var ours = new Samples("Clear-TeamsCache -Force (engine)");
            var rm = new Samples("rm -rf");
            var dotnet = new Samples("Directory.Delete(recursive)");

            // Warm the JIT and the engine on a small tree, so the rounds measure deleting, not compiling.
            OneRound(Path.Combine(benchRoot, "warm"), 500, -1, null, null, null, verdicts);
            for (var round = 0; round < rounds; round++)
            {
                OneRound(Path.Combine(benchRoot, "round" + round), files, round, ours, rm, dotnet, verdicts);
            }

            Verdicts.Sides(ours, rm, dotnet);
            verdicts.Speed("Clear-TeamsCache end to end vs rm -rf", ours, rm, 1.5, 1.0);
            verdicts.Speed("Clear-TeamsCache end to end vs Directory.Delete", ours, dotnet, 1.0);
            Memory(benchRoot, options.Smoke ? 2_000 : Math.Max(files, options.Int("--memory-files", files)), verdicts);
        }

        private static void OneRound(string folder, int files, int round, Samples? ours, Samples? rm, Samples? dotnet, Verdicts verdicts)
        {
            var pc = SimulatedPc.In(Path.Combine(folder, "pc"));
            var alice = pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            pc.RunAsSystem();
            var cacheTree = Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView", "WV2Profile_tfw");
            var rmTree = Path.Combine(folder, "rm", "EBWebView");
            var dotnetTree = Path.Combine(folder, "dotnet", "EBWebView");
            var clock = Stopwatch.StartNew();

            // The tree built last would still be in the page cache, dirty: rotate that too, then sync all three.
            var trees = new[] { cacheTree, Path.Combine(rmTree, "WV2Profile_tfw"), Path.Combine(dotnetTree, "WV2Profile_tfw") };
            var bytes = 0L;
            foreach (var side in Verdicts.Order(round + 1, 3))
            {
                bytes = CacheTree.Build(trees[side], files);
            }

            Timed.Program("sync", Array.Empty<string>(), out _);
            using var session = new ModuleSession(pc.Machine);
            session.Invoke("$null = Get-Command Clear-TeamsCache");
            if (round >= 0)
            {
                Console.WriteLine("  round " + (round + 1) + ": three trees of " + files.ToString("N0", CultureInfo.InvariantCulture) + " files ("
                    + (bytes >> 20) + " MB each) built and synced in " + clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)
                    + " s");
            }

            var times = new double[3];
            TeamsCacheClearResult? result = null;
            foreach (var side in Verdicts.Order(round < 0 ? 0 : round, 3))
            {
                times[side] = side switch
                {
                    0 => Timed.Run(() => result = session.Invoke("Clear-TeamsCache -UserName alice -Force")
                        .Select(o => o.BaseObject).OfType<TeamsCacheClearResult>().Single()),
                    1 => Timed.Program("rm", new[] { "-rf", "--", rmTree }, out _),
                    _ => Timed.Run(() => Directory.Delete(dotnetTree, recursive: true)),
                };
            }

            if (result!.Status != CacheClearStatus.Cleared || result.FilesRemoved < files || Directory.Exists(Path.GetDirectoryName(cacheTree))
                || Directory.Exists(rmTree) || Directory.Exists(dotnetTree))
            {
                verdicts.Mismatch("round " + (round + 1) + ": a tree was not removed completely (" + result.Status + ", " + result.FilesRemoved
                    + " files).");
            }

            ours?.Add(times[0]);
            rm?.Add(times[1]);
            dotnet?.Add(times[2]);
            if (round >= 0)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "    first {0}: Clear-TeamsCache {1:0} ms ({2:N0} files, {3} MB), rm -rf {4:0} ms, Directory.Delete {5:0} ms",
                    new[] { "Clear-TeamsCache", "rm -rf", "Directory.Delete" }[Verdicts.Order(round, 3)[0]], times[0], result.FilesRemoved,
                    result.BytesFreed >> 20, times[1], times[2]));
            }

            session.Dispose();
            pc.Machine.Dispose();
            Directory.Delete(folder, recursive: true);
        }

        /// <summary>The deleter in a fresh process (so its peak is the deleter's, not the tree builder's), on a small and a large tree.</summary>
        private static void Memory(string benchRoot, int files, Verdicts verdicts)
        {
            var peaks = new long[2];
            var sizes = new[] { Math.Max(1, files / 4), files };
            for (var i = 0; i < sizes.Length; i++)
            {
                var root = Path.Combine(benchRoot, "memory" + i);
                CacheTree.Build(Path.Combine(root, "EBWebView"), sizes[i]);
                var self = Environment.ProcessPath!;
                var arguments = (Path.GetFileNameWithoutExtension(self) == "dotnet" ? new[] { typeof(CacheDeleteBenchmark).Assembly.Location }
                    : Array.Empty<string>())
                    .Concat(new[] { "cache-delete-child", root, sizes[i].ToString(CultureInfo.InvariantCulture) }).ToArray();
                Timed.Program(self, arguments, out var report, capture: true);
                Console.Write(report);
                peaks[i] = long.Parse(report.Split('\n').First(l => l.StartsWith("peak-working-set ", StringComparison.Ordinal)).Substring(17),
                    CultureInfo.InvariantCulture);
                if (Directory.EnumerateFileSystemEntries(root).Any())
                {
                    verdicts.Mismatch("the memory tree of " + sizes[i] + " files was not removed completely.");
                }

                Directory.Delete(root, recursive: true);
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  peak working set: {0} MB for {1:N0} files, {2} MB for {3:N0} files",
                peaks[0] >> 20, sizes[0], peaks[1] >> 20, sizes[1]));
            verdicts.AtMostMoreBytes("deleter memory flat in files: peak at " + sizes[1].ToString("N0", CultureInfo.InvariantCulture)
                + " files <= peak at " + sizes[0].ToString("N0", CultureInfo.InvariantCulture) + " + 16 MB, and < " + (MemoryBarBytes >> 20)
                + " MB", peaks[1], peaks[0] + (16L << 20), MemoryBarBytes);
        }

        /// <summary>The child side of the memory measurement: removes the tree with the deleter, reports the process's peak working set.</summary>
        public static int RunChild(string[] args)
        {
            var root = args[0];
            var files = int.Parse(args[1], CultureInfo.InvariantCulture);
            var clock = Stopwatch.StartNew();
            var tally = new CacheTreeRemover(PhysicalFileOperations.Instance).Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null),
                countOnly: false);
            clock.Stop();
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "  deleter alone, {0:N0} files: {1:0.00} s, {2:N0} removed, {3} failed, peak working set {4} MB", files, clock.Elapsed.TotalSeconds,
                tally.FilesRemoved, tally.FailedCount, self.PeakWorkingSet64 >> 20));
            Console.WriteLine("peak-working-set " + self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
            return tally.FilesRemoved == files ? 0 : 1;
        }
    }
}
