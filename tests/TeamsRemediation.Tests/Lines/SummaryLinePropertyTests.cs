using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Lines;
using Xunit;

namespace TeamsRemediation.Tests.Lines
{
    /// <summary>
    /// The one-line grammar: whatever the findings (any number, any characters in users and summaries), the line fits Intune's 2048
    /// characters, keeps whole items in order and parses back to exactly those, with the count of the others; the JSON form says the same.
    /// </summary>
    public sealed class SummaryLinePropertyTests
    {
        private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

        private static readonly string[] Pieces =
        {
            "CONTOSO\\alice", "bob smith", "a|b", "x || y", "50%", "k=v", "-", "", " ", "é日本", "\t", "\r\n", "CAA20002", "AADSTS53003",
            "%2D", "\"q\"", "\\", "CAA20002/1 Test", "\u2028",
        };

        private static Gen<string> Text() =>
            Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.OneOf(Gen.Elements(Pieces), Gen.Choose(0, 40)
                .SelectMany(k => Gen.ArrayOf(Gen.Choose(1, 0x2FF).Select(c => (char)c), k)).Select(c => new string(c))), n))
                .Select(parts => string.Concat(parts));

        private static Gen<TeamsCaa20002Finding> Finding() =>
            from id in Gen.Elements(CheckIds.All.ToArray())
            from status in Gen.Elements(FindingStatus.Pass, FindingStatus.Warning, FindingStatus.Fail, FindingStatus.Skipped)
            from owner in Gen.Elements(FindingOwner.Device, FindingOwner.User, FindingOwner.TenantAdmin, FindingOwner.Network)
            from user in Text()
            from summary in Text()
            from remedy in Gen.Elements(string.Empty, "Clear-TeamsCache", "Enable-Tls12")
            from code in Gen.Elements(string.Empty, "CAA20002", "CAA20004", "CAA82EE7")
            select new TeamsCaa20002Finding
            {
                CheckId = id, Status = status, Owner = owner, User = user, UserSid = user.Length > 0 ? "S-1-5-21-9" : string.Empty,
                Summary = summary, Remedy = remedy, TopCode = code, ComputerName = "PC01",
            };

        private static Gen<TeamsCaa20002Finding[]> Findings() => Gen.Choose(0, 120).SelectMany(n => Gen.ArrayOf(Finding(), n));

        [Fact]
        public void AnyFindingsGiveALineThatFitsAndParsesBackToTheItemsKeptWithTheDroppedCountRight()
        {
            Check.One(Runs, Prop.ForAll(Findings().ToArbitrary(), findings =>
            {
                var all = SummaryLine.FromDiagnosis("PC01", findings);
                var line = all.ToLine();
                var back = SummaryLine.Parse(line);

                Assert.InRange(line.Length, 1, SummaryLine.MaxLength);
                Assert.DoesNotContain('\n', line);
                Assert.DoesNotContain('\r', line);
                Assert.StartsWith("CAA20002/1 Test PC01 ", line);
                Assert.Equal(1, back.Version);
                Assert.Equal(all.State, back.State);
                Assert.Equal(all.ExitCode, back.ExitCode);
                Assert.Equal(all.Items.Take(back.Items.Count), back.Items);
                Assert.Equal(all.Items.Count - back.Items.Count, back.Dropped);
                foreach (var (kept, finding) in back.Items.Where(i => i.Status != SummaryLineItem.Answered)
                    .Zip(all.Items.Take(back.Items.Count).Where(i => i.Status != SummaryLineItem.Answered)))
                {
                    Assert.Equal(finding.CheckId, kept.CheckId);
                    Assert.Equal(finding.User, kept.User);
                }
            }));
        }

        [Fact]
        public void TheJsonFormIsOneLineOfTheSameItemsWithItsSchema()
        {
            Check.One(Runs, Prop.ForAll(Findings().ToArbitrary(), findings =>
            {
                var all = SummaryLine.FromDiagnosis("PC01", findings);
                var json = all.ToJson();

                Assert.InRange(json.Length, 1, SummaryLine.MaxLength);
                Assert.DoesNotContain('\n', json);
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                Assert.Equal(SummaryLine.JsonSchema, root.GetProperty("schema").GetString());
                var items = root.GetProperty("items").EnumerateArray().ToList();
                Assert.Equal(all.Items.Count - items.Count, root.GetProperty("dropped").GetInt32());
                for (var i = 0; i < items.Count; i++)
                {
                    Assert.Equal(all.Items[i].Status, items[i].GetProperty("status").GetString());
                    Assert.Equal(all.Items[i].CheckId, items[i].GetProperty("checkId").GetString());
                    Assert.Equal(all.Items[i].Owner, items[i].GetProperty("owner").GetString());
                    Assert.Equal(all.Items[i].Code, items[i].GetProperty("code").GetString());
                    Assert.Equal(all.Items[i].User, items[i].GetProperty("user").GetString());
                }
            }));
        }

        [Fact]
        public void ItemsCarryCheckStatusOwnerTopCodeAndUserFailsFirst()
        {
            var findings = new[]
            {
                new TeamsCaa20002Finding { CheckId = "Teams.Cache", Status = FindingStatus.Warning, Owner = FindingOwner.Device,
                    User = "CONTOSO\\alice", Remedy = "Clear-TeamsCache", TopCode = "CAA20002",
                    Summary = "Cache of 48 MB and sign-in errors CAA20002" },
                new TeamsCaa20002Finding { CheckId = "Evidence.AadEvents", Status = FindingStatus.Warning, Owner = FindingOwner.TenantAdmin,
                    User = "CONTOSO\\alice", Remedy = "Ask the Entra ID admin", Summary = "1 Teams token error(s): CAA20004" },
                new TeamsCaa20002Finding
                {
                    CheckId = "Tls.WinHttp", Status = FindingStatus.Fail, Owner = FindingOwner.Device, Remedy = "Enable-Tls12",
                },
            };

            var line = SummaryLine.FromDiagnosis("PC01", findings).ToLine();

            Assert.Equal("CAA20002/1 Test PC01 NonCompliant exit=1 dropped=0 | Fail Tls.WinHttp Device - - | Warning Teams.Cache Device CAA20002 "
                + "CONTOSO\\alice | Warning Evidence.AadEvents TenantAdmin CAA20004 CONTOSO\\alice || pass 0, skipped 0: Tls.WinHttp: ; Teams.Cache "
                + "CONTOSO\\alice: Cache of 48 MB and sign-in errors CAA20002; Evidence.AadEvents CONTOSO\\alice: 1 Teams token error(s): CAA20004",
                line);
        }

        [Fact]
        public void TodaysFreeTextLinesStillParse()
        {
            var test = SummaryLine.Parse("CAA20002 PC01 NonCompliant: FAIL Tls.WinHttp: WinHTTP DefaultSecureProtocols leaves TLS 1.2 out | FAIL "
                + "Evidence.AadEvents CONTOSO\\alice: 1 Teams token error(s) in the last 7 days: CAA20002 (latest: invalid_request). | "
                + "WARN Network.Vpn | pass 12, skipped 2");
            var repair = SummaryLine.Parse("CAA20002 PC01 Repair NeedsReboot (exit 2): Evidence/EvidenceCopy: Done; Machine/Tls: Done; "
                + "Cache/CacheLight CONTOSO\\alice: Done | left: Fail Network.Endpoint: login.microsoftonline.com: name not resolved; x; Warning "
                + "Teams.Cache CONTOSO\\alice: stale | report C:\\ProgramData\\TeamsRemediation\\Reports\\r1 | log: %ProgramData%\\x.log");

            Assert.Equal(0, test.Version);
            Assert.Equal(("Test", "PC01", "NonCompliant"), (test.Kind, test.Computer, test.State));
            Assert.Equal(new[] { "Fail Tls.WinHttp - - -", "Fail Evidence.AadEvents - CAA20002 CONTOSO\\alice", "Warning Network.Vpn - - -" },
                test.Items.Select(i => i.ToString()));
            Assert.Equal("pass 12, skipped 2", test.Text);
            Assert.Equal(("Repair", "NeedsReboot", 2, true), (repair.Kind, repair.State, repair.ExitCode!.Value, repair.RestartNeeded));
            Assert.Equal("C:\\ProgramData\\TeamsRemediation\\Reports\\r1", repair.ReportPath);
            Assert.Equal(new[]
            {
                "Fail Network.Endpoint - - -", "Warning Teams.Cache - - CONTOSO\\alice",
                "Step Evidence/EvidenceCopy - - - status=Done", "Step Machine/Tls - - - status=Done",
                "Step Cache/CacheLight - - CONTOSO\\alice status=Done",
            }, repair.Items.Select(i => i.ToString()));
            Assert.Equal(-1, SummaryLine.Parse("CAA20002 PC01 NonCompliant: FAIL Tls.WinHttp: " + new string('x', 2030) + "...").Dropped);
        }

        [Theory]
        [InlineData("hello")]
        [InlineData("CAA20002/1 Test PC01")]
        [InlineData("CAA20002/1 Test PC01 Compliant exit=x")]
        [InlineData("CAA20002/1 Test PC01 Compliant exit=0 | Fail Tls.WinHttp")]
        [InlineData("CAA20002/1 Test PC01 Compliant exit=0 | Fail a b c d%Z")]
        public void WhatIsNotALineOfThisModuleIsAFormatError(string text)
        {
            Assert.Throws<FormatException>(() => SummaryLine.Parse(text));
            Assert.False(SummaryLine.TryParse(text, out _));
        }
    }
}
