using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Lines;
using Xunit;

namespace TeamsRemediation.Tests.Lines
{
    /// <summary>
    /// The JSON form read back: whatever a line holds, its JSON reads into the same values as the line does, and everything that is not
    /// exactly the module's JSON (hostile or damaged) is a FormatException saying what and where, never a crash, a hang or a partial line.
    /// </summary>
    public sealed class SummaryLineJsonTests
    {
        private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

        private static readonly string[] Pieces =
        {
            "CONTOSO\\alice", "bob smith", "a|b", "x || y", "50%", "k=v", "-", "", " ", "é日本", "\t", "\r\n", "\"q\"", "\\", "{\"a\":1}",
            "\u2028", "\u007F", "\\u0041", "null", "]}",
        };

        /// <summary>Any text of up to three pieces: the grammar's and JSON's special characters, other characters below U+0300.</summary>
        private static Gen<string> Text() =>
            Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.OneOf(Gen.Elements(Pieces), Gen.Choose(0, 40)
                .SelectMany(k => Gen.ArrayOf(Gen.Choose(1, 0x2FF).Select(c => (char)c), k)).Select(c => new string(c))), n))
                .Select(parts => string.Concat(parts));

        private static Gen<SummaryLineItem> Item() =>
            from status in Gen.Elements(SummaryLineItem.Fail, SummaryLineItem.Warning, SummaryLineItem.Answered, SummaryLineItem.Step)
            from checkId in Gen.OneOf(Gen.Elements(CheckIds.All.ToArray()), Text())
            from owner in Gen.Elements(string.Empty, "Device", "User", "TenantAdmin", "Network")
            from code in Gen.Elements(string.Empty, "CAA20002", "AADSTS53003")
            from user in Text()
            from extraCount in Gen.Choose(0, 2)
            from names in Gen.ArrayOf(Text(), extraCount)
            from values in Gen.ArrayOf(Text(), extraCount)
            select new SummaryLineItem(status, checkId, owner, code, user, names.Distinct().Zip(values,
                (n, v) => new KeyValuePair<string, string>(n, v)));

        /// <summary>Any line the constructor can make that the line form can carry whole (a detection names no restart or report folder).</summary>
        private static Gen<SummaryLine> Line() =>
            from repair in Gen.Elements(false, true)
            from computer in Text()
            from state in Gen.OneOf(Gen.Elements("Compliant", "NonCompliant", "Fixed", "NeedsAdmin+Restart"), Text())
            from exit in Gen.OneOf(Gen.Constant((int?)null), Gen.Choose(0, int.MaxValue).Select(n => (int?)n))
            from items in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Item(), n))
            from dropped in Gen.Choose(0, 5)
            from restart in Gen.Elements(false, true)
            from report in Text()
            from text in Text()
            select new SummaryLine(repair ? SummaryLine.RepairKind : SummaryLine.TestKind, computer, state, exit, items, dropped,
                repair && restart, repair ? report : string.Empty, text);

        private static Gen<TeamsCaa20002Finding[]> Findings() => Gen.Choose(0, 120).SelectMany(n => Gen.ArrayOf(
            from id in Gen.Elements(CheckIds.All.ToArray())
            from status in Gen.Elements(FindingStatus.Pass, FindingStatus.Warning, FindingStatus.Fail, FindingStatus.Skipped)
            from owner in Gen.Elements(FindingOwner.Device, FindingOwner.User, FindingOwner.TenantAdmin, FindingOwner.Network)
            from user in Text()
            from summary in Text()
            from code in Gen.Elements(string.Empty, "CAA20002", "CAA82EE7")
            select new TeamsCaa20002Finding
            {
                CheckId = id, Status = status, Owner = owner, User = user, Summary = summary, TopCode = code, ComputerName = "PC01",
            }, n));

        /// <summary>Every value a parsed line has, items as the grammar writes them (each field escaped, so two items differ exactly when
        /// this does).</summary>
        private static string Values(SummaryLine line) => string.Join("\n", new object?[]
        {
            line.Version, line.Kind, line.Computer, line.State, line.ExitCode?.ToString() ?? "null", line.Dropped, line.RestartNeeded,
            line.ReportPath, line.Text,
        }.Concat(line.Items.Select(i => (object)i.ToString())));

        [Fact]
        public void TheJsonOfAnyLineReadsIntoTheSameValuesAsTheLineItself()
        {
            Check.One(Runs, Prop.ForAll(Line().ToArbitrary(), line =>
            {
                var json = line.ToJson(SummaryLineJson.MaxLength);
                var fromJson = SummaryLine.Parse(json);
                var fromLine = SummaryLine.Parse(line.ToLine(int.MaxValue));

                Assert.Equal(line.Dropped, fromJson.Dropped);
                Assert.Equal(Values(fromLine), Values(fromJson));
                Assert.Equal(line.Items, fromJson.Items);
                Assert.Equal(json, fromJson.ToJson(SummaryLineJson.MaxLength));
            }));
        }

        [Fact]
        public void AnyDetectionsJsonAndLineWithinIntunesLengthReadIntoTheSameValuesUpToWhatEachHadRoomFor()
        {
            Check.One(Runs, Prop.ForAll(Findings().ToArbitrary(), findings =>
            {
                var all = SummaryLine.FromDiagnosis("PC01", findings);
                var fromLine = SummaryLine.Parse(all.ToLine());
                var fromJson = SummaryLine.Parse(all.ToJson());
                var fullText = all.Text.Replace("\r", " ").Replace("\n", " ");

                Assert.Equal((fromLine.Version, fromLine.Kind, fromLine.Computer, fromLine.State, fromLine.ExitCode),
                    (fromJson.Version, fromJson.Kind, fromJson.Computer, fromJson.State, fromJson.ExitCode));
                Assert.Equal((fromLine.RestartNeeded, fromLine.ReportPath), (fromJson.RestartNeeded, fromJson.ReportPath));
                // Each form keeps as many whole items as fit in 2,048 characters, in order, and counts the rest.
                Assert.Equal(all.Items.Count, fromJson.Items.Count + fromJson.Dropped);
                Assert.Equal(all.Items.Count, fromLine.Items.Count + fromLine.Dropped);
                Assert.Equal(all.Items.Take(fromJson.Items.Count), fromJson.Items);
                Assert.Equal(all.Items.Take(fromLine.Items.Count), fromLine.Items);
                foreach (var text in new[] { fromLine.Text, fromJson.Text })
                {
                    Assert.True(text == fullText || text.Length == 0
                        || (text.EndsWith("...") && fullText.StartsWith(text.Substring(0, text.Length - 3), StringComparison.Ordinal)),
                        "free text neither whole, left out nor cut: '" + text + "'");
                }

                if (fromLine.Dropped == 0 && fromJson.Dropped == 0 && fromLine.Text == fullText && fromJson.Text == fullText)
                {
                    Assert.Equal(Values(fromLine), Values(fromJson));
                }
            }));
        }

        [Fact]
        public void ARepairStepKeepsItsOwnStatusBesideTheItemsStatusInTheJson()
        {
            var line = new SummaryLine(SummaryLine.RepairKind, "PC01", "Fixed", 0, new[]
            {
                new SummaryLineItem(SummaryLineItem.Step, "Cache/CacheLight", string.Empty, string.Empty, @"CONTOSO\alice",
                    new[] { new KeyValuePair<string, string>("status", "Done") }),
            }, reportPath: @"C:\ProgramData\TeamsRemediation\Reports\r1", text: "Cache/CacheLight: Done");

            var json = line.ToJson();
            var back = SummaryLine.Parse(json);

            Assert.Contains("\"status\":\"Step\",\"checkId\":\"Cache/CacheLight\",\"owner\":\"\",\"code\":\"\",\"user\":\"CONTOSO\\\\alice\","
                + "\"extra\":{\"status\":\"Done\"}", json);
            var step = Assert.Single(back.Items);
            Assert.Equal((SummaryLineItem.Step, "Done"), (step.Status, step["status"]));
            Assert.Equal(@"C:\ProgramData\TeamsRemediation\Reports\r1", back.ReportPath);
        }

        [Fact]
        public void JsonAsPowerShellsConvertToJsonWouldIndentItIsReadToo()
        {
            var json = "{\r\n  \"schema\": \"TeamsRemediation.SummaryLine/1\",\r\n  \"kind\": \"Test\",\r\n  \"computer\": \"PC01\",\r\n"
                + "  \"state\": \"NonCompliant\",\r\n  \"exit\": 1,\r\n  \"dropped\": 0,\r\n  \"restart\": false,\r\n  \"report\": \"\",\r\n"
                + "  \"items\": [ { \"status\": \"Fail\", \"checkId\": \"Tls.WinHttp\", \"owner\": \"Device\", \"code\": \"\","
                + " \"user\": \"\" } ],\r\n"
                + "  \"text\": \"pass 3, skipped 0\"\r\n}";

            var line = SummaryLine.Parse(json);

            Assert.Equal("CAA20002/1 Test PC01 NonCompliant exit=1 dropped=0 | Fail Tls.WinHttp Device - - || pass 3, skipped 0", line.ToLine());
        }

        private const string Head =
            "{\"schema\":\"TeamsRemediation.SummaryLine/1\",\"kind\":\"Test\",\"computer\":\"PC01\",\"state\":\"NonCompliant\",";
        private const string Valid = Head + "\"exit\":1,\"dropped\":0,\"restart\":false,\"report\":\"\",\"items\":["
            + "{\"status\":\"Fail\",\"checkId\":\"Tls.WinHttp\",\"owner\":\"Device\",\"code\":\"\",\"user\":\"\"}],\"text\":\"pass 3\"}";

        public static IEnumerable<object[]> Hostile()
        {
            object[] Case(string name, string json, string why) => new object[] { name, json, why };
            string Item(string fields) => Head + "\"exit\":1,\"dropped\":0,\"restart\":false,\"report\":\"\",\"items\":[{" + fields
                + "}],\"text\":\"\"}";
            const string ItemFields = "\"status\":\"Fail\",\"checkId\":\"Tls.WinHttp\",\"owner\":\"Device\",\"code\":\"\",\"user\":\"\"";

            yield return Case("empty object", "{}", "has no schema, kind, computer, state, exit, dropped, restart, report, items, text");
            yield return Case("truncated after the brace", "{", "a string expected, found the end of the text");
            yield return Case("truncated inside a string", Valid.Substring(0, 60), "the end of the text inside a string that began at character");
            yield return Case("truncated before the closing brace", Valid.Substring(0, Valid.Length - 1), "found the end of the text");
            yield return Case("deep nesting in items", Head + "\"exit\":1,\"dropped\":0,\"restart\":false,\"report\":\"\",\"items\":"
                + new string('[', 60_000), "item 1 (an object) expected, found '['");
            yield return Case("deep nesting in an unknown field", "{" + string.Concat(Enumerable.Repeat("\"a\":{", 10_000)),
                "the field 'a', which the line does not have");
            yield return Case("deep nesting in extra", Item(ItemFields + ",\"extra\":{\"a\":{\"b\":{}}}"), "a string expected, found '{'");
            yield return Case("a huge number", Valid.Replace("\"dropped\":0", "\"dropped\":" + new string('9', 5000)),
                "the number of the field 'dropped' is outside the range of a 32-bit integer");
            yield return Case("one past int.MaxValue", Valid.Replace("\"exit\":1", "\"exit\":2147483648"), "outside the range of a 32-bit integer");
            yield return Case("an exponent", Valid.Replace("\"exit\":1", "\"exit\":1e3"), "whole number; found a fraction or an exponent");
            yield return Case("a fraction", Valid.Replace("\"exit\":1", "\"exit\":1.0"), "whole number; found a fraction or an exponent");
            yield return Case("a leading zero", Valid.Replace("\"exit\":1", "\"exit\":01"), "starts with a zero");
            yield return Case("a negative count", Valid.Replace("\"dropped\":0", "\"dropped\":-1"), "dropped is -1; a count of items left out is 0");
            yield return Case("a duplicate key", Valid.Replace("\"kind\":\"Test\"", "\"kind\":\"Test\",\"kind\":\"Repair\""),
                "the field 'kind' of the line a second time");
            yield return Case("a duplicate key in an item", Item(ItemFields + ",\"user\":\"x\""), "the field 'user' of item 1 a second time");
            yield return Case("a duplicate extra field", Item(ItemFields + ",\"extra\":{\"at\":\"1\",\"at\":\"2\"}"),
                "the extra field 'at' of item 1 a second time");
            yield return Case("an unknown field", Valid.Replace("\"exit\":1", "\"exit\":1,\"admin\":true"), "the field 'admin', which the line");
            yield return Case("an unknown field in an item", Item(ItemFields + ",\"severity\":\"high\""), "the field 'severity', which item 1");
            yield return Case("a missing item field", Item("\"status\":\"Fail\",\"checkId\":\"Tls.WinHttp\""), "item 1 has no owner, code, user");
            yield return Case("a string where a number is", Valid.Replace("\"exit\":1", "\"exit\":\"1\""),
                "the field 'exit' is a number; found '\"'");
            yield return Case("a number where a string is", Valid.Replace("\"computer\":\"PC01\"", "\"computer\":7"), "a string expected, found '7'");
            yield return Case("a string where a boolean is", Valid.Replace("\"restart\":false", "\"restart\":\"no\""), "is true or false");
            yield return Case("an object where the items are", Valid.Replace("\"items\":[", "\"items\":{\"a\":[").Replace("}],", "}]},"),
                "the items (an array) expected, found '{'");
            yield return Case("null where a string is", Valid.Replace("\"report\":\"\"", "\"report\":null"), "a string expected, found 'n'");
            yield return Case("a non-string extra value", Item(ItemFields + ",\"extra\":{\"at\":1}"), "a string expected, found '1'");
            yield return Case("another schema version", Valid.Replace("SummaryLine/1", "SummaryLine/2"), "is another version of the line");
            yield return Case("another schema", Valid.Replace("TeamsRemediation.SummaryLine/1", "Contoso.Line/1"), "is not 'TeamsRemediation");
            yield return Case("another kind", Valid.Replace("\"kind\":\"Test\"", "\"kind\":\"Audit\""), "kind 'Audit' is neither Test nor Repair");
            yield return Case("text after the line", Valid + " {}", "text after the line's closing brace");
            yield return Case("two lines in one", Valid + Valid, "text after the line's closing brace");
            yield return Case("a raw control character", Valid.Replace("pass 3", "pass\u00013"), "a control character (U+0001) inside a string");
            yield return Case("a raw line break", Valid.Replace("pass 3", "pass\n3"), "a control character (U+000A) inside a string");
            yield return Case("an unknown escape", Valid.Replace("pass 3", "pass\\x3"), "the escape \\x, which JSON does not have");
            yield return Case("a short \\u escape", Valid.Replace("pass 3", "pass\\u12"), "\\u not followed by four hexadecimal digits");
            yield return Case("a trailing comma", Valid.Replace("\"user\":\"\"}", "\"user\":\"\",}"), "a string expected, found '}'");
            yield return Case("single quotes", Valid.Replace("\"text\":\"pass 3\"", "'text':'pass 3'"), "a string expected, found '''");
            yield return Case("too long", Valid.Replace("pass 3", new string('x', SummaryLineJson.MaxLength)), "more than the 65,536 characters");
            yield return Case("an array, not an object", "[" + Valid + "]", "it starts neither with");
        }

        [Theory]
        [MemberData(nameof(Hostile))]
        public void JsonThatIsNotExactlyTheModulesIsAFormatErrorSayingWhatAndWhere(string name, string json, string why)
        {
            var error = Assert.Throws<FormatException>(() => SummaryLine.Parse(json));

            Assert.True(error.Message.Contains(why, StringComparison.Ordinal), name + ": " + error.Message);
            Assert.False(SummaryLine.TryParse(json, out _));
        }

        [Fact]
        public void TheValidLineTheHostileCasesAreMadeFromIsRead()
        {
            var line = SummaryLine.Parse(Valid);

            Assert.Equal("CAA20002/1 Test PC01 NonCompliant exit=1 dropped=0 | Fail Tls.WinHttp Device - - || pass 3", line.ToLine());
        }
    }
}
