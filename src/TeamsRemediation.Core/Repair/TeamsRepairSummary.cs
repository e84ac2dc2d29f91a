namespace TeamsRemediation
{
    /// <summary>
    /// How a repair ended, for the whole PC. The shipped scripts turn it into an exit code (see <see cref="TeamsRepairSummary.ExitCode"/>).
    /// </summary>
    public enum RepairOutcome
    {
        /// <summary>Something failed before and every check of it passes now. Exit code 0.</summary>
        Fixed,

        /// <summary>Nothing failed: nothing was changed. Exit code 0.</summary>
        NothingToFix,

        /// <summary>Fewer problems than before, some left that the PC could fix. Exit code 1.</summary>
        Improved,

        /// <summary>The problems the PC could fix are still there. Exit code 1.</summary>
        NotFixed,

        /// <summary>A repair was made that Windows reads only at startup (TLS, the broker's accounts): restart, check again. Exit code 2.</summary>
        NeedsReboot,

        /// <summary>What is left is the tenant admin's (or the PC's manager's) to fix: see the admin pack. Exit code 3.</summary>
        NeedsAdmin,

        /// <summary>What is left is the user's to do (sign in, MFA, password). Exit code 3: the admin tells the user.</summary>
        NeedsUser,

        /// <summary>-WhatIf: the plan was listed, nothing changed. Exit code 1 (the problems are still there).</summary>
        WhatIf,
    }

    /// <summary>The last object of Repair-TeamsCaa20002: the outcome for the PC, its exit code, and where the details are.</summary>
    public sealed class TeamsRepairSummary
    {
        public string ComputerName { get; internal set; } = string.Empty;

        public RepairOutcome Outcome { get; internal set; }

        /// <summary>The exit code the shipped scripts end with: 0 fixed or nothing to fix, 1 not fixed, 2 needs reboot, 3 needs the admin.</summary>
        public int ExitCode { get; internal set; }

        /// <summary>"Status CheckId user: summary" of each problem found before the repair.</summary>
        public string[] ProblemsBefore { get; internal set; } = new string[0];

        /// <summary>The same for what is still a problem after it.</summary>
        public string[] ProblemsAfter { get; internal set; } = new string[0];

        /// <summary>"Rung/Step user: Status" of each step, in order.</summary>
        public string[] Steps { get; internal set; } = new string[0];

        /// <summary>Every journal of this run, for Undo-TeamsRemediation -Journal.</summary>
        public string[] JournalPaths { get; internal set; } = new string[0];

        /// <summary>The report folder of this run (evidence, admin pack); empty when none was written.</summary>
        public string ReportPath { get; internal set; } = string.Empty;

        /// <summary>
        /// Windows must restart before a repair of this run takes effect. Also true beside another outcome (a restart and the admin's work):
        /// then the exit code is that outcome's, and the line's state says both ("NeedsAdmin+Restart").
        /// </summary>
        public bool RebootRequired { get; internal set; }

        /// <summary>What is left and the steps, for the one-line forms (not kept through serialization).</summary>
        internal System.Collections.Generic.IReadOnlyList<Lines.SummaryLineItem> LineItems { get; set; } = new Lines.SummaryLineItem[0];

        public override string ToString() => "Repair " + ComputerName + ": " + Outcome + " (exit " + ExitCode + ")";
    }
}
