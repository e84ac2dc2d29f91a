using System;

namespace TeamsRemediation.Logs
{
    /// <summary>
    /// The timestamp a Teams log line starts with, read from the raw bytes: new Teams and collected WebLogs write
    /// ISO 8601 ("2026-11-24T09:12:01.123456+01:00", "2026-11-24T09:12:01.000Z"; no offset means UTC, as in
    /// WebLogs), classic Teams writes JavaScript's Date text ("Tue Nov 24 2026 09:12:01 GMT+0100 (...)").
    /// </summary>
    internal static class LogLineTimestamp
    {
        private static readonly string[] Months = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };

        /// <summary>True when the bytes from <paramref name="start"/> (a line start) begin with a timestamp in either format.</summary>
        public static bool TryParse(byte[] b, int start, int end, out DateTime utc)
        {
            utc = default;
            var limit = Math.Min(end, start + 64);
            if (limit - start < 19)
            {
                return false;
            }

            return IsDigit(b[start]) ? TryIso(b, start, limit, out utc) : TryJavaScript(b, start, limit, out utc);
        }

        private static bool TryIso(byte[] b, int p, int limit, out DateTime utc)
        {
            utc = default;
            if (!Number(b, p, 4, out var year) || b[p + 4] != '-' || !Number(b, p + 5, 2, out var month) || b[p + 7] != '-' || !Number(b, p + 8, 2,
                out var day)
                || (b[p + 10] != 'T' && b[p + 10] != ' ') || !Clock(b, p + 11, out var time))
            {
                return false;
            }

            var i = p + 19;
            long fractionTicks = 0;
            if (i < limit && (b[i] == '.' || b[i] == ','))
            {
                var scale = TimeSpan.TicksPerSecond / 10;
                i++;
                while (i < limit && IsDigit(b[i]))
                {
                    fractionTicks += (b[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }
            }

            var offset = TimeSpan.Zero;
            if (i < limit && (b[i] == '+' || b[i] == '-'))
            {
                var colon = i + 3 < limit && b[i + 3] == ':' ? 1 : 0;
                if (!Number(b, i + 1, 2, out var hours, limit) || !Number(b, i + 3 + colon, 2, out var minutes, limit) || hours > 14 || minutes > 59)
                {
                    return false;
                }

                offset = new TimeSpan(hours, minutes, 0);
                offset = b[i] == '-' ? offset.Negate() : offset;
            }

            return Compose(year, month, day, time, fractionTicks, offset, out utc);
        }

        private static bool TryJavaScript(byte[] b, int p, int limit, out DateTime utc)
        {
            // "Tue Nov 24 2026 09:12:01 GMT+0100": weekday, month, day, year, time, offset.
            utc = default;
            if (limit - p < 33 || !IsLetter(b[p]) || !IsLetter(b[p + 1]) || !IsLetter(b[p + 2]) || b[p + 3] != ' ' || b[p + 7] != ' ' || b[p
                + 10] != ' ' || b[p + 15] != ' ')
            {
                return false;
            }

            var month = Array.IndexOf(Months, new string(new[] { (char)(b[p + 4] | 0x20), (char)(b[p + 5] | 0x20), (char)(b[p + 6] | 0x20) })) + 1;
            if (month == 0 || !Number(b, p + 8, 2, out var day) || !Number(b, p + 11, 4, out var year) || !Clock(b, p + 16, out var time)
                || b[p + 24] != ' ' || b[p + 25] != 'G' || b[p + 26] != 'M' || b[p + 27] != 'T' || (b[p + 28] != '+' && b[p + 28] != '-')
                || !Number(b, p + 29, 2, out var hours) || !Number(b, p + 31, 2, out var minutes) || hours > 14 || minutes > 59)
            {
                return false;
            }

            var offset = new TimeSpan(hours, minutes, 0);
            return Compose(year, month, day, time, 0, b[p + 28] == '-' ? offset.Negate() : offset, out utc);
        }

        private static bool Compose(int year, int month, int day, TimeSpan time, long fractionTicks, TimeSpan offset, out DateTime utc)
        {
            utc = default;
            if (year < 2 || year > 9998 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            utc = DateTime.SpecifyKind(new DateTime(year, month, day).Add(time).AddTicks(fractionTicks) - offset, DateTimeKind.Utc);
            return true;
        }

        private static bool Clock(byte[] b, int p, out TimeSpan time)
        {
            time = default;
            if (!Number(b, p, 2, out var h) || b[p + 2] != ':' || !Number(b, p + 3, 2, out var m) || b[p + 5] != ':' || !Number(b, p + 6, 2,
                out var s) || h > 23 || m > 59 || s > 59)
            {
                return false;
            }

            time = new TimeSpan(h, m, s);
            return true;
        }

        private static bool Number(byte[] b, int p, int digits, out int value, int limit = int.MaxValue)
        {
            value = 0;
            if (p + digits > Math.Min(limit, b.Length))
            {
                return false;
            }

            for (var k = p; k < p + digits; k++)
            {
                if (!IsDigit(b[k]))
                {
                    return false;
                }

                value = value * 10 + (b[k] - '0');
            }

            return true;
        }

        private static bool IsDigit(byte c) => c >= '0' && c <= '9';

        private static bool IsLetter(byte c) => (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
}
