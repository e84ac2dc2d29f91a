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
    /// --smoke: 2,000 files, no bar, for CI.
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
            var failures = 0;
            var folder = Path.Combine(Path.GetTempPath(), "TeamsRemediationCacheBench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            try
            {
                var ours = Path.Combine(folder, "ours");
                var theirs = Path.Combine(folder, "rm");
                var clock = Stopwatch.StartNew();
                var bytes = Build(ours, files);
                Build(theirs, files);
                Console.WriteLine("Two trees of " + files.ToString("N0", CultureInfo.InvariantCulture) + " files (" + (bytes >> 20) + " MB each) built in " + clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s under " + folder);

                // Warm the JIT on a small tree so the measured run is the deleter, not the compiler.
                var warm = Path.Combine(folder, "warm");
                Build(warm, 200);
                Remove(warm);

                var rmClock = Stopwatch.StartNew();
                var rm = Process.Start(new ProcessStartInfo("rm", "-rf -- \"" + theirs + "\"") { UseShellExecute = false })!;
                rm.WaitForExit();
                rmClock.Stop();

                var ourClock = Stopwatch.StartNew();
                var tally = Remove(ours);
                ourClock.Stop();

                var ratio = rmClock.Elapsed.TotalSeconds / ourClock.Elapsed.TotalSeconds;
                Console.WriteLine($"rm -rf        : {rmClock.Elapsed.TotalMilliseconds,8:0} ms (exit {rm.ExitCode})");
                Console.WriteLine($"CacheTreeRemover: {ourClock.Elapsed.TotalMilliseconds,6:0} ms, {tally.FilesRemoved:N0} files, {tally.BytesFreed >> 20} MB, {tally.FailedCount} failed");
                Console.WriteLine($"ratio         : our speed / rm's speed = {ratio:0.00} (bar: >= {SpeedBar:0.00})");
                if (tally.FilesRemoved != files || tally.FailedCount != 0 || Directory.Exists(theirs) || Directory.EnumerateFileSystemEntries(ours).Any())
                {
                    Console.WriteLine("MISMATCH: a tree was not removed completely.");
                    failures++;
                }

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
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peakHeap = baseline;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var workingSetBefore = self.WorkingSet64;
            clock.Restart();
            var remover = new CacheTreeRemover(PhysicalFileOperations.Instance, progress: (_, _) => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false)));
            var tally = remover.Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null), countOnly: false);
            clock.Stop();
            self.Refresh();
            Console.WriteLine($"1M-file delete: {clock.Elapsed.TotalSeconds:0.0} s, {tally.FilesRemoved:N0} files; managed heap baseline {baseline >> 20} MB, peak {peakHeap >> 20} MB (sampled every {CacheTreeRemover.ProgressEvery} files); working set before {workingSetBefore >> 20} MB, peak working set of the process {self.PeakWorkingSet64 >> 20} MB (bar: < {MemoryBarBytes >> 20} MB)");
            return self.PeakWorkingSet64 < MemoryBarBytes && tally.FilesRemoved == files ? 0 : 1;
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
