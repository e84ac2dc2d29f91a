using System;
using System.Globalization;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>A period of time in words for an admin: "less than a second", "59 seconds", "1 hour", "25 hours", "3 days".</summary>
    internal static class TimeInWords
    {
        /// <summary>
        /// Whole seconds, then whole minutes below an hour, hours to a tenth below two days, days to a tenth from there. Always cut,
        /// never rounded up, so "the last 24 hours" never claims a longer window than was read; a negative period reads as zero.
        /// </summary>
        public static string Of(TimeSpan time)
        {
            if (time.Ticks < TimeSpan.TicksPerSecond)
            {
                return "less than a second";
            }

            if (time.Ticks < TimeSpan.TicksPerMinute)
            {
                return Count(time.Ticks / TimeSpan.TicksPerSecond * 10, "second");
            }

            if (time.Ticks < TimeSpan.TicksPerHour)
            {
                return Count(time.Ticks / TimeSpan.TicksPerMinute * 10, "minute");
            }

            return time.Ticks < 2 * TimeSpan.TicksPerDay
                ? Count(time.Ticks / (TimeSpan.TicksPerHour / 10), "hour")
                : Count(time.Ticks / (TimeSpan.TicksPerDay / 10), "day");
        }

        /// <summary>
        /// "the last 7 days", "the last hour", "the last 2 seconds"; a window under a second (evidence read again right after a
        /// repair) is "the last second", never "the last 0 hours".
        /// </summary>
        public static string Last(TimeSpan window)
        {
            var words = Of(window);
            return window.Ticks < TimeSpan.TicksPerSecond ? "the last second"
                : "the last " + (words.StartsWith("1 ", StringComparison.Ordinal) ? words.Substring(2) : words);
        }

        private static string Count(long tenths, string unit) =>
            (tenths / 10.0).ToString("0.#", CultureInfo.InvariantCulture) + " " + unit + (tenths == 10 ? string.Empty : "s");
    }
}
