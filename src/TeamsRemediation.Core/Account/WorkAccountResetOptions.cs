using System;

namespace TeamsRemediation.Account
{
    /// <summary>What the caller asked Reset-TeamsWorkAccount to do beyond the safe default ladder.</summary>
    public sealed class WorkAccountResetOptions
    {
        /// <summary>Also Office's WAM accounts and MicrosoftOffice16_Data:* credentials.</summary>
        public bool IncludeOffice { get; set; }

        /// <summary>Remove DisableAADWAM / DisableADALatopWAMOverride / EnableADAL=0 (journaled).</summary>
        public bool RemoveWamOverrides { get; set; }

        /// <summary>Close Teams and move the broker's package data aside (journaled).</summary>
        public bool ClearBrokerState { get; set; }

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

        /// <summary>How long Teams gets to close when asked before it is ended.</summary>
        public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
