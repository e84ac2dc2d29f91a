using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Tls
{
    /// <summary>Which TLS 1.2 setting a registry value is (facts.md section 3).</summary>
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
        /// <summary>Enabled: 0 disables the protocol; 1 or 0xFFFFFFFF (any non-zero) enables it.</summary>
        EnabledFlag,

        /// <summary>DisabledByDefault: 1 keeps the protocol off unless an app asks for it.</summary>
        DisabledByDefaultFlag,

        /// <summary>SchUseStrongCrypto, SystemDefaultTlsVersions: 1 wanted, 0 an explicit disable.</summary>
        OptInFlag,

        /// <summary>DefaultSecureProtocols, SecureProtocols: a bit mask where 0x800 is TLS 1.2.</summary>
        ProtocolMask,
    }

    /// <summary>What a repair does where the value does not exist.</summary>
    public enum TlsAbsentValue
    {
        /// <summary>Absent means the OS default, which has TLS 1.2 on (and, for masks, TLS 1.3 where the OS has it): leave it absent.</summary>
        LeaveAbsent,

        /// <summary>Microsoft's documented recommendation is to set it: create it, but only under a key that exists (the product is installed in that view).</summary>
        CreateUnderExistingKey,
    }

    /// <summary>One registry value that decides whether TLS 1.2 is used. All are REG_DWORD; absent means the OS default (TLS 1.2 on, Windows 8.1 and later).</summary>
    public sealed class TlsRegistryValue
    {
        public TlsRegistryValue(TlsSettingArea area, RegistryHive hive, string path, string name, TlsValueMeaning meaning, params RegistryView[] views)
        {
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

        /// <summary>True when Enable-Tls12 may write this value; false for values it only reads (policy: reported, never fought).</summary>
        public bool IsWritten { get; private set; }

        /// <summary>The DWORD a repair writes for a flag, or the bit it ORs into a mask.</summary>
        public uint RepairValue { get; private set; }

        public TlsAbsentValue WhenAbsent { get; private set; }

        /// <summary>The change takes effect only after a restart (SCHANNEL, WinHTTP, .NET: read once at boot or process start of services).</summary>
        public bool RebootRequired { get; private set; }

        /// <summary>The key in one view; for a per-user value, in that user's hive.</summary>
        public RegistryKeyPath Key(RegistryView view, string? userSid = null) =>
            new RegistryKeyPath(Hive, Hive == RegistryHive.Users ? userSid + "\\" + Path : Path, view);

        /// <summary>Declares the value as one the repair writes: <paramref name="repairValue"/> for a flag, the bit to OR in for a mask.</summary>
        internal TlsRegistryValue Repairs(uint repairValue, TlsAbsentValue whenAbsent, bool rebootRequired)
        {
            IsWritten = true;
            RepairValue = repairValue;
            WhenAbsent = whenAbsent;
            RebootRequired = rebootRequired;
            return this;
        }

        public override string ToString() => (Hive == RegistryHive.Users ? @"HKU\<SID>\" : @"HKLM\") + Path + "\\" + Name;
    }

    /// <summary>
    /// The TLS 1.2 registry values, declared once: the diagnosis reads them and Enable-Tls12 writes them from
    /// this table only, so the two never disagree on a path, a name or a view, and no value name can be
    /// misspelt in one place (the typo guard test pins the exact set of names written).
    /// Sources: memdocs configmgr/core/plan-design/security/enable-tls-1-2-client.md, dotnet/docs
    /// docs/framework/network-programming/tls.md.
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
            // SYSTEM is not redirected by WOW64: both views are the same key, handled in both anyway so a 32-bit host proves it.
            // Absent SCHANNEL values are the OS default (TLS 1.2 on): a repair only fixes an explicit Enabled=0 or DisabledByDefault=1.
            new TlsRegistryValue(TlsSettingArea.Schannel, RegistryHive.LocalMachine, SchannelTls12 + @"\Client", "Enabled", TlsValueMeaning.EnabledFlag, Both).Repairs(1, TlsAbsentValue.LeaveAbsent, rebootRequired: true),
            new TlsRegistryValue(TlsSettingArea.Schannel, RegistryHive.LocalMachine, SchannelTls12 + @"\Client", "DisabledByDefault", TlsValueMeaning.DisabledByDefaultFlag, Both).Repairs(0, TlsAbsentValue.LeaveAbsent, rebootRequired: true),
            new TlsRegistryValue(TlsSettingArea.Schannel, RegistryHive.LocalMachine, SchannelTls12 + @"\Server", "Enabled", TlsValueMeaning.EnabledFlag, Both).Repairs(1, TlsAbsentValue.LeaveAbsent, rebootRequired: true),
            new TlsRegistryValue(TlsSettingArea.Schannel, RegistryHive.LocalMachine, SchannelTls12 + @"\Server", "DisabledByDefault", TlsValueMeaning.DisabledByDefaultFlag, Both).Repairs(0, TlsAbsentValue.LeaveAbsent, rebootRequired: true),

            // .NET Framework apps (Teams' helpers, PowerShell 5.1 itself) only use the OS defaults with these set: Microsoft recommends setting them.
            new TlsRegistryValue(TlsSettingArea.DotNet, RegistryHive.LocalMachine, DotNet4, "SchUseStrongCrypto", TlsValueMeaning.OptInFlag, Both).Repairs(1, TlsAbsentValue.CreateUnderExistingKey, rebootRequired: true),
            new TlsRegistryValue(TlsSettingArea.DotNet, RegistryHive.LocalMachine, DotNet4, "SystemDefaultTlsVersions", TlsValueMeaning.OptInFlag, Both).Repairs(1, TlsAbsentValue.CreateUnderExistingKey, rebootRequired: true),
            new TlsRegistryValue(TlsSettingArea.DotNet, RegistryHive.LocalMachine, DotNet2, "SchUseStrongCrypto", TlsValueMeaning.OptInFlag, Both).Repairs(1, TlsAbsentValue.CreateUnderExistingKey, rebootRequired: true),
            new TlsRegistryValue(TlsSettingArea.DotNet, RegistryHive.LocalMachine, DotNet2, "SystemDefaultTlsVersions", TlsValueMeaning.OptInFlag, Both).Repairs(1, TlsAbsentValue.CreateUnderExistingKey, rebootRequired: true),

            // An absent mask is the OS default, which already has TLS 1.2 (and TLS 1.3 where the OS has it): creating one could only take bits away.
            new TlsRegistryValue(TlsSettingArea.WinHttp, RegistryHive.LocalMachine, WinHttp, "DefaultSecureProtocols", TlsValueMeaning.ProtocolMask, Both).Repairs(Tls12, TlsAbsentValue.LeaveAbsent, rebootRequired: true),

            // WinINet reads it when an app starts: no restart, the user's apps pick it up when they start again.
            new TlsRegistryValue(TlsSettingArea.InternetOptions, RegistryHive.Users, UserInternetSettings, "SecureProtocols", TlsValueMeaning.ProtocolMask, RegistryView.Registry64).Repairs(Tls12, TlsAbsentValue.LeaveAbsent, rebootRequired: false),

            // Policy: read only. A value here overrides the user's own; it is reported as managed, never overwritten.
            new TlsRegistryValue(TlsSettingArea.InternetOptionsPolicy, RegistryHive.Users, PolicyInternetSettings, "SecureProtocols", TlsValueMeaning.ProtocolMask, RegistryView.Registry64),
            new TlsRegistryValue(TlsSettingArea.InternetOptionsPolicy, RegistryHive.LocalMachine, PolicyInternetSettings, "SecureProtocols", TlsValueMeaning.ProtocolMask, Both),
        };

        /// <summary>Every value Enable-Tls12 may write, and nothing else.</summary>
        public static IEnumerable<TlsRegistryValue> Written => All.Where(v => v.IsWritten);

        /// <summary>Values read to decide whether a written value is managed by policy.</summary>
        public static IEnumerable<TlsRegistryValue> Policies => All.Where(v => v.Area == TlsSettingArea.InternetOptionsPolicy);

        /// <summary>Misspellings seen in field scripts: Windows ignores them, so a report names them.</summary>
        public static readonly IReadOnlyList<string> KnownMisspellings = new[] { "DisableByDefault", "Enable", "SchUseStrongCrypt", "SystemDefaultTLSVersion" };

        /// <summary>"SSL 3.0, TLS 1.2" for a protocol mask, so a report says what the bits mean.</summary>
        public static string DescribeMask(uint mask)
        {
            var names = new List<string>();
            if ((mask & Ssl2) != 0) names.Add("SSL 2.0");
            if ((mask & Ssl3) != 0) names.Add("SSL 3.0");
            if ((mask & Tls10) != 0) names.Add("TLS 1.0");
            if ((mask & Tls11) != 0) names.Add("TLS 1.1");
            if ((mask & Tls12) != 0) names.Add("TLS 1.2");
            if ((mask & Tls13) != 0) names.Add("TLS 1.3");
            return names.Count == 0 ? "no protocol" : string.Join(", ", names);
        }
    }
}
