using System;
using System.Collections.Generic;

namespace TeamsRemediation.Account
{
    /// <summary>What the caller asked Reset-TeamsWorkAccount to do beyond the safe default ladder.</summary>
    public sealed class WorkAccountResetOptions
    {
        /// <summary>Only these steps of the ladder run and are reported; empty: the whole ladder.</summary>
        public ISet<AccountResetStepName> Steps { get; } = new HashSet<AccountResetStepName>();

        /// <summary>Also Office's WAM accounts and MicrosoftOffice16_Data:* credentials.</summary>
        public bool IncludeOffice { get; set; }

        /// <summary>Remove DisableAADWAM / DisableADALatopWAMOverride / EnableADAL=0 (journaled).</summary>
        public bool RemoveWamOverrides { get; set; }

        /// <summary>Close Teams and move the broker's package data aside (journaled).</summary>
        public bool ClearBrokerState { get; set; }

        /// <summary>Empty AC\TokenBroker\Accounts of the broker plugin and CloudExperienceHost (CAA50021; journaled; restart needed).</summary>
        public bool ClearTokenBrokerAccounts { get; set; }

        /// <summary>Reset new Teams' app package for the user (Reset-AppxPackage MSTeams; its data and settings are lost).</summary>
        public bool ResetTeamsApp { get; set; }

        /// <summary>
        /// Run as SYSTEM (or elevated for another user): leave the steps only the user's session can do as RequiresUserContext with the
        /// command to run, instead of running them in the user's session through a one-shot task (the default).
        /// </summary>
        public bool ReportUserSteps { get; set; }

        /// <summary>How long the run in one user's session may take (WAM, Appx and cmdkey together).</summary>
        public TimeSpan UserSessionTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>How many users' sessions run at once (AVD/RDS hosts carry many users).</summary>
        public int MaxParallelSessions { get; set; } = 4;

        /// <summary>Also run in disconnected sessions; they are skipped and reported otherwise.</summary>
        public bool IncludeDisconnectedSessions { get; set; }

        /// <summary>Start Teams again at the end (possible only in the user's own session).</summary>
        public bool Restart { get; set; }

        /// <summary>
        /// The full path of the loaded module's manifest, for the printed "run as the user" command: a module name
        /// alone is looked up in the caller's bitness's module folders, which a 32-bit host does not share.
        /// </summary>
        public string ModuleManifestPath { get; set; } = string.Empty;

        /// <summary>For a Windows PowerShell script run (WAM answers in seconds; Add-AppxPackage can take a minute).</summary>
        public TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>For dsregcmd and cmdkey.</summary>
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long Teams' WebView2 processes get to leave with their ended host, and an ended process to be gone.</summary>
        public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
