namespace TeamsRemediation.Repair
{
    /// <summary>A machine-wide action of rung 3: it changes no stored value, so nothing is journaled to put back.</summary>
    public enum MachineAction
    {
        /// <summary>w32tm /resync: the Windows Time service sets the clock from its time source.</summary>
        ClockResync,

        /// <summary>ipconfig /flushdns: the DNS client forgets its cached answers, failed lookups included.</summary>
        DnsFlush,
    }

    /// <summary>How a machine action ended.</summary>
    public enum MachineActionStatus
    {
        /// <summary>No finding called for it.</summary>
        NotNeeded,

        /// <summary>-WhatIf, or a plan not yet carried out: reported, not done.</summary>
        WhatIf,

        /// <summary>The caller said no to ShouldProcess.</summary>
        Declined,

        /// <summary>A Group Policy sets what the action would touch: reported to whoever owns the policy, not changed.</summary>
        ManagedByPolicy,

        /// <summary>Not this module's call on this PC (a domain controller's clock) or not with these rights.</summary>
        NotAllowed,

        /// <summary>Done; whether it helped is for the check that called for it to say when it runs again.</summary>
        Done,

        /// <summary>The command failed; <see cref="MachineActionResult.ExitCode"/> and the error say how.</summary>
        Failed,
    }

    /// <summary>What one machine action did, why, and what the check after it found. Flat for Invoke-Command.</summary>
    public sealed class MachineActionResult
    {
        public MachineAction Action { get; internal set; }

        public MachineActionStatus Status { get; internal set; }

        public string ComputerName { get; internal set; } = string.Empty;

        /// <summary>The command line run (or that would run), "w32tm /resync".</summary>
        public string Command { get; internal set; } = string.Empty;

        /// <summary>Why it ran or did not, in one sentence.</summary>
        public string Reason { get; internal set; } = string.Empty;

        /// <summary>What it costs the people on this PC, for -WhatIf ("no one is signed out; ...").</summary>
        public string Cost { get; internal set; } = string.Empty;

        /// <summary>The command's exit code; null when it did not run.</summary>
        public int? ExitCode { get; internal set; }

        /// <summary>The facts behind the status: policy values, the probe results before the flush.</summary>
        public string[] Evidence { get; internal set; } = new string[0];

        /// <summary>The decision was written to the machine log before the action (and its outcome after).</summary>
        public bool Recorded { get; internal set; }

        public override string ToString() => Action + " " + Status + ": " + Reason;
    }
}
