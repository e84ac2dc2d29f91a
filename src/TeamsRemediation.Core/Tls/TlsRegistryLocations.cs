using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Tls
{
    /// <summary>Which TLS 1.2 setting a registry value is.</summary>
    public enum TlsSettingArea
    {
        Schannel,
        DotNet,
        WinHttp,
        InternetOptions,
        InternetOptionsPolicy,
    }

    /// <summary>How a value's DWORD is read.</summary>
    public enum TlsValueMeaning
    {
        /// <summary>Enabled: 0 disables the protocol; 1 or 0xFFFFFFFF enables it.</summary>
        EnabledFlag,

        /// <summary>DisabledByDefault: 1 keeps the protocol off unless an app asks for it.</summary>
        DisabledByDefaultFlag,

        /// <summary>SchUseStrongCrypto, SystemDefaultTlsVersions: 1 wanted, 0 an explicit disable.</summary>
        OptInFlag,

        /// <summary>DefaultSecureProtocols, SecureProtocols: a bit mask where 0x800 is TLS 1.2.</summary>
        ProtocolMask,
    }

    /// <summary>What Enable-Tls12 may do with a value. Policy values are <see cref="Never"/>: a policy is reported, not fought.</summary>
    public enum TlsWriteRule
    {
        /// <summary>Read only.</summary>
        Never,

        /// <summary>Repaired when present and off; absent means the OS default (TLS 1.2 on) and stays absent.</summary>
        RepairWhenPresent,

        /// <summary>Repaired when off and created when absent in an existing key (Microsoft's documented recommendation for .NET; the key exists
        /// where that framework is installed).</summary>
        RepairOrCreate,
    }

    /// <summary>One registry value that decides whether TLS 1.2 is used. All are REG_DWORD; absent means the OS default (TLS 1.2 on, Windows 8.1 and
    /// later).</summary>
    public sealed class TlsRegistryValue
    {
        public TlsRegistryValue(TlsSettingArea area, RegistryHive hive, string path, string name, TlsValueMeaning meaning, TlsWriteRule write,
            bool rebootRequired, params RegistryView[] views)
        {
            Write = write;
            RebootRequired = rebootRequired;
            Area = area;
            Hive = hive;
            Path = path;
            Name = name;
            Meaning = meaning;
            Views = views;
        }

        public TlsSettingArea Area { get; }

        public RegistryHive Hive { get; }

        /// <summary>Under HKLM as written; under HKEY_USERS relative to the user's SID (Software\...).</summary>
        public string Path { get; }

        public string Name { get; }

        public TlsValueMeaning Meaning { get; }

        /// <summary>Every view the value lives in: both for keys under SOFTWARE that WOW64 redirects.</summary>
        public IReadOnlyList<RegistryView> Views { get; }

        public TlsWriteRule Write { get; }

        /// <summary>A change takes effect only after a restart (SCHANNEL, WinHTTP and .NET are read at boot or process start of services).</summary>
        public bool RebootRequired { get; }

        /// <summary>
        /// The views a repair writes: every view for HKLM\SOFTWARE, which WOW64 redirects to WOW6432Node; one for
        /// keys both views share (SYSTEM, HKEY_USERS), so one physical value is never reported twice.
        /// </summary>
        public IReadOnlyList<RegistryView> WriteViews =>
            Hive == RegistryHive.LocalMachine && Path.StartsWith(@"SOFTWARE\", System.StringComparison.OrdinalIgnoreCase)
                ? Views
                : new[] { Views[0] };

        /// <summary>The DWORD that turns TLS 1.2 on from <paramref name="current"/>: Enabled nonzero, DisabledByDefault 0, opt-ins 1, masks with
        /// 0x800 added and every other bit kept.</summary>
        public uint Repaired(uint current)
        {
            switch (Meaning)
            {
                case TlsValueMeaning.EnabledFlag: return current != 0 ? current : 1u;
                case TlsValueMeaning.DisabledByDefaultFlag: return 0u;
                case TlsValueMeaning.OptInFlag: return 1u;
                default: return current | TlsRegistryLocations.Tls12;
            }
        }

        /// <summary>The key in one view; for a per-user value, in that user's hive.</summary>
        public RegistryKeyPath Key(RegistryView view, string? userSid = null) =>
            new RegistryKeyPath(Hive, Hive == RegistryHive.Users ? userSid + "\\" + Path : Path, view);
    }

    /// <summary>
    /// The TLS 1.2 registry values, declared once: the diagnosis reads them and the repair writes them from this
    /// table, so the two can never disagree on a path, a name or a view.
    /// </summary>
    public static class TlsRegistryLocations
    {
        /// <summary>SecureProtocols / DefaultSecureProtocols bits.</summary>
        public const uint Ssl2 = 0x08, Ssl3 = 0x20, Tls10 = 0x80, Tls11 = 0x200, Tls12 = 0x800, Tls13 = 0x2000;

        public const string SchannelTls12 = @"SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2";
        public const string DotNet4 = @"SOFTWARE\Microsoft\.NETFramework\v4.0.30319";
        public const string DotNet2 = @"SOFTWARE\Microsoft\.NETFramework\v2.0.50727";
        public const string WinHttp = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp";
        public const string UserInternetSettings = @"Software\Microsoft\Windows\CurrentVersion\Internet Settings";
        public const string PolicyInternetSettings = @"Software\Policies\Microsoft\Windows\CurrentVersion\Internet Settings";

        private static readonly RegistryView[] Both = { RegistryView.Registry64, RegistryView.Registry32 };

        public static readonly IReadOnlyList<TlsRegistryValue> All = new[]
        {
            // SYSTEM is not redirected by WOW64: both views are the same key, read both anyway so a 32-bit host proves it.
            // The Client key only: CAA20002 is an outbound sign-in failure, and Teams, WAM and WinHTTP connect as TLS clients. The
            // Server key governs inbound TLS (RDP, IIS, WinRM over HTTPS); an admin may have turned it off on purpose, and nothing
            // a sign-in needs depends on it, so it is neither a finding nor a repair (see ServerKeyOfEarlierVersions).
            new TlsRegistryValue(TlsSettingArea.Schannel, RegistryHive.LocalMachine, SchannelTls12 + @"\Client", "Enabled",
                TlsValueMeaning.EnabledFlag, TlsWriteRule.RepairWhenPresent, true, Both),
            new TlsRegistryValue(TlsSettingArea.Schannel, RegistryHive.LocalMachine, SchannelTls12 + @"\Client", "DisabledByDefault",
                TlsValueMeaning.DisabledByDefaultFlag, TlsWriteRule.RepairWhenPresent, true, Both),
            new TlsRegistryValue(TlsSettingArea.DotNet, RegistryHive.LocalMachine, DotNet4, "SchUseStrongCrypto", TlsValueMeaning.OptInFlag,
                TlsWriteRule.RepairOrCreate, true, Both),
            new TlsRegistryValue(TlsSettingArea.DotNet, RegistryHive.LocalMachine, DotNet4, "SystemDefaultTlsVersions", TlsValueMeaning.OptInFlag,
                TlsWriteRule.RepairOrCreate, true, Both),
            new TlsRegistryValue(TlsSettingArea.DotNet, RegistryHive.LocalMachine, DotNet2, "SchUseStrongCrypto", TlsValueMeaning.OptInFlag,
                TlsWriteRule.RepairOrCreate, true, Both),
            new TlsRegistryValue(TlsSettingArea.DotNet, RegistryHive.LocalMachine, DotNet2, "SystemDefaultTlsVersions", TlsValueMeaning.OptInFlag,
                TlsWriteRule.RepairOrCreate, true, Both),
            new TlsRegistryValue(TlsSettingArea.WinHttp, RegistryHive.LocalMachine, WinHttp, "DefaultSecureProtocols", TlsValueMeaning.ProtocolMask,
                TlsWriteRule.RepairWhenPresent, true, Both),
            new TlsRegistryValue(TlsSettingArea.InternetOptions, RegistryHive.Users, UserInternetSettings, "SecureProtocols",
                TlsValueMeaning.ProtocolMask, TlsWriteRule.RepairWhenPresent, false, RegistryView.Registry64),
            new TlsRegistryValue(TlsSettingArea.InternetOptionsPolicy, RegistryHive.Users, PolicyInternetSettings, "SecureProtocols",
                TlsValueMeaning.ProtocolMask, TlsWriteRule.Never, false, RegistryView.Registry64),
            new TlsRegistryValue(TlsSettingArea.InternetOptionsPolicy, RegistryHive.LocalMachine, PolicyInternetSettings, "SecureProtocols",
                TlsValueMeaning.ProtocolMask, TlsWriteRule.Never, false, Both),
        };

        /// <summary>
        /// SCHANNEL TLS 1.2\Server, which versions before this one also turned back on. Never read or written now; listed only so
        /// that Undo of a journal such a version wrote still puts the admin's own value back.
        /// </summary>
        public static readonly IReadOnlyList<TlsRegistryValue> ServerKeyOfEarlierVersions = new[]
        {
            new TlsRegistryValue(TlsSettingArea.Schannel, RegistryHive.LocalMachine, SchannelTls12 + @"\Server", "Enabled",
                TlsValueMeaning.EnabledFlag, TlsWriteRule.RepairWhenPresent, true, Both),
            new TlsRegistryValue(TlsSettingArea.Schannel, RegistryHive.LocalMachine, SchannelTls12 + @"\Server", "DisabledByDefault",
                TlsValueMeaning.DisabledByDefaultFlag, TlsWriteRule.RepairWhenPresent, true, Both),
        };

        /// <summary>Every value name the module may ever write: the typo guard. Anything else is never written.</summary>
        public static IReadOnlyList<string> WritableNames { get; } =
            All.Where(v => v.Write != TlsWriteRule.Never).Select(v => v.Name).Distinct().ToList();

        /// <summary>Misspellings seen in field scripts: Windows ignores them, so a report names them.</summary>
        public static readonly IReadOnlyList<string> KnownMisspellings =
            new[] { "DisableByDefault", "Enable", "SchUseStrongCrypt", "SystemDefaultTLSVersion" };
    }
}
