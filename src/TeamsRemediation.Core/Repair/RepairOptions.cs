using System;

namespace TeamsRemediation.Repair
{
    /// <summary>What Repair-TeamsCaa20002 was asked to do beyond the default ladder (never -WhatIf: that is the host's answer).</summary>
    public sealed class RepairOptions
    {
        /// <summary>The highest rung that may change anything; the disruptive rung 6 only when set to it (or by its own switch).</summary>
        public RepairRung MaximumRung { get; set; } = RepairRung.Cache;

        /// <summary>Opts in to the CAA50021 broker repair alone.</summary>
        public bool RepairBroker { get; set; }

        /// <summary>Opts in to Reset-AppxPackage of new Teams alone.</summary>
        public bool ResetApp { get; set; }

        /// <summary>The Teams bootstrapper the admin provides (never downloaded); opts in to the reinstall.</summary>
        public string? BootstrapperPath { get; set; }

        /// <summary>The WebView2 Runtime installer the admin provides (never downloaded); opts in to installing the runtime.</summary>
        public string? WebView2InstallerPath { get; set; }

        /// <summary>
        /// Also repairs the TLS values the diagnosis calls "not Teams" (.NET Framework's, a Warning): off by default, because the repair
        /// needs a restart and Teams does not read them.
        /// </summary>
        public bool IncludeDotNetTls { get; set; }

        /// <summary>How far back the evidence is copied and read.</summary>
        public TimeSpan EvidenceWindow { get; set; } = TimeSpan.FromDays(7);

        /// <summary>How long the bootstrapper may take.</summary>
        public TimeSpan BootstrapperTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>How long the WebView2 Runtime installer may take (the Evergreen Bootstrapper downloads the runtime first).</summary>
        public TimeSpan WebView2InstallerTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Whether a step of <paramref name="rung"/> may change anything, given its own switch.</summary>
        public bool Allows(RepairRung rung, bool explicitSwitch = false) => rung <= MaximumRung || explicitSwitch;
    }
}
