using System;

namespace TeamsRemediation
{
    /// <summary>The outcome of one check. Pass: fine. Warning: worth knowing, not a cause by itself. Fail: a cause of sign-in errors. Skipped: not
    /// checked, SkipReason says why.</summary>
    public enum FindingStatus
    {
        Pass,
        Warning,
        Fail,
        Skipped,
    }

    /// <summary>
    /// One check of Test-TeamsCaa20002 on one computer, for one user or (User empty) for the whole machine.
    /// Flat on purpose: strings, a DateTime and string arrays survive Invoke-Command and Export-Clixml whole.
    /// </summary>
    public sealed class TeamsCaa20002Finding
    {
        /// <summary>Stable id such as Tls.WinHttp or Evidence.AadEvents; see about_TeamsRemediation for the list.</summary>
        public string CheckId { get; internal set; } = string.Empty;

        public FindingStatus Status { get; internal set; }

        /// <summary>One line: what was found.</summary>
        public string Summary { get; internal set; } = string.Empty;

        /// <summary>The facts behind the status: registry values with their type and view, probe results, log lines, event codes.</summary>
        public string[] Evidence { get; internal set; } = new string[0];

        /// <summary>The command that fixes it (Enable-Tls12, Clear-TeamsCache, Reset-TeamsWorkAccount with parameters) or the manual step; empty when
        /// nothing is to be done.</summary>
        public string Remedy { get; internal set; } = string.Empty;

        /// <summary>Who must act: Device (a repair on this PC), User, TenantAdmin or Network. A finding owned by the user or the admin never names a
        /// device remedy.</summary>
        public Codes.FindingOwner Owner { get; internal set; }

        /// <summary>Why the check did not run (Skipped only).</summary>
        public string SkipReason { get; internal set; } = string.Empty;

        /// <summary>DOMAIN\user for per-user checks; empty for machine-wide ones.</summary>
        public string User { get; internal set; } = string.Empty;

        public string UserSid { get; internal set; } = string.Empty;

        public string ComputerName { get; internal set; } = string.Empty;

        /// <summary>When the check ran (UTC).</summary>
        public DateTime Timestamp { get; internal set; }

        /// <summary>
        /// Evidence left out because a change of the module answered it after it was logged ("CAA20002 at 2026-12-07 09:12Z answered by
        /// Repair-TeamsCaa20002 Cache/CacheLight at 2026-12-07 11:04Z, report ..."); empty when nothing was.
        /// </summary>
        public string[] Answered { get; internal set; } = new string[0];

        /// <summary>The code the finding is about (the lead code of its evidence), for the one-line forms; empty when it names none.</summary>
        internal string TopCode { get; set; } = string.Empty;

        /// <summary>The same, as values, for the one-line forms (not kept through serialization: <see cref="Answered"/> is).</summary>
        internal System.Collections.Generic.IReadOnlyList<global::TeamsRemediation.Answers.AnsweredSighting> AnsweredSightings { get; set; } =
            new global::TeamsRemediation.Answers.AnsweredSighting[0];

        public override string ToString() => Status + " " + CheckId + (User.Length > 0 ? " " + User : string.Empty) + ": " + Summary;
    }
}
