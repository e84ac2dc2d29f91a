namespace TeamsRemediation.Repair.Ports
{
    /// <summary>What one repair service reports back to the ladder: its status, in words, and where its changes are recorded.</summary>
    public sealed class RungOutcome
    {
        public RungOutcome(RepairStepStatus status, string detail, string journalPath = "", bool rebootRequired = false, string reportPath = "",
            string cost = "")
        {
            Cost = cost ?? string.Empty;
            Status = status;
            Detail = detail;
            JournalPath = journalPath ?? string.Empty;
            RebootRequired = rebootRequired;
            ReportPath = reportPath ?? string.Empty;
        }

        public RepairStepStatus Status { get; }

        public string Detail { get; }

        public string JournalPath { get; }

        public bool RebootRequired { get; }

        public string ReportPath { get; }

        /// <summary>What the action costs the people on the PC, when the service words it itself.</summary>
        public string Cost { get; }
    }
}
