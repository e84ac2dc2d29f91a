using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TeamsRemediation.Logs;
using Xunit;

namespace TeamsRemediation.Tests.Logs
{
    /// <summary>-Since applies to each log line's own time, in both Teams log formats.</summary>
    public sealed class LogLineTimeTests
    {
        private static readonly DateTime Cutoff = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

        private static LogScanResult Scan(string text, int bufferBytes = 4096)
        {
            var result = new LogScanResult();
            new LogCodeScanner(bufferBytes).ScanStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.log", result, Cutoff);
            return result;
        }

        [Theory]
        [InlineData("2026-11-03T09:12:01.123456+01:00 0x00001234 <ERR> CAA20002\n", 0)]
        [InlineData("2026-11-24T09:12:01.000Z Err CAA20002\n", 1)]
        [InlineData("2026-11-19T23:30:00-01:00 Err CAA20002\n", 1)]
        [InlineData("2026-11-20T00:30:00+01:00 Err CAA20002\n", 0)]
        [InlineData("2026-11-19 23:59:59 Err CAA20002\n", 0)]
        [InlineData("Tue Nov 03 2026 09:12:01 GMT+0100 (Central European Standard Time) <3412> -- error -- CAA20002\n", 0)]
        [InlineData("Tue Nov 24 2026 09:12:01 GMT+0000 <3412> -- error -- CAA20002\n", 1)]
        [InlineData("Thu Nov 19 2026 20:00:00 GMT-0500 <3412> -- error -- CAA20002\n", 1)]
        public void EachLineCountsByItsOwnTimestampInBothFormats(string line, int counted)
        {
            var result = Scan(line);

            Assert.Equal(counted, result.Codes.TryGetValue("CAA20002", out var s) ? s.Count : 0);
            Assert.Equal(1 - counted, result.OlderLines);
        }

        [Fact]
        public void ALineWithoutATimestampHasTheTimeOfTheLastLineThatHadOne()
        {
            var text = "Tue Nov 03 2026 09:12:01 GMT+0000 <1> -- error -- token failed\n" +
                "    at stack frame CAA20002 (old)\n" +
                "Tue Nov 24 2026 09:12:01 GMT+0000 <1> -- info -- started\n" +
                "    continuation CAA82EE7 (new)\n";

            var result = Scan(text);

            Assert.Equal(new[] { "CAA82EE7" }, result.Codes.Keys);
            Assert.Equal(1, result.OlderLines);
        }

        [Fact]
        public void LinesBeforeAnyTimestampCount()
        {
            var result = Scan("no time here CAA20002\n2026-11-03T00:00:00Z old CAA70007\n");

            Assert.Equal(new[] { "CAA20002" }, result.Codes.Keys);
            Assert.Equal(1, result.OlderLines);
        }

        [Fact]
        public void WithoutACutoffEveryLineCounts()
        {
            var result = new LogScanResult();
            new LogCodeScanner().ScanStream(new MemoryStream(Encoding.UTF8.GetBytes("2020-01-01T00:00:00Z CAA20002\n")), "old.log", result);

            Assert.Equal(1, result.Codes["CAA20002"].Count);
            Assert.Equal(0, result.OlderLines);
        }

        /// <summary>Thousands of old and new lines, untimed continuation lines between them, split across small reads at every offset.</summary>
        [Fact]
        public void TheTimeOfEveryLineSurvivesReadBoundariesInBothFormats()
        {
            var entries = from minutesFromCutoff in Gen.Choose(-60 * 24 * 30, 60 * 24 * 7)
                          from classic in Gen.Elements(true, false)
                          from continuation in Gen.Elements(true, false)
                          from padding in Gen.Choose(0, 300)
                          select (Minutes: minutesFromCutoff, Classic: classic, Continuation: continuation, Padding: padding);
            var logs = Gen.NonEmptyListOf(entries);
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(logs.ToArbitrary(), list =>
            {
                var text = new StringBuilder();
                long expectedNew = 0, expectedOld = 0;
                foreach (var e in list)
                {
                    var time = Cutoff.AddMinutes(e.Minutes).AddSeconds(e.Minutes == 0 ? 0 : 1);
                    text.Append(e.Classic
                        ? time.ToString("ddd MMM dd yyyy HH:mm:ss 'GMT+0000'", CultureInfo.InvariantCulture) + " <1> -- info -- "
                        : time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) + " 0x0001 <INFO> ");
                    text.Append(new string('x', e.Padding));
                    text.Append(e.Continuation ? "\n   at frame " : " ").Append("CAA20002\n");
                    if (time < Cutoff)
                    {
                        expectedOld++;
                    }
                    else
                    {
                        expectedNew++;
                    }
                }

                var result = Scan(text.ToString(), 4096);
                var counted = result.Codes.TryGetValue("CAA20002", out var s) ? s.Count : 0;
                return counted == expectedNew && result.OlderLines == expectedOld;
            }));
        }
    }
}
