using System;

namespace TeamsRemediation
{
    /// <summary>The rungs of Repair-TeamsCaa20002, least disruptive first; -MaximumRung names the highest one that may run.</summary>
    public enum RepairRung
    {
        /// <summary>Copy what a repair may destroy (logs, collected WebLogs, event 1098) into this run's report folder.</summary>
        Evidence = 1,

        /// <summary>Every failure is owned by the user or the tenant admin: repair nothing, hand over the admin pack.</summary>
        NothingThePcCanFix = 2,

        /// <summary>Clock, DNS resolver cache, TLS 1.2.</summary>
        Machine = 3,

        /// <summary>The user's account state: WAM overrides, broker registration, WAM sign-out, cached credentials.</summary>
        UserAccount = 4,

        /// <summary>The Teams cache: the light clear first, the full clear (backed up) only when the light one did not help.</summary>
        Cache = 5,

        /// <summary>Opt-in only: the CAA50021 broker repair, Reset-AppxPackage of new Teams, a reinstall through the Teams bootstrapper.</summary>
        Disruptive = 6,
    }

    /// <summary>One step of the ladder; a rung holds one or more.</summary>
    public enum RepairStepName
    {
        EvidenceCopy,
        AdminPack,
        ClockResync,
        DnsFlush,
        Tls,

        /// <summary>The WebView2 Runtime installed for the whole PC from the installer at -WebView2InstallerPath.</summary>
        WebView2Install,
        AccountReset,
        CacheLight,
        CacheFull,
        BrokerRepair,
        AppReset,
        Reinstall,
    }

    public enum RepairStepStatus
    {
        /// <summary>Changed as intended; After holds the checks of the rung run again.</summary>
        Done,

        /// <summary>-WhatIf: Action and Cost say what would be done; nothing changed.</summary>
        WhatIf,

        /// <summary>Not done: declined, blocked by an earlier step, or nothing left to act on (Detail says which).</summary>
        Skipped,

        /// <summary>A disruptive step the findings call for, not opted in (-MaximumRung 6 or its switch).</summary>
        NotOptedIn,

        /// <summary>Tried and failed; Detail says why. Nothing half-done is left unrecorded.</summary>
        Failed,

        /// <summary>Only the tenant admin (or whoever manages this PC's policy) can fix it; nothing was changed.</summary>
        NeedsAdmin,

        /// <summary>Only the user can fix it (sign in, MFA, password); nothing was changed.</summary>
        NeedsUser,
    }

    /// <summary>
    /// One step of Repair-TeamsCaa20002 for one user (User empty for the machine): the checks before, what was done and
    /// what it cost, the checks after, and where to undo it. Flat, so Invoke-Command's deserialized copy keeps every fact.
    /// </summary>
    public sealed class TeamsRepairStep
    {
        public string ComputerName { get; internal set; } = string.Empty;

        /// <summary>DOMAIN\user; empty for a machine-wide step.</summary>
        public string User { get; internal set; } = string.Empty;

        public string UserSid { get; internal set; } = string.Empty;

        public RepairRung Rung { get; internal set; }

        public RepairStepName Step { get; internal set; }

        public RepairStepStatus Status { get; internal set; }

        /// <summary>What the step does, in a few words.</summary>
        public string Action { get; internal set; } = string.Empty;

        /// <summary>What it costs the user ("signs CONTOSO\alice out of Teams", "removes 48 MB of cache, keeps backgrounds").</summary>
        public string Cost { get; internal set; } = string.Empty;

        /// <summary>The checks that called for the step, as "Status CheckId: summary", before it.</summary>
        public string[] Before { get; internal set; } = new string[0];

        /// <summary>The same checks run again after the step (empty when nothing was changed).</summary>
        public string[] After { get; internal set; } = new string[0];

        public string Detail { get; internal set; } = string.Empty;

        /// <summary>Undo-TeamsRemediation -Journal takes this path; empty when nothing restorable was changed.</summary>
        public string JournalPath { get; internal set; } = string.Empty;

        /// <summary>The report folder (evidence copy, admin pack) of this run, where the step wrote one.</summary>
        public string ReportPath { get; internal set; } = string.Empty;

        public bool RebootRequired { get; internal set; }

        public DateTime Timestamp { get; internal set; }

        public override string ToString() => Rung + "/" + Step + (User.Length > 0 ? " " + User : string.Empty) + ": " + Status;
    }
}
