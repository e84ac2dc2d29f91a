using System.Globalization;

namespace TeamsRemediation.Fleet
{
    /// <summary>
    /// Where a row or a warning came from ("export.csv record 17 (line 40), pre-remediation detection output"), put into words only when
    /// someone reads it: a 100,000-device export gives a source per record and per output cell, and a summary of it reads none of them.
    /// </summary>
    internal sealed class FleetSource
    {
        private readonly FleetSource? parent;
        private readonly string name;
        private readonly string unit;
        private readonly long number;
        private readonly long line;
        private string? text;

        private FleetSource(FleetSource? parent, string name, string unit, long number, long line, string? text)
        {
            this.parent = parent;
            this.name = name;
            this.unit = unit;
            this.number = number;
            this.line = line;
            this.text = text;
        }

        /// <summary>A source already in words ("pipeline item 3").</summary>
        public static implicit operator FleetSource(string text) => new FleetSource(null, text, string.Empty, 0, 0, text);

        /// <summary>"export.csv record 17 (line 40)": a record of a CSV file and the line it starts on.</summary>
        public static FleetSource Record(string file, long number, long line) => new FleetSource(null, file, "record", number, line, null);

        /// <summary>"lines.txt line 3": a line of a file of lines.</summary>
        public static FleetSource Line(string file, long number) => new FleetSource(null, file, "line", number, -1, null);

        /// <summary>This source, then ", " and which part of it ("pre-remediation detection output").</summary>
        public FleetSource With(string part) => new FleetSource(this, part, string.Empty, 0, 0, null);

        public override string ToString()
        {
            if (text == null)
            {
                text = parent != null ? parent + ", " + name
                    : name + " " + unit + " " + number.ToString(CultureInfo.InvariantCulture)
                        + (line >= 0 ? " (line " + line.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty);
            }

            return text;
        }
    }
}
