using System;

namespace TeamsRemediation
{
    /// <summary>Which run of Intune's cycle a row reports: the detection before the remediation, the remediation, the detection after it.</summary>
    public enum FleetPhase
    {
        /// <summary>The detection before any remediation (Intune's pre-remediation detection, ConfigMgr's discovery, Test-TeamsCaa20002).</summary>
        Pre,

        /// <summary>Intune's post-remediation detection, or what Repair-TeamsCaa20002 found still wrong after its steps.</summary>
        Post,

        /// <summary>The remediation itself: its outcome, exit code and error.</summary>
        Remediation,
    }

    /// <summary>
    /// One device and one finding (or, when a run names no finding, its outcome alone) read back from a fleet report by
    /// ConvertFrom-TeamsRemediationOutput. Flat like every result of the module, so it survives Export-Csv and Invoke-Command.
    /// </summary>
    public sealed class TeamsRemediationFleetRow
    {
        public string ComputerName { get; internal set; } = string.Empty;

        /// <summary>The user the finding is about (DOMAIN\user) or, for a machine-wide finding, the user the report names for the device.</summary>
        public string User { get; internal set; } = string.Empty;

        /// <summary>When the run was reported (UTC); null when the source does not say.</summary>
        public DateTime? Time { get; internal set; }

        public FleetPhase Phase { get; internal set; }

        /// <summary>The check (Tls.WinHttp, Evidence.AadEvents); empty on a row that reports a run's outcome alone.</summary>
        public string CheckId { get; internal set; } = string.Empty;

        /// <summary>Fail or Warning (Pass and Skipped from findings); null on an outcome row.</summary>
        public FindingStatus? Status { get; internal set; }

        /// <summary>Who must act on the finding: Device, User, TenantAdmin or Network; null on an outcome row.</summary>
        public Codes.FindingOwner? Owner { get; internal set; }

        /// <summary>The top error code of the finding (CAA20002, AADSTS53003); empty when it names none.</summary>
        public string Code { get; internal set; } = string.Empty;

        /// <summary>
        /// The run's outcome: Compliant or NonCompliant for a detection, a RepairOutcome name (Fixed, NeedsReboot, ...) for a
        /// repair, Intune's state when that is all there is (Success, RemediationFailed, Pending), or ScriptError.
        /// </summary>
        public string Outcome { get; internal set; } = string.Empty;

        /// <summary>The remediation's exit code when the source says it; null otherwise.</summary>
        public int? ExitCode { get; internal set; }

        /// <summary>The finding's one-line summary, or the script's error text.</summary>
        public string Summary { get; internal set; } = string.Empty;

        private string? source;
        private Fleet.FleetSource? where;

        /// <summary>Where the row came from: "export.csv record 17 (line 40), pre-remediation output", "pipeline item 3".</summary>
        public string Source
        {
            get => source ??= where?.ToString() ?? string.Empty;
            internal set => source = value;
        }

        /// <summary>The same, put into words only when <see cref="Source"/> is read (the summary of an export reads none).</summary>
        internal Fleet.FleetSource? Where
        {
            set => where = value;
        }

        public override string ToString() => ComputerName + " " + Phase + " " + (CheckId.Length > 0 ? Status + " " + CheckId : Outcome);
    }
}
