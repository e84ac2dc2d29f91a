using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// The logs a user collected with Ctrl+Alt+Shift+1 (Downloads\PROD-WebLogs-*.zip), read by Evidence.TeamsLogs in a
    /// real engine from a real zip file, with no live Teams log left (as after a cache clear).
    /// </summary>
    public sealed class WebLogsEvidenceTests
    {
        private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        internal static string WriteWebLogs(SimulatedUser user, string name, DateTime writtenUtc, params (string Entry, string Text)[] entries)
        {
            var downloads = TeamsLayout.Downloads(user.Folders);
            Directory.CreateDirectory(downloads);
            var path = Path.Combine(downloads, name);
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                foreach (var (entry, text) in entries)
                {
                    using var writer = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
                    writer.Write(text);
                }
            }

            File.SetLastWriteTimeUtc(path, writtenUtc);
            return path;
        }

        private static TeamsCaa20002Finding Logs(SimulatedSession s, SimulatedUser user) =>
            Finding(s.Run("Test-TeamsCaa20002 -CheckId Evidence.TeamsLogs"), "Evidence.TeamsLogs", user);

        [Fact]
        public void ARecentCaa20002LineInTheNewestWebLogsFailsAndNamesTheZip()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            WriteWebLogs(alice, "PROD-WebLogs-2026-11-20.zip", now.AddDays(-2),
                ("MSTeams_2026-11-20.log", Iso(now.AddDays(-2)) + " Info app started\n"));
            var entry = Iso(now.AddHours(-2)) + " Info start\n" + Iso(now.AddHours(-1)) + " Error acquireToken failed: CAA20002\n";
            WriteWebLogs(alice, "GCCH-WebLogs-2026-11-26.zip", now.AddHours(-1), ("web/teams.txt", entry));

            var logs = Logs(s, alice);

            Assert.Equal(FindingStatus.Fail, logs.Status);

            // A small entry read whole is counted in bytes, never "0 KB", which reads as nothing read.
            Assert.Contains(logs.Evidence, e => e == "collected logs GCCH-WebLogs-2026-11-26.zip: 1 entry, " + entry.Length + " bytes scanned.");
            Assert.Contains(logs.Evidence, e => e.StartsWith("CAA20002 (invalid_request")
                && e.Contains("last in GCCH-WebLogs-2026-11-26.zip/web/teams.txt"));
            Assert.DoesNotContain(logs.Evidence, e => e.Contains("PROD-WebLogs-2026-11-20.zip"));
            Assert.StartsWith("Clear-TeamsCache -UserSid " + alice.Sid, logs.Remedy);
            Assert.Contains("CAA20002", logs.Summary);
        }

        [Fact]
        public void OnlyTheNewestZipIsReadSoAnOlderCollectionsCodeDoesNotCount()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            WriteWebLogs(alice, "PROD-WebLogs-old.zip", now.AddHours(-5), ("a.txt", Iso(now.AddHours(-5)) + " Error CAA20002\n"));
            WriteWebLogs(alice, "DOD-WebLogs-new.zip", now.AddHours(-1), ("b.txt", Iso(now.AddHours(-1)) + " Info signed in\n"));

            var logs = Logs(s, alice);

            Assert.Equal(FindingStatus.Pass, logs.Status);
            Assert.Contains(logs.Evidence, e => e.StartsWith("collected logs DOD-WebLogs-new.zip: 1 entry"));
            Assert.DoesNotContain(logs.Evidence, e => e.Contains("PROD-WebLogs-old.zip"));
        }

        [Fact]
        public void ALineOlderThanSinceInARecentZipIsNotCounted()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            WriteWebLogs(alice, "PROD-WebLogs-1.zip", now.AddHours(-1),
                ("t.txt", Iso(now.AddDays(-3)) + " Error acquireToken failed: CAA20002\n" + Iso(now.AddHours(-1)) + " Info fine\n"));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Evidence.TeamsLogs -Since $args[0]", now.AddDays(-1)),
                "Evidence.TeamsLogs", alice);

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Contains(finding.Evidence, e => e.StartsWith("1 line with codes older than"));
        }

        [Fact]
        public void AZipWrittenBeforeSinceIsNotOpened()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            WriteWebLogs(alice, "PROD-WebLogs-1.zip", now.AddDays(-10), ("t.txt", Iso(now.AddHours(-1)) + " Error CAA20002\n"));

            var finding = Logs(s, alice);

            Assert.Equal(FindingStatus.Skipped, finding.Status);
            Assert.Contains("no Teams log was written", finding.SkipReason);
        }

        [Fact]
        public void GuidsAndHexRunsInTheZipYieldNoCode()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            WriteWebLogs(alice, "PROD-WebLogs-1.zip", now.AddHours(-1), ("t.txt",
                Iso(now.AddHours(-1)) + " Info session 1f2ecaa20002b4d1-9f00-4aa7-8c2d-0caa20002aaa hash=deadcaa2000cbeef0caa20004\n"
                + Iso(now.AddHours(-1)) + " Info request-id xcaa20002 caa20002x 0xcaa20002ff\n"));

            var finding = Logs(s, alice);

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Contains(finding.Evidence, e => e.StartsWith("collected logs PROD-WebLogs-1.zip: 1 entry"));
            Assert.DoesNotContain(finding.Evidence, e => e.Contains("CAA2000", StringComparison.OrdinalIgnoreCase) && !e.StartsWith("collected"));
        }

        [Fact]
        public void ATruncatedZipIsReportedUnreadableNotAFailure()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            var path = WriteWebLogs(alice, "PROD-WebLogs-1.zip", now.AddHours(-1), ("t.txt", Iso(now.AddHours(-1)) + " Error CAA20002\n"));
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            File.SetLastWriteTimeUtc(path, now.AddHours(-1));

            var result = s.Run("Test-TeamsCaa20002 -CheckId Evidence.TeamsLogs");

            Assert.Empty(result.Errors);
            var finding = Finding(result, "Evidence.TeamsLogs", alice);
            Assert.Equal(FindingStatus.Skipped, finding.Status);
            Assert.Equal("the Teams logs could not be read.", finding.SkipReason);
            Assert.Contains(finding.Evidence, e => e.StartsWith("collected logs PROD-WebLogs-1.zip not readable ("));
        }

        [Fact]
        public void ACorruptZipBesideReadableLogsWarnsAndTheLiveLogsStillCount()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            Directory.CreateDirectory(TeamsLayout.Downloads(alice.Folders));
            var corrupt = Path.Combine(TeamsLayout.Downloads(alice.Folders), "Life-WebLogs-x.zip");
            File.WriteAllBytes(corrupt, Encoding.ASCII.GetBytes("PK\x03\x04 not a zip"));
            File.SetLastWriteTimeUtc(corrupt, s.Machine.Clock.UtcNow.UtcDateTime);

            var finding = Logs(s, alice);

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Equal("1 log file, 46 bytes scanned.", finding.Evidence[0]);
            Assert.Contains(finding.Evidence, e => e.StartsWith("collected logs Life-WebLogs-x.zip not readable ("));
        }
    }
}
