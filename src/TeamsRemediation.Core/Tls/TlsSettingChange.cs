namespace TeamsRemediation
{
    /// <summary>What Enable-Tls12 did with one registry value.</summary>
    public enum TlsChangeAction
    {
        /// <summary>The value did not exist and was created.</summary>
        Created,

        /// <summary>The value existed with TLS 1.2 off (or with the wrong type) and was set.</summary>
        Updated,

        /// <summary>Already right (or absent where absent means the OS default): nothing written.</summary>
        Unchanged,

        /// <summary>A Group Policy value decides this setting: reported, never overwritten.</summary>
        ManagedByPolicy,

        /// <summary>Not written: declined, the user's hive is not loaded, or the value cannot be read as a number.</summary>
        Skipped,

        /// <summary>-WhatIf: NewValue is what would be written; nothing was.</summary>
        WhatIf,
    }

    /// <summary>
    /// One TLS registry value as Enable-Tls12 found and left it, flat for Invoke-Command. Machine values carry an
    /// empty User and UserSid.
    /// </summary>
    public sealed class TlsSettingChange
    {
        public string ComputerName { get; internal set; } = string.Empty;

        public string User { get; internal set; } = string.Empty;

        public string UserSid { get; internal set; } = string.Empty;

        /// <summary>Schannel, DotNet, WinHttp or InternetOptions.</summary>
        public string Setting { get; internal set; } = string.Empty;

        /// <summary>The key as an admin types it: HKLM\... or HKU\&lt;SID&gt;\....</summary>
        public string Path { get; internal set; } = string.Empty;

        /// <summary>64-bit or 32-bit (WOW6432Node for HKLM\SOFTWARE).</summary>
        public string View { get; internal set; } = string.Empty;

        public string ValueName { get; internal set; } = string.Empty;

        /// <summary>The value before, with its type, or "(absent)".</summary>
        public string OldValue { get; internal set; } = string.Empty;

        /// <summary>
        /// The value after the run (the same as OldValue when nothing was written), or "(absent)"; with -WhatIf, the value that
        /// would be written.
        /// </summary>
        public string NewValue { get; internal set; } = string.Empty;

        public TlsChangeAction Action { get; internal set; }

        public string Reason { get; internal set; } = string.Empty;

        /// <summary>True when this change takes effect only after a restart.</summary>
        public bool RebootRequired { get; internal set; }

        /// <summary>The journal Undo-TeamsRemediation restores from; empty when the run wrote nothing.</summary>
        public string JournalPath { get; internal set; } = string.Empty;
    }
}
