namespace TeamsRemediation.Repair.Ports
{
    /// <summary>What one repair service reports back to the ladder: its status, in words, and where its changes are recorded.</summary>
    public sealed class RungOutcome
    {
        public RungOutcome(RepairStepStatus status, string detail, string journalPath = "", bool rebootRequired = false, string reportPath = "",
            string cost = "", AdminPack? adminPack = null)
        {
            AdminPack = adminPack;
            Cost = cost ?? string.Empty;
            Status = status;
            Detail = detail;
            JournalPath = journalPath ?? string.Empty;
            RebootRequired = rebootRequired;
            ReportPath = reportPath ?? string.Empty;
        }

        /// <summary>A step that failed for a module error: its message and what to do about it.</summary>
        public static RungOutcome Failed(Errors.ModuleError error) =>
            new RungOutcome(RepairStepStatus.Failed, error.Message + " " + error.RecommendedAction);

        public RepairStepStatus Status { get; }

        public string Detail { get; }

        public string JournalPath { get; }

        public bool RebootRequired { get; }

        public string ReportPath { get; }

        /// <summary>The pack the admin-pack service wrote, handed to the caller as an object beside its text file.</summary>
        public AdminPack? AdminPack { get; }

        /// <summary>What the action costs the people on the PC, when the service words it itself.</summary>
        public string Cost { get; }
    }
}
