using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>Rung 1: what a repair may destroy is copied first, into a protected folder of the run, bounded, never through a link.</summary>
    public sealed class EvidenceCollectorTests
    {
        private static readonly TimeSpan Week = TimeSpan.FromDays(7);

        [Fact]
        public void AsSYSTEMTheLogsTheNewestArchiveAndTheUsersEventsAreCopiedIntoAProtectedRunFolder()
        {
            using (var pc = new RepairPc())
            {
                File.Delete(Path.Combine(TeamsLayout.NewLogFolder(pc.Alice.Folders), pc.Alice.NewTeamsLogName!));
                var classic = pc.Write(TeamsLayout.ClassicLogPath(pc.Alice.Folders), "classic CAA20002 line\n", TimeSpan.FromHours(1));
                var recent = pc.NewLog(pc.Alice, "MSTeams_2026-11-27_06-00-00.00.log", "new Teams CAA20002 line\n", TimeSpan.FromHours(2));
                var older = pc.NewLog(pc.Alice, "MSTeams_2026-11-26_06-00-00.00.log", "yesterday\n", TimeSpan.FromDays(1));
                var stale = pc.NewLog(pc.Alice, "MSTeams_2026-10-01_06-00-00.00.log", "last month\n", TimeSpan.FromDays(50));
                var downloads = TeamsLayout.Downloads(pc.Alice.Folders);
                var newestZip = Zip(pc, Path.Combine(downloads, "GCCH-WebLogs-2026-11-27.zip"), TimeSpan.FromHours(3));
                var olderZip = Zip(pc, Path.Combine(downloads, "PROD-WebLogs-2026-11-25.zip"), TimeSpan.FromDays(2));
                pc.Machine.SimulatedEvents.Add(pc.TeamsEvent(pc.Alice, TimeSpan.FromHours(2)));
                pc.Machine.SimulatedEvents.Add(new AadEvent(pc.Now - TimeSpan.FromHours(1), pc.Bob.Sid, "Error: 0xCAA20002 bob's own event"));

                var folder = RepairReportFolder.Create(pc.Machine);
                var collected = new EvidenceCollector(pc.Machine).Collect(folder, new[] { RepairPc.Target(pc.Alice) }, Week, TimeSpan.FromSeconds(5));

                Assert.Equal(Path.Combine(pc.Machine.ProgramDataPath, "TeamsRemediation", RepairReportFolder.FolderName),
                    Path.GetDirectoryName(folder));
                Assert.Equal(JournalStorage.JournalFolderSddl, pc.Machine.StorageSecurity.ReadSddl(folder));
                Assert.Equal(folder, collected.Folder);
                var sources = collected.Files.Select(f => f.Source).ToList();
                Assert.Equal(new[] { "Microsoft-Windows-AAD/Operational", classic, recent, older, newestZip }, sources);
                Assert.DoesNotContain(stale, sources);
                Assert.DoesNotContain(olderZip, sources);
                foreach (var file in collected.Files.Skip(1))
                {
                    Assert.StartsWith(Path.Combine(folder, EvidenceCollector.EvidenceFolderName, "CONTOSO_alice"), file.Destination);
                    // A log without secrets comes out byte for byte; the zip is re-written, entry by entry.
                    Assert.Equal(Contents(file.Source), Contents(file.Destination));
                    Assert.False(file.Truncated);
                    Assert.Equal(0, file.ValuesRemoved);
                }

                Assert.Equal(collected.Files.Sum(f => new FileInfo(f.Destination).Length), collected.Bytes);
                Assert.Empty(collected.Skipped);
                Assert.Equal(1, collected.EventCount);
                var events = File.ReadAllText(Path.Combine(folder, EvidenceCollector.EvidenceFolderName, EvidenceCollector.EventsFileName));
                Assert.Contains(RepairPc.Correlation, events);
                Assert.Contains(pc.Alice.Sid, events);
                Assert.DoesNotContain("bob's own event", events);
                Assert.True(File.Exists(classic) && File.Exists(recent) && File.Exists(newestZip), "the evidence is copied, never moved");
            }
        }

        [Fact]
        public void ALinkInTheLogsOrALinkedLogsFolderIsReportedAndNeverFollowed()
        {
            using (var pc = new RepairPc())
            using (var outside = new TempFolder())
            {
                var secret = Path.Combine(outside.Path, "other-users-secret.txt");
                File.WriteAllText(secret, "not alice's to copy");
                var logs = TeamsLayout.NewLogFolder(pc.Alice.Folders);
                var link = Path.Combine(logs, "MSTeams_link.log");
                File.CreateSymbolicLink(link, secret);

                // Written now by the PC's clock, so the link is in the period whatever the clock says.
                File.SetLastWriteTimeUtc(link, pc.Now.UtcDateTime);
                Directory.CreateDirectory(Path.GetDirectoryName(TeamsLayout.NewLogFolder(pc.Bob.Folders))!);
                Directory.Delete(TeamsLayout.NewLogFolder(pc.Bob.Folders), recursive: true);
                Directory.CreateSymbolicLink(TeamsLayout.NewLogFolder(pc.Bob.Folders), outside.Path);

                var folder = RepairReportFolder.Create(pc.Machine);
                var collected = new EvidenceCollector(pc.Machine).Collect(folder, new[] { RepairPc.Target(pc.Alice), RepairPc.Target(pc.Bob) },
                    Week, TimeSpan.FromSeconds(5));

                Assert.Contains(collected.Skipped, s => s.Source == link && s.Reason == EvidenceSkipReason.Link && s.UserSid == pc.Alice.Sid);
                Assert.Contains(collected.Skipped, s => s.Source == TeamsLayout.NewLogFolder(pc.Bob.Folders)
                    && s.Reason == EvidenceSkipReason.Link);
                Assert.Contains(collected.Files, f => f.Source.EndsWith(pc.Alice.NewTeamsLogName!, StringComparison.Ordinal));
                var copied = Directory.GetFiles(Path.Combine(folder, EvidenceCollector.EvidenceFolderName), "*", SearchOption.AllDirectories);
                Assert.DoesNotContain(copied, f => File.ReadAllText(f).Contains("not alice's to copy"));
                Assert.Equal("not alice's to copy", File.ReadAllText(secret));
            }
        }

        [Fact]
        public void TheBudgetsKeepTheNewestPartOfALongLogLeaveALargeArchiveAndStopAtTheTotal()
        {
            using (var pc = new RepairPc())
            {
                // Lines of words: one unbroken run of letters would be redacted as an opaque token.
                var longLog = pc.NewLog(pc.Alice, "MSTeams_long.log", Lines("a", 3000) + "NEWEST-LINES", TimeSpan.FromMinutes(1));
                var next = pc.NewLog(pc.Alice, "MSTeams_next.log", Lines("b", 900), TimeSpan.FromMinutes(2));
                var third = pc.NewLog(pc.Alice, "MSTeams_third.log", Lines("c", 900), TimeSpan.FromMinutes(3));
                File.Delete(Path.Combine(TeamsLayout.NewLogFolder(pc.Alice.Folders), pc.Alice.NewTeamsLogName!));
                File.Delete(TeamsLayout.ClassicLogPath(pc.Alice.Folders));
                var bigZip = Path.Combine(TeamsLayout.Downloads(pc.Alice.Folders), "PROD-WebLogs-big.zip");
                pc.Write(bigZip, new string('z', 5000), TimeSpan.FromMinutes(5));

                var folder = RepairReportFolder.Create(pc.Machine);
                var collected = new EvidenceCollector(pc.Machine, maxBytes: 2500, maxFileBytes: 1024).Collect(folder,
                    new[] { RepairPc.Target(pc.Alice) }, Week, TimeSpan.FromSeconds(5));

                var cut = Assert.Single(collected.Files, f => f.Source == longLog);
                Assert.True(cut.Truncated);
                Assert.Equal(1024, cut.Bytes);
                Assert.EndsWith("NEWEST-LINES", File.ReadAllText(cut.Destination));
                Assert.Contains(collected.Files, f => f.Source == next && !f.Truncated);
                Assert.Contains(collected.Skipped, s => s.Source == third && s.Reason == EvidenceSkipReason.BudgetSpent);
                Assert.Contains(collected.Skipped, s => s.Source == bigZip && s.Reason == EvidenceSkipReason.TooLarge);
                Assert.False(File.Exists(Path.Combine(folder, EvidenceCollector.EvidenceFolderName, "CONTOSO_alice", "Downloads",
                    "PROD-WebLogs-big.zip")));
                Assert.True(collected.Bytes <= 2500, collected.Bytes + " bytes");
            }
        }

        [Fact]
        public void AnUnreadableEventLogIsASkipWithItsReasonAndTheFilesAreStillCopied()
        {
            using (var pc = new RepairPc())
            {
                pc.Machine.SimulatedEvents.FailureReason = "wevtutil: the channel Microsoft-Windows-AAD/Operational was not found.";

                var folder = RepairReportFolder.Create(pc.Machine);
                var collected = new EvidenceCollector(pc.Machine).Collect(folder, new[] { RepairPc.Target(pc.Alice) }, Week, TimeSpan.FromSeconds(5));

                var skip = Assert.Single(collected.Skipped);
                Assert.Equal(EvidenceSkipReason.EventLogUnreadable, skip.Reason);
                Assert.Contains("was not found", skip.Detail);
                Assert.Equal(0, collected.EventCount);
                Assert.False(File.Exists(Path.Combine(folder, EvidenceCollector.EvidenceFolderName, EvidenceCollector.EventsFileName)));
                Assert.NotEmpty(collected.Files);
            }
        }

        [Fact]
        public void ATokenInAnEventIsNotWrittenIntoTheEventsFile()
        {
            using (var pc = new RepairPc())
            {
                var jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIwMDAwMDAwMy0wMDAwIn0.c2lnbmF0dXJlLXBhcnQ";
                pc.Machine.SimulatedEvents.Add(pc.TeamsEvent(pc.Alice, TimeSpan.FromHours(1), "Authorization: Bearer " + jwt
                    + "\r\nrefresh_token=0.AXYA" + new string('q', 70)));

                var folder = RepairReportFolder.Create(pc.Machine);
                new EvidenceCollector(pc.Machine).Collect(folder, new[] { RepairPc.Target(pc.Alice) }, Week, TimeSpan.FromSeconds(5));

                var events = File.ReadAllText(Path.Combine(folder, EvidenceCollector.EvidenceFolderName, EvidenceCollector.EventsFileName));
                Assert.DoesNotContain(jwt, events);
                Assert.DoesNotContain("eyJ0eXAi", events);
                Assert.DoesNotContain("qqqqqqqqqq", events);
                Assert.Contains("Bearer " + SecretText.Removed, events);
                Assert.Contains("AADSTS50076", events);
            }
        }

        [Fact]
        public void AUserRunningItKeepsTheReportInTheirOwnProfile()
        {
            using (var pc = new RepairPc())
            {
                pc.Pc.RunAs(pc.Alice, elevated: false);

                var folder = RepairReportFolder.Create(pc.Machine);

                Assert.Equal(Path.Combine(pc.Alice.Folders.LocalAppData, "TeamsRemediation", RepairReportFolder.FolderName),
                    Path.GetDirectoryName(folder));
                Assert.True(Directory.Exists(folder));
                Assert.False(Directory.Exists(Path.Combine(pc.Machine.ProgramDataPath, "TeamsRemediation", RepairReportFolder.FolderName)));
            }
        }

        [Fact]
        public void AReportsFolderAUserMadeAsALinkIsRefusedAndNothingIsCreatedWhereItPoints()
        {
            using (var pc = new RepairPc())
            using (var target = new TempFolder())
            {
                var module = Path.Combine(pc.Machine.ProgramDataPath, "TeamsRemediation");
                pc.Machine.StorageSecurity.CreateFolder(module, JournalStorage.ModuleFolderSddl);
                Directory.CreateSymbolicLink(Path.Combine(module, RepairReportFolder.FolderName), target.Path);

                var refused = Assert.Throws<RepairReportException>(() => RepairReportFolder.Create(pc.Machine));

                Assert.Equal("RepairReportFolderFailed", refused.Error.Id);
                Assert.Equal(Errors.ModuleErrorCategory.WriteError, refused.Error.Category);
                Assert.Contains("junction or symbolic link", refused.Error.Message);
                Assert.Empty(Directory.GetFileSystemEntries(target.Path));
            }
        }

        /// <summary>A log's bytes; a zip's entries (name and text), which a re-written zip keeps though its bytes differ.</summary>
        private static string[] Contents(string path)
        {
            if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                return new[] { Convert.ToBase64String(File.ReadAllBytes(path)) };
            }

            using (var zip = ZipFile.OpenRead(path))
            {
                return zip.Entries.Select(e =>
                {
                    using (var reader = new StreamReader(e.Open()))
                    {
                        return e.FullName + ":" + reader.ReadToEnd();
                    }
                }).ToArray();
            }
        }

        private static string Lines(string word, int length) =>
            string.Concat(Enumerable.Repeat(word + " log line\n", length / (word.Length + 10) + 1)).Substring(0, length);

        private static string Zip(RepairPc pc, string path, TimeSpan age)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                using (var writer = new StreamWriter(zip.CreateEntry("MSTeams_collected.log").Open()))
                {
                    writer.Write("collected CAA20002 line for " + Path.GetFileName(path));
                }
            }

            File.SetLastWriteTimeUtc(path, (pc.Now - age).UtcDateTime);
            return path;
        }
    }
}
