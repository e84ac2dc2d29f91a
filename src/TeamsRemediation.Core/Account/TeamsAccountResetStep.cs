namespace TeamsRemediation
{
    /// <summary>The rungs of Reset-TeamsWorkAccount's ladder, least disruptive first.</summary>
    public enum AccountResetStepName
    {
        /// <summary>dsregcmd /status: how the device is joined, whether the user has a Primary Refresh Token. Read only.</summary>
        DeviceRegistration,

        /// <summary>The Entra ID token broker package is registered for the user; registered again when missing.</summary>
        BrokerPlugin,

        /// <summary>The Teams (and with -IncludeOffice, Office) work accounts in Web Account Manager, signed out.</summary>
        WamAccounts,

        /// <summary>Classic Teams' msteams_adalsso/* credentials (Office's with -IncludeOffice), removed.</summary>
        Credentials,

        /// <summary>DisableAADWAM, DisableADALatopWAMOverride, EnableADAL=0: reported; removed with -RemoveWamOverrides.</summary>
        WamOverrides,

        /// <summary>The user's Microsoft.AAD.BrokerPlugin package data moved aside (-ClearBrokerState).</summary>
        BrokerState,

        /// <summary>
        /// Microsoft's CAA50021 broker repair (-ClearTokenBrokerAccounts): the files of AC\TokenBroker\Accounts of the broker plugin and of
        /// CloudExperienceHost moved into the user's backup folder (journaled); Windows must restart.
        /// </summary>
        TokenBrokerAccounts,

        /// <summary>New Teams (MSTeams) reset with Reset-AppxPackage for the user (-ResetTeamsApp); not restorable.</summary>
        TeamsApp,

        /// <summary>What the user does next; with -Restart, Teams started again.</summary>
        NextAction,
    }

    public enum AccountResetStatus
    {
        /// <summary>Read or changed as intended.</summary>
        Done,

        /// <summary>Nothing to do: already as it should be.</summary>
        NotNeeded,

        /// <summary>Not done: not asked for, declined, or not possible here (the Detail says which).</summary>
        Skipped,

        /// <summary>Works only in the user's own session; the Detail gives the exact command to run there.</summary>
        RequiresUserContext,

        Failed,

        /// <summary>-WhatIf: the Detail says what would have been done.</summary>
        WhatIf,
    }

    /// <summary>One step of Reset-TeamsWorkAccount for one user, flat so Invoke-Command's deserialized copy keeps every fact.</summary>
    public sealed class TeamsAccountResetStep
    {
        public string ComputerName { get; internal set; } = string.Empty;

        /// <summary>DOMAIN\user whose account was reset.</summary>
        public string User { get; internal set; } = string.Empty;

        public string UserSid { get; internal set; } = string.Empty;

        public AccountResetStepName Step { get; internal set; }

        /// <summary>What the step did or would do, in a few words.</summary>
        public string Action { get; internal set; } = string.Empty;

        public AccountResetStatus Status { get; internal set; }

        /// <summary>What was found and what happened; for RequiresUserContext, the command to run as the user.</summary>
        public string Detail { get; internal set; } = string.Empty;

        /// <summary>Where what was removed can be restored from: the journal for registry values, the backup folder for broker data.</summary>
        public string BackupPath { get; internal set; } = string.Empty;

        /// <summary>The account that ran the step: this run's own, or the user's when it ran in the user's session through a one-shot task.</summary>
        public string RanAs { get; internal set; } = string.Empty;

        /// <summary>The Windows session the step ran in (0: the services' session, where SYSTEM runs).</summary>
        public int SessionId { get; internal set; }

        /// <summary>Windows must restart before the change takes effect (the token broker reads its accounts at sign-in).</summary>
        public bool RestartRequired { get; internal set; }

        public override string ToString() => User + " " + Step + ": " + Status;
    }
}
