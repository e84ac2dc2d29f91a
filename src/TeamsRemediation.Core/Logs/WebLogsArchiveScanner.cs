using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Logs
{
    /// <summary>
    /// Scans the logs a user collected with Ctrl+Alt+Shift+1 (Downloads\PROD-WebLogs-*.zip and its GCCH-, DOD-,
    /// Life- twins): often the only evidence left after a cache clear. Entries are read in place through
    /// <see cref="ZipArchive"/> and the same <see cref="LogCodeScanner"/> as the live logs, so the same code rules and
    /// line timestamps apply; nothing is extracted, so entry names (links, "..\") never touch the disk. The work is
    /// bounded: one archive, a cap on entries and on uncompressed bytes whatever the archive declares.
    /// </summary>
    public sealed class WebLogsArchiveScanner
    {
        /// <summary>Entries read from one archive; a real collection has a few dozen.</summary>
        public const int DefaultMaxEntries = 512;

        /// <summary>Entries an archive may declare at all: ZipArchive lists every one in memory before the first is read.</summary>
        public const int MaxListedEntries = 8 * DefaultMaxEntries;

        /// <summary>Uncompressed bytes read from one archive, all entries together.</summary>
        public const long DefaultMaxBytes = 256L << 20;

        private readonly int maxEntries;
        private readonly long maxBytes;

        public WebLogsArchiveScanner(int maxEntries = DefaultMaxEntries, long maxBytes = DefaultMaxBytes)
        {
            this.maxEntries = maxEntries;
            this.maxBytes = maxBytes;
        }

        /// <summary>The newest collected-log archive written since <paramref name="notBeforeUtc"/>; null when there is none.</summary>
        public static string? Newest(string downloadsFolder, DateTime notBeforeUtc)
        {
            if (!Directory.Exists(downloadsFolder))
            {
                return null;
            }

            // Every name, filtered here: a pattern would match case-sensitively where the file system is.
            return Directory.EnumerateFiles(downloadsFolder)
                .Where(f => TeamsLayout.IsWebLogsArchive(Path.GetFileName(f)))
                .Select(f => new { Path = f, Written = File.GetLastWriteTimeUtc(f) })
                .Where(f => f.Written >= notBeforeUtc)
                .OrderByDescending(f => f.Written).ThenBy(f => f.Path, StringComparer.OrdinalIgnoreCase)
                .Select(f => f.Path).FirstOrDefault();
        }

        /// <summary>
        /// Adds the archive's codes to <paramref name="result"/> (sources named "archive.zip/entry"); an archive
        /// that cannot be read is described in <see cref="WebLogsArchiveScan.Error"/>, never thrown.
        /// </summary>
        public WebLogsArchiveScan Scan(string archivePath, LogCodeScanner scanner, LogScanResult result, DateTime? notBeforeUtc)
        {
            var scan = new WebLogsArchiveScan(archivePath);
            var budget = new ByteBudget(maxBytes);
            var before = result.BytesScanned;
            try
            {
                using (var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    var listable = Math.Max(maxEntries, MaxListedEntries);
                    var declared = ZipEntryCount.Declared(file);
                    if (declared > listable)
                    {
                        scan.Error = "it declares " + declared + " entries, more than the " + listable + " a collection of Teams logs has";
                    }
                    else
                    {
                        ScanEntries(file, Path.GetFileName(archivePath), scanner, result, notBeforeUtc, scan, budget);
                        scan.Read = true;
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException || e is IOException || e is UnauthorizedAccessException
                || e is NotSupportedException)
            {
                scan.Error = e.Message;
            }

            scan.BytesScanned = result.BytesScanned - before;
            scan.CutAtBytes = budget.Exceeded ? maxBytes : (long?)null;
            scan.CutAtEntries = scan.EntriesSkipped > 0 && !budget.Exceeded ? maxEntries : (int?)null;
            return scan;
        }

        private void ScanEntries(Stream file, string name, LogCodeScanner scanner, LogScanResult result, DateTime? notBeforeUtc,
            WebLogsArchiveScan scan, ByteBudget budget)
        {
            using (var archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true))
            {
                foreach (var entry in archive.Entries)
                {
                    if (entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (scan.EntriesScanned == maxEntries || budget.Remaining == 0)
                    {
                        // Entries left unread once the bytes are spent are bytes cut, not an entry cap.
                        budget.Exceeded |= budget.Remaining == 0;
                        scan.EntriesSkipped++;
                        continue;
                    }

                    using (var content = new ByteBudgetStream(entry.Open(), budget))
                    {
                        scanner.ScanStream(content, name + "/" + FindingText.Clean(entry.FullName), result, notBeforeUtc);
                    }

                    scan.EntriesScanned++;
                }
            }
        }
    }

    /// <summary>What one collected-log archive gave: how much was read, where it was cut, or why it could not be read.</summary>
    public sealed class WebLogsArchiveScan
    {
        public WebLogsArchiveScan(string path)
        {
            Path = path;
        }

        public string Path { get; }

        /// <summary>True when the archive opened and its entries were read to the end or to a cap.</summary>
        public bool Read { get; set; }

        public string? Error { get; set; }

        public int EntriesScanned { get; set; }

        /// <summary>Entries not read because a cap was reached.</summary>
        public int EntriesSkipped { get; set; }

        public long BytesScanned { get; set; }

        /// <summary>The byte cap, when reading stopped at it.</summary>
        public long? CutAtBytes { get; set; }

        /// <summary>The entry cap, when entries were left because of it.</summary>
        public int? CutAtEntries { get; set; }

        public string Describe()
        {
            var name = System.IO.Path.GetFileName(Path);
            if (!Read)
            {
                return "collected logs " + name + " not readable (" + FindingText.Clean(Error) + ").";
            }

            var text = "collected logs " + name + ": " + EntriesScanned + " entr" + (EntriesScanned == 1 ? "y" : "ies") + ", "
                + ByteSize.Kilobytes(BytesScanned) + " scanned";
            if (CutAtBytes != null)
            {
                text += "; cut at the " + Size(CutAtBytes.Value) + " cap (" + EntriesSkipped
                    + " entr" + (EntriesSkipped == 1 ? "y" : "ies") + " not read)";
            }
            else if (CutAtEntries != null)
            {
                text += "; cut at the " + CutAtEntries + "-entry cap (" + EntriesSkipped + " not read)";
            }

            return text + ".";
        }

        private static string Size(long bytes) => bytes >= 1 << 20
            ? (bytes / (1 << 20)).ToString(CultureInfo.InvariantCulture) + " MB"
            : ByteSize.Kilobytes(bytes);
    }
}
