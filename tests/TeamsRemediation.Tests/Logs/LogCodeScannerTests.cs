using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using TeamsRemediation.Logs;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Logs
{
    public sealed class LogCodeScannerTests
    {
        [Fact]
        public void CodesAreCountedPerCodeWithTheLastLineAsEvidence()
        {
            using var temp = new TempFolder();
            var classic = temp.Combine("logs.txt");
            File.WriteAllText(classic, "Tue Nov 24 2026 09:12:01 GMT+0000 <3412> -- info -- Starting Teams\r\n" +
                "Tue Nov 24 2026 09:12:03 GMT+0000 <3412> -- error -- ADAL error: 0xCAA20002 invalid_request AADSTS90014\r\n" +
                "Tue Nov 24 2026 09:13:03 GMT+0000 <3412> -- error -- ADAL error: caa20002 again\r\n" +
                "a line with aa and AADSTSx and CAA2 and caa2000g that are not codes\r\n");
            var modern = temp.Combine("MSTeams_2026-11-24_09-12-01.00.log");
            File.WriteAllText(modern, "2026-11-24T09:12:01.000Z Err TokenProvider: CAA82EE7 name not resolved\n");

            var result = new LogCodeScanner().Scan(new[] { classic, modern });

            Assert.Equal(2, result.FilesScanned);
            Assert.Equal(new[] { "AADSTS90014", "CAA20002", "CAA82EE7" }, result.Codes.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(2, result.Codes["CAA20002"].Count);
            Assert.Equal("Tue Nov 24 2026 09:13:03 GMT+0000 <3412> -- error -- ADAL error: caa20002 again", result.Codes["CAA20002"].LastLine);
            Assert.Equal("MSTeams_2026-11-24_09-12-01.00.log", result.Codes["CAA82EE7"].Source);
            Assert.Equal(3, result.MatchingLines);
        }

        [Fact]
        public void CodesOnLinesThatStraddleReadsAreFound()
        {
            // A 4 KB buffer and 1,000 lines: lines cross every read boundary at different offsets.
            var text = new StringBuilder();
            for (var i = 0; i < 1000; i++)
            {
                text.Append(new string('x', i % 97)).Append(" CAA20002 ").Append(i).Append('\n');
            }

            var result = new LogScanResult();
            new LogCodeScanner(4096).ScanStream(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "mem", result);

            Assert.Equal(1000, result.Codes["CAA20002"].Count);
            Assert.Equal(1000, result.MatchingLines);
        }

        /// <summary>
        /// Text made of the letters codes are made of, so pairs of a, near misses and codes fall at every offset of the
        /// scanner's eight-byte words and of its 4 KB reads: it counts exactly the lines a plain regular expression matches.
        /// </summary>
        [Fact]
        public void EveryLineWithACodeIsCountedWhereverThePairOfAFalls()
        {
            var reference = new Regex("[cC][aA][aA][0-9a-fA-F]{5}|AADSTS[0-9]", RegexOptions.CultureInvariant);
            var pieces = Gen.Elements("a", "A", "aa", "c", "C", "caa", "CAA", "2", "0", "f", "g", "x", " ", "AADSTS", "AADSTS5", "aaDSTS5",
                "\n", "\r\n", "CAA20002", "caa2000", "Caa70007");
            var texts = Gen.ListOf(Gen.ListOf(pieces)).Select(lists => string.Concat(lists.SelectMany(list => list)));
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(texts.ToArbitrary(), text =>
            {
                var result = new LogScanResult();
                new LogCodeScanner(4096).ScanStream(new MemoryStream(Encoding.ASCII.GetBytes(text)), "mem", result);
                var expected = text.Split('\n').Count(line => reference.IsMatch(line));
                return result.MatchingLines == expected && result.OverlongLines == 0;
            }));
        }

        [Fact]
        public void ATenMegabyteLineIsScannedInPiecesAndItsCodeFoundWithBoundedEvidence()
        {
            using var temp = new TempFolder();
            var path = temp.Combine("MSTeams_big.log");
            using (var writer = new StreamWriter(path))
            {
                writer.Write(new string('z', 10 * 1024 * 1024));
                writer.Write(" error CAA70007 in the middle of nowhere ");
                writer.Write(new string('z', 1024));
                writer.Write("\nnext line AADSTS50058\n");
            }

            var result = new LogCodeScanner().Scan(new[] { path });

            Assert.True(result.OverlongLines >= 10);
            Assert.Equal(1, result.Codes["CAA70007"].Count);
            Assert.True(result.Codes["CAA70007"].LastLine.Length <= LogCodeScanner.MaxEvidenceChars);
            Assert.Contains("CAA70007", result.Codes["CAA70007"].LastLine);
            Assert.Equal(1, result.Codes["AADSTS50058"].Count);
        }

        [Fact]
        public void BinaryGarbageIsScannedWithoutFailingAndEvidenceIsPrintable()
        {
            var random = new Random(20002);
            var bytes = new byte[3 * 1024 * 1024];
            random.NextBytes(bytes);
            var marker = Encoding.ASCII.GetBytes("\0\u0001CAA20002\u0007\u001b");
            Array.Copy(marker, 0, bytes, 2 * 1024 * 1024, marker.Length);

            var result = new LogScanResult();
            new LogCodeScanner().ScanStream(new MemoryStream(bytes), "garbage", result);

            Assert.Equal(bytes.Length, result.BytesScanned);
            var sighting = result.Codes["CAA20002"];
            Assert.DoesNotContain(sighting.LastLine, c => char.IsControl(c));
            Assert.True(sighting.LastLine.Length <= LogCodeScanner.MaxEvidenceChars);
        }

        [Fact]
        public void AnUnreadableOrMissingFileIsReportedAndTheOthersAreScanned()
        {
            using var temp = new TempFolder();
            var good = temp.Combine("logs.txt");
            File.WriteAllText(good, "CAA20003\n");

            var result = new LogCodeScanner().Scan(new[] { temp.Combine("gone.log"), good });

            Assert.Equal(1, result.FilesScanned);
            Assert.Contains(result.Errors, e => e.Contains("gone.log"));
            Assert.True(result.Codes.ContainsKey("CAA20003"));
        }
    }
}
