using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// A tree shaped like a WebView2 cache: a few top folders (Cache, Code Cache, IndexedDB, Service Worker...),
    /// each with sub-folders of 100 small files (a few hundred bytes to a few KB, as cache entries are). The same
    /// arguments always give the same tree.
    /// </summary>
    internal static class CacheTree
    {
        private static readonly string[] Tops = { "Cache", "Code Cache", "GPUCache", "IndexedDB", "Local Storage", "Service Worker", "blob_storage",
            "databases" };

        private const int FilesPerFolder = 100;

        /// <summary>Builds the tree (two writers at once, to keep setup short) and returns its bytes.</summary>
        public static long Build(string root, int files)
        {
            var buffer = new byte[4096];
            new Random(42).NextBytes(buffer);
            long bytes = 0;
            Parallel.For(0, Tops.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, top =>
            {
                long mine = 0;
                for (var i = top; i < files; i += Tops.Length)
                {
                    var slot = i / Tops.Length;
                    var folder = Path.Combine(root, Tops[top], "d" + (slot / FilesPerFolder).ToString(CultureInfo.InvariantCulture));
                    if (slot % FilesPerFolder == 0)
                    {
                        Directory.CreateDirectory(folder);
                    }

                    var size = 200 + (i * 37 % 3800);
                    using (var stream = new FileStream(Path.Combine(folder, "f_" + i.ToString("x6", CultureInfo.InvariantCulture)),
                        FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                    {
                        stream.Write(buffer, 0, size);
                    }

                    mine += size;
                }

                Interlocked.Add(ref bytes, mine);
            });
            return bytes;
        }
    }
}
