using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Tests.Tls
{
    /// <summary>Registry states of a simulated PC for the TLS repair, named by physical path so a test sees exactly which view was written.</summary>
    internal static class TlsPc
    {
        public const string SchannelClient = @"HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client";
        public const string SchannelServer = @"HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server";
        public const string DotNet4x64 = @"HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319";
        public const string DotNet4x86 = @"HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319";
        public const string DotNet2x64 = @"HKLM\SOFTWARE\Microsoft\.NETFramework\v2.0.50727";
        public const string DotNet2x86 = @"HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v2.0.50727";
        public const string WinHttpx64 = @"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp";
        public const string WinHttpx86 = @"HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp";

        public static readonly string[] DotNetKeys = { DotNet4x64, DotNet4x86, DotNet2x64, DotNet2x86 };
        public static readonly string[] WinHttpKeys = { WinHttpx64, WinHttpx86 };

        /// <summary>A key by the physical path regedit shows (HKLM\SOFTWARE\WOW6432Node\... is the 32-bit view).</summary>
        public static RegistryKeyPath Key(string physical)
        {
            var hive = physical.StartsWith(@"HKU\", StringComparison.Ordinal) ? RegistryHive.Users : RegistryHive.LocalMachine;
            var path = physical.Substring(physical.IndexOf('\\') + 1);
            const string wow = @"SOFTWARE\WOW6432Node\";
            return path.StartsWith(wow, StringComparison.OrdinalIgnoreCase)
                ? new RegistryKeyPath(hive, @"SOFTWARE\" + path.Substring(wow.Length), RegistryView.Registry32)
                : new RegistryKeyPath(hive, path, RegistryView.Registry64);
        }

        public static RegistryValue? Get(SimulatedMachine machine, string physical, string name) =>
            machine.SimulatedRegistry.GetValue(Key(physical), name);

        public static void Set(SimulatedMachine machine, string physical, string name, RegistryValue value) =>
            machine.SimulatedRegistry.SetValue(Key(physical), name, value);

        /// <summary>.NET Framework 4.x and 3.5 installed in both views, as on every Windows 10/11 with 3.5 enabled: the version keys exist, the TLS
        /// values do not.</summary>
        public static void InstallDotNet(SimulatedMachine machine)
        {
            foreach (var key in DotNetKeys)
            {
                Set(machine, key, "Install", RegistryValue.DWord(1));
            }
        }

        /// <summary>TLS 1.2 switched off in every machine place the way field scripts and hardening baselines do it.</summary>
        public static void DisableTls12OnMachine(SimulatedMachine machine)
        {
            foreach (var key in new[] { SchannelClient, SchannelServer })
            {
                Set(machine, key, "Enabled", RegistryValue.DWord(0));
                Set(machine, key, "DisabledByDefault", RegistryValue.DWord(1));
            }

            foreach (var key in DotNetKeys)
            {
                Set(machine, key, "SchUseStrongCrypto", RegistryValue.DWord(0));
                Set(machine, key, "SystemDefaultTlsVersions", RegistryValue.DWord(0));
            }

            foreach (var key in WinHttpKeys)
            {
                Set(machine, key, "DefaultSecureProtocols", RegistryValue.DWord(0xA0));
            }
        }

        public static RegistryKeyPath UserInternetSettings(SimulatedUser user) => user.HiveKey(TlsRegistryLocations.UserInternetSettings);

        /// <summary>The exported registry as (physical key, value name) → typed value text.</summary>
        public static Dictionary<(string Key, string Name), string> Values(string export)
        {
            var values = new Dictionary<(string, string), string>();
            var key = string.Empty;
            foreach (var line in export.Split('\n').Where(l => l.Length > 0))
            {
                if (line.StartsWith("[", StringComparison.Ordinal))
                {
                    key = line.Substring(1, line.Length - 2);
                    continue;
                }

                var equals = line.IndexOf('=');
                values[(key.ToUpperInvariant(), line.Substring(0, equals))] = line.Substring(equals + 1);
            }

            return values;
        }

        public static string[] JournalFiles(SimulatedMachine machine)
        {
            var folder = Path.Combine(machine.ProgramDataPath, "TeamsRemediation", "Journal");
            return Directory.Exists(folder) ? Directory.GetFiles(folder) : new string[0];
        }
    }
}
