using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Fleet;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>The CSV records of an export: quoting, line breaks inside cells, a runaway cell, and the file's encoding.</summary>
    public sealed class CsvRecordReaderTests
    {
        private static CsvRecord[] ReadAll(CsvRecordReader reader)
        {
            var all = new System.Collections.Generic.List<CsvRecord>();
            CsvRecord? record;
            while ((record = reader.Read()) != null)
            {
                all.Add(record);
            }

            return all.ToArray();
        }

        [Fact]
        public void QuotedCellsKeepDelimitersDoubledQuotesAndLineBreaksAndRecordsKnowTheLineTheyStartOn()
        {
            var text = "Name,Output\r\nPC01,\"a, b \"\"quoted\"\"\"\r\nPC02,\"first line\r\nsecond line\nthird\"\r\n\r\nPC03,plain\nPC04,\"\"";

            var records = ReadAll(new CsvRecordReader(new StringReader(text)));

            Assert.Equal(new[] { "Name", "Output" }, records[0].Cells);
            Assert.Equal(new[] { "PC01", "a, b \"quoted\"" }, records[1].Cells);
            Assert.Equal(new[] { "PC02", "first line\r\nsecond line\nthird" }, records[2].Cells);
            Assert.Equal(new[] { "PC03", "plain" }, records[3].Cells);
            Assert.Equal(new[] { "PC04", string.Empty }, records[4].Cells);
            Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, records.Select(r => r.Number));
            Assert.Equal(new long[] { 1, 2, 3, 7, 8 }, records.Select(r => r.Line));
            Assert.All(records, r => Assert.Equal(string.Empty, r.Problem));
        }

        [Fact]
        public void ACellOfTenMegabytesIsSkippedNotKeptAndTheNextRecordIsReadWhole()
        {
            var huge = new string('x', 10 * 1024 * 1024);
            var text = "PC01,\"" + huge + "\"\r\nPC02,\"fine\"\r\nPC03," + huge + "\r\nPC04,last";

            var records = ReadAll(new CsvRecordReader(new StringReader(text)));

            Assert.Equal(4, records.Length);
            Assert.Contains("cell 2 is longer than 65,536 characters", records[0].Problem);
            Assert.Equal(string.Empty, records[0].Cells[1]);
            Assert.Equal(new[] { "PC02", "fine" }, records[1].Cells);
            Assert.Contains("cell 2 is longer", records[2].Problem);
            Assert.Equal(new[] { "PC04", "last" }, records[3].Cells);
        }

        [Fact]
        public void AQuoteLeftOpenAtTheEndIsTheLastRecordsProblemNotAnException()
        {
            var records = ReadAll(new CsvRecordReader(new StringReader("PC01,ok\nPC02,\"never closed\nmore")));

            Assert.Equal(string.Empty, records[0].Problem);
            Assert.Contains("a quoted cell opened on line 2 is not closed", records[1].Problem);
        }

        [Theory]
        [InlineData(";", ';')]
        [InlineData("\t", '\t')]
        [InlineData(",", ',')]
        public void TheDelimiterIsTheHeadersOwn(string delimiter, char expected) =>
            Assert.Equal(expected, CsvRecordReader.DelimiterOf("DeviceName" + delimiter + "PreRemediationDetectionScriptOutput"));

        [Theory]
        [InlineData("utf-8-bom")]
        [InlineData("utf-8")]
        [InlineData("utf-16le-bom")]
        [InlineData("utf-16le")]
        [InlineData("utf-16be-bom")]
        public void EveryEncodingAnExportComesInReadsTheSameText(string kind)
        {
            using var temp = new TempFolder();
            var text = "DeviceName,Output\r\nPC-Zürich,\"CAA20002 PC-Zürich Compliant: pass 17, skipped 2\"\r\n";
            var encoding = kind.StartsWith("utf-8") ? new UTF8Encoding(kind.EndsWith("-bom"))
                : (Encoding)new UnicodeEncoding(kind.StartsWith("utf-16be"), kind.EndsWith("-bom"));
            var path = IntuneExport.Write(temp.Combine(kind + ".csv"), text, encoding);

            using var reader = FleetTextFile.Open(path);

            Assert.Equal(text, reader.ReadToEnd());
        }
    }
}
