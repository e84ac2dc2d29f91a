using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using TeamsRemediation.Logs;
using Xunit;

namespace TeamsRemediation.Tests.Logs
{
    /// <summary>The caps of the collected-log archive reader, on real zip files with small caps.</summary>
    public sealed class WebLogsArchiveScannerTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "weblogs-" + Guid.NewGuid().ToString("N"));

        public WebLogsArchiveScannerTests() => Directory.CreateDirectory(folder);

        public void Dispose() => Directory.Delete(folder, true);

        private string Zip(string name, Action<ZipArchive> fill)
        {
            var path = Path.Combine(folder, name);
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                fill(zip);
            }

            return path;
        }

        private static void Entry(ZipArchive zip, string name, byte[] content)
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            stream.Write(content, 0, content.Length);
        }

        [Fact]
        public void AZipBombIsCutAtTheByteCapAndSaysSo()
        {
            // 64 MB of zeros compress to about 64 KB; a code sits after the cap and must not be reached.
            var zeros = new byte[64 << 20];
            var path = Zip("PROD-WebLogs-bomb.zip", z =>
            {
                Entry(z, "a.log", zeros);
                Entry(z, "b.log", System.Text.Encoding.ASCII.GetBytes("Error CAA20002\n"));
            });
            Assert.True(new FileInfo(path).Length < 1 << 20);
            var result = new LogScanResult();

            var scan = new WebLogsArchiveScanner(maxBytes: 1 << 20).Scan(path, new LogCodeScanner(), result, null);

            Assert.True(scan.Read);
            Assert.Equal(1 << 20, scan.BytesScanned);
            Assert.Equal(1 << 20, scan.CutAtBytes);
            Assert.Equal(1, scan.EntriesSkipped);
            Assert.Empty(result.Codes);
            Assert.Equal("collected logs PROD-WebLogs-bomb.zip: 1 entry, 1024 KB scanned; cut at the 1 MB cap (1 entry not read).", scan.Describe());
        }

        [Fact]
        public void EntriesPastTheEntryCapAreNotReadAndSaySo()
        {
            var path = Zip("PROD-WebLogs-many.zip", z =>
            {
                for (var i = 0; i < 5; i++)
                {
                    Entry(z, "e" + i + ".log", System.Text.Encoding.ASCII.GetBytes(i == 4 ? "Error CAA20002\n" : "Info\n"));
                }
            });
            var result = new LogScanResult();

            var scan = new WebLogsArchiveScanner(maxEntries: 3).Scan(path, new LogCodeScanner(), result, null);

            Assert.Equal(3, scan.EntriesScanned);
            Assert.Equal(2, scan.EntriesSkipped);
            Assert.Equal(3, scan.CutAtEntries);
            Assert.Null(scan.CutAtBytes);
            Assert.Empty(result.Codes);
            Assert.EndsWith("; cut at the 3-entry cap (2 not read).", scan.Describe());
        }

        [Fact]
        public void AnArchiveDeclaringMoreEntriesThanAnyCollectionIsRefusedBeforeItIsListed()
        {
            var path = Zip("PROD-WebLogs-flood.zip", z =>
            {
                for (var i = 0; i <= WebLogsArchiveScanner.MaxListedEntries; i++)
                {
                    z.CreateEntry("e" + i + ".log");
                }

                z.Comment = "a comment moves the end record away from the end of the file";
            });
            var result = new LogScanResult();

            var scan = new WebLogsArchiveScanner().Scan(path, new LogCodeScanner(), result, null);

            Assert.False(scan.Read);
            Assert.Equal(0, scan.EntriesScanned);
            Assert.Equal("collected logs PROD-WebLogs-flood.zip not readable (it declares 4097 entries, more than the 4096 a collection of "
                + "Teams logs has).", scan.Describe());
        }

        [Fact]
        public void EntryNamesWithPathTricksAreOnlyLabelsAndNothingLandsOnDisk()
        {
            var path = Zip("PROD-WebLogs-tricks.zip", z => Entry(z, "../../evil\u0007.txt", System.Text.Encoding.ASCII.GetBytes("x CAA50021 y\n")));
            var before = Directory.GetFileSystemEntries(folder).OrderBy(p => p).ToList();
            var result = new LogScanResult();

            var scan = new WebLogsArchiveScanner().Scan(path, new LogCodeScanner(), result, null);

            Assert.True(scan.Read);
            Assert.Equal("PROD-WebLogs-tricks.zip/../../evil?.txt", Assert.Single(result.Codes.Values).Source);
            Assert.Equal(before, Directory.GetFileSystemEntries(folder).OrderBy(p => p).ToList());
            Assert.False(File.Exists(Path.Combine(folder, "..", "..", "evil\u0007.txt")));
        }

        [Fact]
        public void NewestPicksTheLatestWebLogsNameOfAnyRingAndIgnoresOtherZips()
        {
            var now = DateTime.UtcNow;
            void Touch(string name, double hoursAgo)
            {
                File.WriteAllText(Path.Combine(folder, name), "x");
                File.SetLastWriteTimeUtc(Path.Combine(folder, name), now.AddHours(-hoursAgo));
            }

            Touch("PROD-WebLogs-a.zip", 3);
            Touch("life-weblogs-b.ZIP", 2);
            Touch("holiday-photos.zip", 0.5);
            Touch("PROD-WebLogs-c.txt", 0.5);

            Assert.Equal(Path.Combine(folder, "life-weblogs-b.ZIP"), WebLogsArchiveScanner.Newest(folder, now.AddDays(-1)));
            Assert.Null(WebLogsArchiveScanner.Newest(folder, now.AddHours(-1)));
            Assert.Null(WebLogsArchiveScanner.Newest(Path.Combine(folder, "missing"), now.AddDays(-1)));
        }
    }
}
