using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// Clear-TeamsCache's deleter against `rm -rf` on two identical cache-shaped trees built in the same run
    /// (the bar: at least 0.9 x rm's speed). With --memory it also removes a 1,000,000-file tree and reports the
    /// managed heap and the peak working set (the bar: under 100 MB), which is slow, so only when asked.
    /// --smoke: 2,000 files, one round, no bar, for CI. --rounds N (default 2) alternates who goes first. --no-sync skips the sync after building: hot, page-cached trees, so the CPU cost of each side shows rather than the disk.
    /// </summary>
    public static class CacheDeleteBenchmark
    {
        private const double SpeedBar = 0.9;
        private const long MemoryBarBytes = 100L << 20;

        public static int Run(string[] args)
        {
            var smoke = args.Contains("--smoke");
            var files = Option(args, "--files", smoke ? 2_000 : 100_000);
            var memoryFiles = Option(args, "--memory-files", 1_000_000);
            var rounds = Option(args, "--rounds", smoke ? 1 : 2);
            var noSync = args.Contains("--no-sync");
            var failures = 0;
            var folder = Path.Combine(Path.GetTempPath(), "TeamsRemediationCacheBench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            try
            {
                // Warm the JIT on a small tree so the measured runs are the deleter, not the compiler.
                var warm = Path.Combine(folder, "warm");
                Build(warm, 200);
                Remove(warm);

                double rmTotal = 0, ourTotal = 0;
                for (var round = 1; round <= rounds; round++)
                {
                    var ours = Path.Combine(folder, "ours" + round);
                    var theirs = Path.Combine(folder, "rm" + round);
                    var clock = Stopwatch.StartNew();
                    // Alternate which tree is built last too: without a sync it is the one still in the page cache.
                    var bytes = Build(round % 2 == 1 ? ours : theirs, files);
                    Build(round % 2 == 1 ? theirs : ours, files);

                    // Both trees on disk, none still dirty in the page cache: deleting a file that was never
                    // written back is cheaper, and the tree built last would otherwise have that edge.
                    if (!noSync)
                    {
                        Run("sync", string.Empty);
                    }

                    Console.WriteLine("Round " + round + ": two trees of " + files.ToString("N0", CultureInfo.InvariantCulture) + " files (" + (bytes >> 20) + " MB each) built " + (noSync ? "(not synced)" : "and synced") + " in " + clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");

                    // Alternate who goes first, so neither always meets the other's deferred work.
                    double rmMs, ourMs;
                    CacheRemovalTally tally;
                    if (round % 2 == 1)
                    {
                        rmMs = Run("rm", "-rf -- \"" + theirs + "\"");
                        ourMs = Time(() => Remove(ours), out tally);
                    }
                    else
                    {
                        ourMs = Time(() => Remove(ours), out tally);
                        rmMs = Run("rm", "-rf -- \"" + theirs + "\"");
                    }

                    rmTotal += rmMs;
                    ourTotal += ourMs;
                    Console.WriteLine($"  rm -rf          : {rmMs,8:0} ms");
                    Console.WriteLine($"  CacheTreeRemover: {ourMs,8:0} ms, {tally.FilesRemoved:N0} files, {tally.BytesFreed >> 20} MB, {tally.FailedCount} failed ({(round % 2 == 1 ? "rm first" : "ours first")})");
                    if (tally.FilesRemoved != files || tally.FailedCount != 0 || Directory.Exists(theirs) || Directory.EnumerateFileSystemEntries(ours).Any())
                    {
                        Console.WriteLine("MISMATCH: a tree was not removed completely.");
                        failures++;
                    }
                }

                var ratio = rmTotal / ourTotal;
                Console.WriteLine($"total         : rm -rf {rmTotal:0} ms, CacheTreeRemover {ourTotal:0} ms over {rounds} round(s)");
                Console.WriteLine($"ratio         : our speed / rm's speed = {ratio:0.00} (bar: >= {SpeedBar:0.00})");
                if (!smoke && ratio < SpeedBar)
                {
                    failures++;
                }

                if (args.Contains("--memory"))
                {
                    failures += MeasureMemory(Path.Combine(folder, "million"), memoryFiles);
                }
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            Console.WriteLine(failures == 0 ? "cache-delete: PASS" : "cache-delete: FAIL");
            return failures == 0 ? 0 : 1;
        }

        private static int MeasureMemory(string root, int files)
        {
            var clock = Stopwatch.StartNew();
            Build(root, files);
            Console.WriteLine("Memory tree of " + files.ToString("N0", CultureInfo.InvariantCulture) + " files built in " + clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s.");

            // The delete runs in a fresh process, so its peak working set is the deleter's, not the tree builder's.
            var self = Environment.ProcessPath!;
            var assembly = typeof(CacheDeleteBenchmark).Assembly.Location;
            var arguments = (Path.GetFileNameWithoutExtension(self) == "dotnet" ? "\"" + assembly + "\" " : string.Empty) + "cache-delete-child \"" + root + "\" " + files.ToString(CultureInfo.InvariantCulture);
            using var child = Process.Start(new ProcessStartInfo(self, arguments) { UseShellExecute = false, RedirectStandardOutput = true })!;
            var report = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            Console.Write(report);
            return child.ExitCode;
        }

        /// <summary>The child side of --memory: removes the tree, sampling the live managed heap, and reports the peak working set.</summary>
        public static int RunChild(string[] args)
        {
            var root = args[0];
            var files = int.Parse(args[1], CultureInfo.InvariantCulture);
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peakLive = baseline;
            var clock = Stopwatch.StartNew();
            var remover = new CacheTreeRemover(PhysicalFileOperations.Instance, progress: (removed, _) =>
            {
                // Every 100,000 files: what the deleter really holds (after a full collection), not garbage awaiting one.
                if (removed % 100_000 == 0)
                {
                    peakLive = Math.Max(peakLive, GC.GetTotalMemory(forceFullCollection: true));
                }
            });
            var tally = remover.Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null), countOnly: false);
            clock.Stop();
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var peak = self.PeakWorkingSet64;
            Console.WriteLine($"{files:N0}-file delete: {clock.Elapsed.TotalSeconds:0.0} s, {tally.FilesRemoved:N0} files removed, {tally.FailedCount} failed");
            Console.WriteLine($"  live managed heap: {baseline / 1024} KB at start, peak {peakLive / 1024} KB (after full GC, every 100,000 files)");
            Console.WriteLine($"  peak working set of the deleting process: {peak >> 20} MB (bar: < {MemoryBarBytes >> 20} MB)");
            return peak < MemoryBarBytes && tally.FilesRemoved == files ? 0 : 1;
        }

        private static double Time(Func<CacheRemovalTally> action, out CacheRemovalTally tally)
        {
            var clock = Stopwatch.StartNew();
            tally = action();
            return clock.Elapsed.TotalMilliseconds;
        }

        /// <summary>Runs a program to its end and returns how long it took, in ms.</summary>
        private static double Run(string program, string arguments)
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(program + " exited with " + process.ExitCode + ".");
            }

            return clock.Elapsed.TotalMilliseconds;
        }

        private static CacheRemovalTally Remove(string root) =>
            new CacheTreeRemover(PhysicalFileOperations.Instance).Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null), countOnly: false);

        /// <summary>
        /// A tree shaped like a WebView2 cache: a few top folders (Cache, Code Cache, IndexedDB, Service Worker...),
        /// each with sub-folders of 100 small files (a few hundred bytes to a few KB, as cache entries are).
        /// </summary>
        private static long Build(string root, int files)
        {
            var tops = new[] { "Cache", "Code Cache", "GPUCache", "IndexedDB", "Local Storage", "Service Worker", "blob_storage", "databases" };
            var buffer = new byte[4096];
            new Random(42).NextBytes(buffer);
            long bytes = 0;
            for (var i = 0; i < files; i++)
            {
                var folder = Path.Combine(root, tops[i % tops.Length], "d" + (i / (100 * tops.Length)).ToString(CultureInfo.InvariantCulture));
                if (i % (100 * tops.Length) < tops.Length)
                {
                    Directory.CreateDirectory(folder);
                }

                var size = 200 + (i * 37 % 3800);
                using (var stream = new FileStream(Path.Combine(folder, "f_" + i.ToString("x6", CultureInfo.InvariantCulture)), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                {
                    stream.Write(buffer, 0, size);
                }

                bytes += size;
            }

            return bytes;
        }

        private static int Option(string[] args, string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}
