using System;
using TeamsRemediation.Diagnostics;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>Periods and clock skews as an admin reads them: no "0 hour(s)", no direction for a skew that rounds to nothing.</summary>
    public sealed class TimeInWordsTests
    {
        [Theory]
        [InlineData(0L, "less than a second")]
        [InlineData(-5 * TimeSpan.TicksPerSecond, "less than a second")]
        [InlineData(TimeSpan.TicksPerSecond - 1, "less than a second")]
        [InlineData(TimeSpan.TicksPerSecond, "1 second")]
        [InlineData(59 * TimeSpan.TicksPerSecond + 999 * TimeSpan.TicksPerMillisecond, "59 seconds")]
        [InlineData(TimeSpan.TicksPerMinute, "1 minute")]
        [InlineData(59 * TimeSpan.TicksPerMinute + 59 * TimeSpan.TicksPerSecond, "59 minutes")]
        [InlineData(TimeSpan.TicksPerHour, "1 hour")]
        [InlineData(TimeSpan.TicksPerHour + 30 * TimeSpan.TicksPerMinute, "1.5 hours")]
        [InlineData(TimeSpan.TicksPerDay, "24 hours")]
        [InlineData(25 * TimeSpan.TicksPerHour, "25 hours")]
        [InlineData(2 * TimeSpan.TicksPerDay - 1, "47.9 hours")]
        [InlineData(2 * TimeSpan.TicksPerDay, "2 days")]
        [InlineData(3 * TimeSpan.TicksPerDay, "3 days")]
        [InlineData(7 * TimeSpan.TicksPerDay, "7 days")]
        [InlineData(3 * TimeSpan.TicksPerDay + 12 * TimeSpan.TicksPerHour, "3.5 days")]
        public void APeriodReadsInWholeUnitsOrTenthsCutNeverRoundedUp(long ticks, string expected)
        {
            Assert.Equal(expected, TimeInWords.Of(new TimeSpan(ticks)));
        }

        [Theory]
        [InlineData(0L, "the last second")]
        [InlineData(TimeSpan.TicksPerSecond + 999 * TimeSpan.TicksPerMillisecond, "the last second")]
        [InlineData(2 * TimeSpan.TicksPerSecond, "the last 2 seconds")]
        [InlineData(TimeSpan.TicksPerHour, "the last hour")]
        [InlineData(25 * TimeSpan.TicksPerHour, "the last 25 hours")]
        [InlineData(7 * TimeSpan.TicksPerDay, "the last 7 days")]
        public void AWindowEndingNowReadsAsTheLastPeriodAndNeverAsZero(long ticks, string expected)
        {
            Assert.Equal(expected, TimeInWords.Last(new TimeSpan(ticks)));
        }

        [Theory]
        [InlineData(0, "within 1 s of the sign-in service")]
        [InlineData(400, "within 1 s of the sign-in service")]
        [InlineData(-999, "within 1 s of the sign-in service")]
        [InlineData(1000, "1 s ahead of the sign-in service")]
        [InlineData(-59_000, "59 s behind the sign-in service")]
        [InlineData(200_000, "3 min 20 s ahead of the sign-in service")]
        [InlineData(-2_520_000, "42 min 0 s behind the sign-in service")]
        [InlineData(7_500_000, "2 h 5 min ahead of the sign-in service")]
        public void ASkewUnderASecondClaimsNoDirection(int milliseconds, string expected)
        {
            Assert.Equal(expected, EndpointProbeChecks.SkewInWords(TimeSpan.FromMilliseconds(milliseconds)));
        }
    }
}
