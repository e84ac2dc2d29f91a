namespace TeamsRemediation
{
    /// <summary>What Enable-Tls12 did with one registry value.</summary>
    public enum TlsChangeAction
    {
        /// <summary>The value did not exist and was written (only where Microsoft recommends setting it).</summary>
        Created,

        /// <summary>The value turned TLS 1.2 off (or had the wrong type) and was repaired.</summary>
        Updated,

        /// <summary>Already right, or absent where absent means the OS default with TLS 1.2 on.</summary>
        Unchanged,

        /// <summary>A policy sets this: reported, never overwritten. Change the policy instead.</summary>
        ManagedByPolicy,

        /// <summary>Not reachable or not applicable (user hive not loaded, product not installed in that view, unreadable value).</summary>
        Skipped,
    }

    /// <summary>
    /// One TLS 1.2 registry value as Enable-Tls12 found and left it. Flat, so a deserialized copy from
    /// Invoke-Command keeps every fact. Machine values have an empty User and UserSid.
    /// </summary>
    public sealed class TlsSettingChange
    {
        public string ComputerName { get; set; } = string.Empty;

        /// <summary>DOMAIN\user for an Internet Options value; empty for a machine value.</summary>
        public string User { get; set; } = string.Empty;

        public string UserSid { get; set; } = string.Empty;

        /// <summary>Schannel, DotNet, WinHttp or InternetOptions.</summary>
        public string Area { get; set; } = string.Empty;

        /// <summary>The key as an admin types it in regedit, e.g. HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>64-bit or 32-bit (the WOW6432Node copy) for keys WOW64 redirects; Shared for keys it does not (SYSTEM, a user's hive).</summary>
        public string View { get; set; } = string.Empty;

        public string ValueName { get; set; } = string.Empty;

        /// <summary>The value before, with its type, e.g. "0x00000000 (REG_DWORD)", or "(absent)".</summary>
        public string OldValue { get; set; } = string.Empty;

        /// <summary>The value after, with its type; the same as OldValue when nothing was written.</summary>
        public string NewValue { get; set; } = string.Empty;

        public TlsChangeAction Action { get; set; }

        /// <summary>True when this value was written and takes effect only after a restart (SCHANNEL, WinHTTP, .NET).</summary>
        public bool RebootRequired { get; set; }

        /// <summary>Why: what was wrong, why it was left alone, or which policy manages it.</summary>
        public string Reason { get; set; } = string.Empty;

        /// <summary>The journal that recorded this change (pipe it to Undo-TeamsRemediation); empty when nothing was written.</summary>
        public string JournalPath { get; set; } = string.Empty;
    }
}
