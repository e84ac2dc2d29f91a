using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using TeamsRemediation.Logging;
using TeamsRemediation.Repair;
using TeamsRemediation.Repair.Wiring;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// The report folder an admin hands on carries none of a user's secrets: the copied Teams logs and the re-written WebLogs zip
    /// are redacted as the admin pack is, the originals stay byte for byte, and the report says how many values went.
    /// </summary>
    public sealed class EvidenceRedactionTests
    {
        private const string JwtSignature = "UGxhbnRlZFNpZ25hdHVyZQ";
        private const string Jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaS5zcGFjZXMuc2t5cGUuY29tIn0." + JwtSignature;
        private const string RefreshToken = "0.AXYAPlantedRefresh-Token_Value";
        private const string SecondCookie = "CookieValue4711";
        private const string Password = "Planted-Pa55word";

        // Four values, each the way Teams and its WebView2 write them: a bearer header, a token response, a cookie header, a form body.
        private static readonly string Planted = "2026-11-27T06:00:00.000Z Info sign-in CAA20002 request\r\n"
            + "2026-11-27T06:00:01.000Z Info Authorization: Bearer " + Jwt + "\r\n"
            + "2026-11-27T06:00:02.000Z Info token response {\"token_type\":\"Bearer\",\"refresh_token\":\"" + RefreshToken + "\"}\n"
            + "2026-11-27T06:00:03.000Z Info Cookie: x-ms-gateway-slice=estsfd; PlantedSessionCookie=" + SecondCookie + "\r\n"
            + "2026-11-27T06:00:04.000Z Info body grant_type=password&username=alice@contoso.com&password=" + Password + "\r\n"
            + "2026-11-27T06:00:05.000Z Error CAA20002 sign-in failed\r\n";

        private static readonly string[] Secrets = { JwtSignature, "eyJhdWQiOiJodHRwczovL2FwaS5zcGFjZXMuc2t5cGUuY29tIn0", RefreshToken,
            SecondCookie, Password };

        [Fact]
        public void PlantedTokensCookiesAndPasswordsInBothTeamsLogsAndAWebLogsZipAreInNoFileOfTheReportFolder()
        {
            using (var pc = new RepairPc())
            {
                File.Delete(Path.Combine(TeamsLayout.NewLogFolder(pc.Alice.Folders), pc.Alice.NewTeamsLogName!));
                var classic = pc.Write(TeamsLayout.ClassicLogPath(pc.Alice.Folders), Planted, TimeSpan.FromHours(1));
                var newLog = pc.NewLog(pc.Alice, "MSTeams_2026-11-27_06-00-00.00.log", Planted, TimeSpan.FromHours(2));
                var zip = Path.Combine(TeamsLayout.Downloads(pc.Alice.Folders), "PROD-WebLogs-2026-11-27.zip");
                Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
                using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
                {
                    using (var writer = new StreamWriter(archive.CreateEntry("logs/MSTeams_collected.log").Open()))
                    {
                        writer.Write(Planted);
                    }
                }

                File.SetLastWriteTimeUtc(zip, (pc.Now - TimeSpan.FromHours(3)).UtcDateTime);
                var originals = new[] { classic, newLog, zip }.ToDictionary(f => f, Hash);

                var outcome = new EvidenceCopier(pc.Machine, TimeSpan.FromSeconds(5)).Copy(new[] { RepairPc.Target(pc.Alice) },
                    TimeSpan.FromDays(7));

                Assert.Equal(RepairStepStatus.Done, outcome.Status);
                var texts = EveryText(outcome.ReportPath).ToList();
                Assert.Equal(4, texts.Count(t => t.Name.EndsWith(".log", StringComparison.Ordinal)
                    || t.Name.EndsWith(".txt", StringComparison.Ordinal)));
                foreach (var (name, text) in texts)
                {
                    foreach (var secret in Secrets)
                    {
                        Assert.False(text.Contains(secret, StringComparison.Ordinal), secret + " is in " + name);
                    }
                }

                foreach (var (name, text) in texts.Where(t => t.Name.EndsWith(".log", StringComparison.Ordinal)))
                {
                    Assert.Contains("Error CAA20002 sign-in failed", text);
                    Assert.Contains("Bearer " + SecretText.Removed, text);
                    Assert.Contains("Cookie: " + SecretText.Removed, text);
                    Assert.Contains("username=alice@contoso.com&password=" + SecretText.Removed, text);
                }

                Assert.Contains("redacted: 12 values", outcome.Detail);
                Assert.All(originals, o => Assert.Equal(o.Value, Hash(o.Key)));
            }
        }

        [Fact]
        public void AZipEntryThatIsNotTextIsLeftOutOfTheCopyAndCounted()
        {
            using (var pc = new RepairPc())
            {
                var zip = Path.Combine(TeamsLayout.Downloads(pc.Alice.Folders), "PROD-WebLogs-2026-11-27.zip");
                Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
                using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
                {
                    using (var binary = archive.CreateEntry("heap.dmp").Open())
                    {
                        var bytes = System.Text.Encoding.UTF8.GetBytes("\0\0refresh_token=" + RefreshToken);
                        binary.Write(bytes, 0, bytes.Length);
                    }

                    using (var writer = new StreamWriter(archive.CreateEntry("MSTeams.log").Open()))
                    {
                        writer.Write("CAA20002 only\n");
                    }
                }

                File.SetLastWriteTimeUtc(zip, (pc.Now - TimeSpan.FromHours(3)).UtcDateTime);

                var folder = RepairReportFolder.Create(pc.Machine);
                var collected = new EvidenceCollector(pc.Machine).Collect(folder, new[] { RepairPc.Target(pc.Alice) }, TimeSpan.FromDays(7),
                    TimeSpan.FromSeconds(5));

                var copy = Assert.Single(collected.Files, f => f.Source == zip);
                Assert.Equal(1, copy.EntriesLeftOut);
                using (var archive = ZipFile.OpenRead(copy.Destination))
                {
                    Assert.Equal(new[] { "MSTeams.log" }, archive.Entries.Select(e => e.FullName));
                }

                Assert.Contains("1 zip entry left out", collected.ToString());
            }
        }

        [Fact]
        public void TheMachineLogAndItsApplicationEventsCarryNoSecretACallerLetSlip()
        {
            using (var machine = SimulatedPc.Create().RunAsSystem().Machine)
            {
                var log = new MachineLog(machine);

                log.Write("Test", "broker answered refresh_token=" + RefreshToken + " and Authorization: Bearer " + Jwt);

                var line = File.ReadAllText(log.FilePath);
                var evented = Assert.Single(machine.EventLogWriter.Entries).Message;
                foreach (var secret in Secrets)
                {
                    Assert.DoesNotContain(secret, line);
                    Assert.DoesNotContain(secret, evented);
                }

                Assert.Contains("refresh_token=" + SecretText.Removed, line);
                Assert.Contains("refresh_token=" + SecretText.Removed, evented);
            }
        }

        /// <summary>Every file below the folder as text, and every entry of every zip there.</summary>
        private static IEnumerable<(string Name, string Text)> EveryText(string folder)
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                yield return (file, File.ReadAllText(file));
                if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    using (var archive = ZipFile.OpenRead(file))
                    {
                        foreach (var entry in archive.Entries)
                        {
                            using (var reader = new StreamReader(entry.Open()))
                            {
                                yield return (file + "/" + entry.FullName, reader.ReadToEnd());
                            }
                        }
                    }
                }
            }
        }

        private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
    }
}
