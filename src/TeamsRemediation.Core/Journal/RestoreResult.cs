namespace TeamsRemediation
{
    public enum RestoreStatus
    {
        /// <summary>Put back as it was before the change.</summary>
        Restored,

        /// <summary>Already as it was before the change: nothing to do.</summary>
        AlreadyRestored,

        /// <summary>Changed again since (by Windows, policy or a person): left alone; -Force puts it back anyway.</summary>
        Conflict,

        /// <summary>The caller declined (ShouldProcess).</summary>
        Skipped,

        Failed,

        WhatIf,
    }

    /// <summary>One journal entry put back (or not), flat for Invoke-Command.</summary>
    public sealed class RestoreResult
    {
        public string ComputerName { get; internal set; } = string.Empty;

        public string Journal { get; internal set; } = string.Empty;

        /// <summary>RegistryValue or Move; Journal for the whole journal when it was to be restored in a user's session and no entry's
        /// result could be used (WhatIf, declined, the run failed or its result was rejected).</summary>
        public string Kind { get; internal set; } = string.Empty;

        public string Target { get; internal set; } = string.Empty;

        /// <summary>What the target holds after the restore: the value put back, "(absent)", or the path moved back.</summary>
        public string Restored { get; internal set; } = string.Empty;

        public RestoreStatus Status { get; internal set; }

        public string Detail { get; internal set; } = string.Empty;

        /// <summary>Who put it back: the caller, or the user in whose session an elevated Undo restored that user's own journal.</summary>
        public string RanAs { get; internal set; } = string.Empty;

        /// <summary>The Windows session it ran in.</summary>
        public int SessionId { get; internal set; }
    }
}
