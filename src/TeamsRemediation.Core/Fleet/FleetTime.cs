using System;
using System.Globalization;

namespace TeamsRemediation.Fleet
{
    /// <summary>The time of a report row, in UTC: ISO 8601 (Graph), or the invariant "M/d/yyyy h:mm:ss tt" of an export; without a zone,
    /// UTC.</summary>
    public static class FleetTime
    {
        public static DateTime? Parse(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                return null;
            }

            return DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                out var time) ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : (DateTime?)null;
        }

        /// <summary>The round-trip text of a time a PowerShell object carries (DateTime or DateTimeOffset), for <see cref="Parse"/>.</summary>
        public static string Format(DateTime time) =>
            (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString("o",
                CultureInfo.InvariantCulture);
    }
}
