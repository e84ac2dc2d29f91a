using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Repair;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Repair;
using Xunit;

namespace TeamsRemediation.Tests.Targets
{
    /// <summary>One rule for the Teams logs of a period, read by the scan and copied by the evidence collector.</summary>
    public sealed class TeamsLogFilesTests
    {
        private static readonly TimeSpan Week = TimeSpan.FromDays(7);

        [Theory]
        [InlineData("MSTeams_2026-11-27_06-00-00.00.log", true)]
        [InlineData("msteams_2026-11-27_06-00-00.00.LOG", true)]
        [InlineData("MSTeams_2026-11-27_06-00-00.00.log.bak", false)]
        [InlineData("WebView2_2026-11-27.log", false)]
        [InlineData("MSTeams.txt", false)]
        public void TheScanReadsTheMsTeamsLogsInAnyCase(string name, bool scanned) => Assert.Equal(scanned, TeamsLogFiles.IsScanned(name));

        /// <summary>
        /// The same PC seen by the scan of Test-TeamsCaa20002 and by the copy before a repair: the scan reads exactly the classic log
        /// and the MSTeams_*.log files among what the copy takes, and both leave out the same stale files. Fails when either changes
        /// its period or its folder on its own.
        /// </summary>
        [Fact]
        public void TheScanReadsExactlyTheMsTeamsLogsAmongTheFilesTheCollectorCopies()
        {
            using var pc = new RepairPc();
            var classic = pc.Write(TeamsLayout.ClassicLogPath(pc.Alice.Folders), "classic CAA20002 line\n", TimeSpan.FromHours(1));
            var recent = pc.NewLog(pc.Alice, "MSTeams_2026-11-27_06-00-00.00.log", "new Teams CAA20002 line\n", TimeSpan.FromHours(2));
            var upper = pc.NewLog(pc.Alice, "MSTEAMS_2026-11-26_06-00-00.00.LOG", "yesterday\n", TimeSpan.FromDays(1));
            var webView = pc.NewLog(pc.Alice, "WebView2_2026-11-27.log", "not a sign-in log\n", TimeSpan.FromHours(3));
            var stale = pc.NewLog(pc.Alice, "MSTeams_2026-10-01_06-00-00.00.log", "last month\n", TimeSpan.FromDays(50));
            var staleOther = pc.NewLog(pc.Alice, "WebView2_2026-10-01.log", "last month\n", TimeSpan.FromDays(50));
            var target = RepairPc.Target(pc.Alice);
            var logFolder = TeamsLayout.NewLogFolder(pc.Alice.Folders);

            var copied = new EvidenceCollector(pc.Machine).Collect(RepairReportFolder.Create(pc.Machine), new[] { target }, Week,
                TimeSpan.FromSeconds(5)).Files.Select(f => f.Source)
                .Where(f => f == classic || PathIsIn(f, logFolder)).ToList();
            var finding = new EvidenceChecks(pc.Machine, new FindingFactory("PC01", pc.Now.UtcDateTime)).TeamsLogs(target, Week).Finding;
            var scanned = TeamsLogFiles.Scanned(pc.Alice.Folders, (pc.Now - Week).UtcDateTime);

            var readable = copied.Where(f => f == classic || TeamsLogFiles.IsScanned(Path.GetFileName(f))).ToList();
            Assert.Equal(readable.OrderBy(f => f, StringComparer.Ordinal), scanned.OrderBy(f => f, StringComparer.Ordinal));
            Assert.Contains(readable.Count + " log files,", finding.Evidence[0]);
            Assert.Contains(classic, readable);
            Assert.Contains(recent, readable);
            Assert.Contains(upper, readable);
            Assert.Contains(webView, copied);
            Assert.DoesNotContain(webView, scanned);
            Assert.DoesNotContain(stale, copied);
            Assert.DoesNotContain(staleOther, copied);
        }

        [Fact]
        public void TheCopyTakesTheNewTeamsLogsNewestFirstAndAMissingFolderGivesNone()
        {
            using var pc = new RepairPc();
            var older = pc.NewLog(pc.Alice, "b.log", "older\n", TimeSpan.FromHours(5));
            var newer = pc.NewLog(pc.Alice, "a.txt", "newer\n", TimeSpan.FromHours(1));
            var cutoff = (pc.Now - TimeSpan.FromHours(6)).UtcDateTime;

            var files = TeamsLogFiles.InNewTeamsFolder(TeamsLayout.NewLogFolder(pc.Alice.Folders), cutoff).Select(f => f.FullName).ToList();

            Assert.Equal(new[] { newer, older }, files.Where(f => f == newer || f == older));
            Assert.Empty(TeamsLogFiles.InNewTeamsFolder(Path.Combine(TeamsLayout.NewLogFolder(pc.Alice.Folders), "missing"), cutoff));
        }

        private static bool PathIsIn(string path, string folder) => string.Equals(Path.GetDirectoryName(path), folder, StringComparison.Ordinal);
    }
}
