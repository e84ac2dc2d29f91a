using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Fleet;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>Tests that measure this process's heap: run alone, so no other test's allocations are counted as theirs.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class HeapMeasurements
    {
        public const string Name = "Heap measurements";
    }

    /// <summary>What a real export holds besides good rows: every bad row is one warning naming its record and line; the rest is read.</summary>
    [Collection(HeapMeasurements.Name)]
    public sealed class FleetReaderGarbageTests
    {
        private const string Good = "CAA20002 {0} NonCompliant: FAIL Tls.WinHttp: WinHTTP leaves TLS 1.2 out | pass 15, skipped 2";

        private static RunState Row(string device, string pre) => new RunState
        {
            DeviceName = device,
            Upn = device.ToLowerInvariant() + "@contoso.com",
            PreOutput = pre,
            Modified = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc),
        };

        private static (List<TeamsRemediationFleetRow> Rows, List<string> Warnings) Read(string path)
        {
            var warnings = new List<string>();
            var reader = new FleetReader(warnings.Add);
            var rows = reader.ReadFile(path, out var error)!.ToList();
            Assert.Null(error);
            return (rows, warnings);
        }

        [Fact]
        public void EveryKindOfGarbageIsOneWarningNamingItsRecordAndLineAndTheGoodRowsAreAllRead()
        {
            using var temp = new TempFolder();
            var states = new List<RunState>
            {
                Row("PC01", string.Format(Good, "PC01")),
                Row("PC02", string.Format(Good, "PC02").Substring(0, 15)),
                Row("PC03", "Teams is healthy (another team's detection script)"),
                Row(string.Empty, string.Empty),
                Row("PC05", "CAA20002 PC05 NonCompliant: FAIL Tls.WinHttp: \"" + new string('z', 10 * 1024 * 1024) + "\""),
                Row("PC06", "CAA20002 PC06 Compliant: pass 17, skipped 2"),
                Row("PC07", "CAA20002 PC07 NonCompliant: FAIL Account.Prt Ma\u00EFtre\\caf\u00E9: no PRT | pass 3, skipped 0"),
                Row("PC08", string.Format(Good, "PC08")),
            };
            var csv = IntuneExport.Csv(states);
            // PC07's row as a Windows-1252 editor saved it: its accented letters are single bytes, not UTF-8.
            var bytes = Encoding.UTF8.GetBytes(csv.Substring(0, csv.IndexOf("Ma\u00EFtre", StringComparison.Ordinal)))
                .Concat(Encoding.Latin1.GetBytes("Ma\u00EFtre\\caf\u00E9"))
                .Concat(Encoding.UTF8.GetBytes(csv.Substring(csv.IndexOf("Ma\u00EFtre", StringComparison.Ordinal) + 11))).ToArray();
            var path = temp.Combine("export.csv");
            File.WriteAllBytes(path, bytes);

            var (rows, warnings) = Read(path);

            Assert.Equal(new[] { "PC01", "PC06", "PC08" }, rows.Select(r => r.ComputerName).Distinct());
            Assert.Equal(5, warnings.Count);
            Assert.Contains(warnings, w => w.StartsWith("export.csv record 2 (line 3), pre-remediation detection output not read:")
                && w.Contains("has no ': ' after its head"));
            Assert.Contains(warnings, w => w.StartsWith("export.csv record 3 (line 4), pre-remediation detection output not read:")
                && w.Contains("not a line of TeamsRemediation"));
            Assert.Contains(warnings, w => w.StartsWith("export.csv record 4 (line 5) not read:") && w.Contains("names no device"));
            Assert.Contains(warnings, w => w.StartsWith("export.csv record 5 (line 6) not read:") && w.Contains("longer than 65,536 characters"));
            Assert.Contains(warnings, w => w.StartsWith("export.csv record 7 (line 8), pre-remediation detection output not read:")
                && w.Contains("not text in the file's encoding"));
            var pc01 = Assert.Single(rows, r => r.ComputerName == "PC01");
            Assert.Equal("export.csv record 1 (line 2), pre-remediation detection output", pc01.Source);
            Assert.Equal(CheckIds.TlsWinHttp, pc01.CheckId);
            Assert.Equal("pc01@contoso.com", pc01.User);
            Assert.Equal(new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc), pc01.Time);
        }

        [Fact]
        public void AFileOfLinesIsReadLineByLineWithItsOwnWarnings()
        {
            using var temp = new TempFolder();
            var path = temp.Combine("lines.txt");
            File.WriteAllText(path, string.Format(Good, "PC01") + "\n\nWARNING: something else\n" + string.Format(Good, "PC02") + "\n",
                new UnicodeEncoding(false, true));

            var (rows, warnings) = Read(path);

            Assert.Equal(new[] { "PC01", "PC02" }, rows.Select(r => r.ComputerName));
            Assert.Equal("lines.txt line 3 not read: it is not a line of TeamsRemediation (those start with 'CAA20002', or '{' for -As Json):"
                + " 'WARNING: something else'.", Assert.Single(warnings));
        }

        [Fact]
        public void AFileOfJsonLinesWarnsForEachDamagedOneAndReadsTheRest()
        {
            using var temp = new TempFolder();
            var path = temp.Combine("json.txt");
            var findings = new[] { FleetLineTests.Finding(CheckIds.TlsWinHttp, FindingStatus.Fail, "off") };
            var good = DiagnosisSummary.Json("PC01", findings);
            File.WriteAllText(path, good + "\n" + good.Substring(0, 90) + "\n" + good.Replace("\"dropped\":0", "\"dropped\":0,\"admin\":1") + "\n"
                + DiagnosisSummary.Json("PC04", findings) + "\n");

            var (rows, warnings) = Read(path);

            Assert.Equal(new[] { "PC01", "PC04" }, rows.Select(r => r.ComputerName));
            Assert.Equal(2, warnings.Count);
            Assert.StartsWith("json.txt line 2 not read: The JSON line is not the module's at character ", warnings[0]);
            Assert.StartsWith("json.txt line 3 not read: The JSON line is not the module's at character ", warnings[1]);
            Assert.Contains("the field 'admin', which the line does not have", warnings[1]);
        }

        [Fact]
        public void AFileOfOtherJsonIsNoFileOfLinesButOneErrorWithAStableId()
        {
            using var temp = new TempFolder();
            var path = temp.Combine("graph.json");
            File.WriteAllText(path, "{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata\",\"value\":[]}\n");

            var rows = new FleetReader(_ => { }).ReadFile(path, out var error);

            Assert.Null(rows);
            Assert.Equal("FleetFileUnrecognized", error!.Id);
        }

        [Fact]
        public void AFileThatIsNoExportIsOneErrorWithAStableId()
        {
            using var temp = new TempFolder();
            var path = temp.Combine("inventory.csv");
            File.WriteAllText(path, "Hostname,Serial\nPC01,123\n");

            var rows = new FleetReader(_ => { }).ReadFile(path, out var error);

            Assert.Null(rows);
            Assert.Equal("FleetFileUnrecognized", error!.Id);
            Assert.Contains("Hostname, Serial", error.Message);
        }

        /// <summary>A million-row export, made up as it is read: the reader must not keep what it has passed.</summary>
        private sealed class GeneratedExport : TextReader
        {
            private readonly int rows;
            private readonly Action<int> atRow;
            private string current = "DeviceName,UPN,PreRemediationDetectionScriptOutput,ModifiedTime\r\n";
            private int position;
            private int row;

            public GeneratedExport(int rows, Action<int> atRow)
            {
                this.rows = rows;
                this.atRow = atRow;
            }

            public override int Peek() => Fill() ? current[position] : -1;

            public override int Read() => Fill() ? current[position++] : -1;

            private bool Fill()
            {
                if (position < current.Length)
                {
                    return true;
                }

                if (row == rows)
                {
                    return false;
                }

                row++;
                atRow(row);
                current = "PC" + row + ",user" + row + "@contoso.com,\"CAA20002 PC" + row
                    + " NonCompliant: FAIL Evidence.AadEvents CONTOSO\\user" + row
                        + ": 1 Teams token error(s), CAA20002 | pass 15, skipped 1\",1/1/2026\r\n";
                position = 0;
                return true;
            }
        }

        [Fact]
        public void AMillionRowsStreamThroughTheReaderInFlatMemory()
        {
            const int Rows = 1_000_000;
            var samples = new Dictionary<int, long>();
            var export = new GeneratedExport(Rows, row =>
            {
                if (row == 10_000 || row == Rows)
                {
                    samples[row] = GC.GetTotalMemory(forceFullCollection: true);
                }
            });
            long read = 0;
            var warnings = 0;
            WeakReference? early = null;

            foreach (var row in new FleetReader(_ => warnings++).ReadText(export, "generated.csv", "generated.csv", out _)!)
            {
                read++;
                if (read == 10_000)
                {
                    early = new WeakReference(row);
                }
            }

            Assert.Equal(Rows, read);
            // Nothing holds a row once it has been handed on.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.False(early!.IsAlive, "Row 10,000 is still referenced after the export was read.");
            Assert.Equal(0, warnings);
            var growth = samples[Rows] - samples[10_000];
            Assert.True(growth < 4L << 20, "The heap grew by " + (growth >> 10) + " KB between row 10,000 and row 1,000,000.");
        }
    }
}
