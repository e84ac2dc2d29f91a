using System;

namespace TeamsRemediation.Fleet
{
    /// <summary>One device's row of a fleet report, by field: a CSV record, a Graph device run state, a ConfigMgr compliance row.</summary>
    public sealed class FleetRecord
    {
        private static readonly int FieldCount = Enum.GetValues(typeof(FleetField)).Length;
        private readonly string?[] values = new string?[FieldCount];

        public FleetRecord(string source)
        {
            Where = source;
        }

        internal FleetRecord(FleetSource source)
        {
            Where = source;
        }

        /// <summary>Where the record is: "export.csv record 17 (line 40)", "pipeline item 3".</summary>
        public string Source => Where.ToString();

        /// <summary>The same, put into words only when read.</summary>
        internal FleetSource Where { get; }

        /// <summary>The field's text, empty when the record has none.</summary>
        public string this[FleetField field] => values[(int)field] ?? string.Empty;

        /// <summary>Sets a field once: the first column or property of that name wins, as a reader of the report would read it.</summary>
        public void Set(FleetField field, string? value)
        {
            if (values[(int)field] == null && value != null)
            {
                values[(int)field] = value;
            }
        }

        public bool Has(FleetField field) => values[(int)field] != null;

        /// <summary>True when the record holds a script's output, error or state: what makes it a run state rather than any other row.</summary>
        public bool HasRunFields => Has(FleetField.PreOutput) || Has(FleetField.PostOutput) || Has(FleetField.DiscoveredValue)
            || Has(FleetField.PreError) || Has(FleetField.RemediationError) || Has(FleetField.DetectionState) || Has(FleetField.RemediationState);
    }
}
