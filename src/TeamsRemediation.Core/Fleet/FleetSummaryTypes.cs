using System;

namespace TeamsRemediation
{
    /// <summary>
    /// Where a device stands on a cause after Intune's cycle, decided in this order: Fixed (the detection after the
    /// remediation no longer finds it), NeedsAdmin (only the user or the tenant admin can answer it), NeedsRestart (the
    /// remediation asked for a restart), Recurred (the remediation reported success and the detection after it still finds
    /// it), NotFixed (anything else still found, including a device never remediated). Healthy: no cause at all.
    /// </summary>
    public enum FleetVerdict
    {
        Healthy,
        Fixed,
        NeedsAdmin,
        NeedsRestart,
        Recurred,
        NotFixed,
    }

    /// <summary>
    /// One cause (check and code) and who acts on it, across the fleet: how many devices have it and where they stand. A cause
    /// is a failing check, or a warning owned by the user or the tenant admin (Conditional Access, MFA: nothing on the PC
    /// answers it, so the detection does not fail on it, but sign-in stops all the same).
    /// </summary>
    public sealed class TeamsRemediationFleetCause
    {
        public string CheckId { get; internal set; } = string.Empty;

        /// <summary>The top code of the cause (CAA20002, AADSTS53003); empty when the check names none.</summary>
        public string Code { get; internal set; } = string.Empty;

        public Codes.FindingOwner Owner { get; internal set; }

        /// <summary>What the code means (from the module's code table), or the check's own name when there is no code.</summary>
        public string Meaning { get; internal set; } = string.Empty;

        /// <summary>Devices that had the cause before or after the remediation; the five counts below add up to it.</summary>
        public int Devices { get; internal set; }

        public int Fixed { get; internal set; }

        public int Recurred { get; internal set; }

        public int NeedsRestart { get; internal set; }

        public int NeedsAdmin { get; internal set; }

        public int NotFixed { get; internal set; }

        /// <summary>The devices that reported the cause most recently, newest first (at most five).</summary>
        public string[] NewestDevices { get; internal set; } = new string[0];

        /// <summary>When the newest of them reported (UTC); null when no source gave a time.</summary>
        public DateTime? NewestTime { get; internal set; }

        /// <summary>"Evidence.AadEvents CAA20002", or "NonCompliant (no detail)" for a detection that named no check.</summary>
        /// <summary>The devices behind the cause's bar on the page (the newest, at most FleetTally.DevicesKeptPerCause).</summary>
        internal Fleet.FleetDeviceEntry[] Behind { get; set; } = new Fleet.FleetDeviceEntry[0];

        public string Cause => CheckId.Length == 0 ? "NonCompliant (no detail)" : Code.Length == 0 ? CheckId : CheckId + " " + Code;

        public override string ToString() => Cause + " (" + Owner + "): " + Text.Wording.Count(Devices, "device");
    }

    /// <summary>One device before and after the remediation: the causes the detection found each time, and the verdict.</summary>
    public sealed class TeamsRemediationFleetDevice
    {
        public string ComputerName { get; internal set; } = string.Empty;

        public string User { get; internal set; } = string.Empty;

        /// <summary>The newest time the device reported (UTC); null when no source gave one.</summary>
        public DateTime? Time { get; internal set; }

        /// <summary>The causes before the remediation ("Tls.WinHttp", "Evidence.AadEvents CAA20002").</summary>
        public string[] Before { get; internal set; } = new string[0];

        /// <summary>The causes the detection after the remediation still found; empty when it found none or did not run.</summary>
        public string[] After { get; internal set; } = new string[0];

        /// <summary>True when a detection after the remediation (or the repair's own check after its steps) reported.</summary>
        public bool Rechecked { get; internal set; }

        /// <summary>The remediation's outcome (Fixed, NeedsReboot, Success, RemediationFailed, ...); empty when none ran.</summary>
        public string Remediation { get; internal set; } = string.Empty;

        public int? ExitCode { get; internal set; }

        /// <summary>The device's verdict: the first of NotFixed, Recurred, NeedsRestart, NeedsAdmin, Fixed among its causes; Healthy without
        /// one.</summary>
        public FleetVerdict Verdict { get; internal set; }

        public override string ToString() => ComputerName + ": " + Verdict;
    }
}
