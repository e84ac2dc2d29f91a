using System;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tls;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Tls
{
    /// <summary>The typo guard: the one table decides every value name the module may write, and policy is never written.</summary>
    public sealed class TlsWriteTableTests
    {
        [Fact]
        public void TheWritableNamesAreExactlyTheDocumentedSix()
        {
            Assert.Equal(
                new[] { "DefaultSecureProtocols", "DisabledByDefault", "Enabled", "SchUseStrongCrypto", "SecureProtocols",
                    "SystemDefaultTlsVersions" },
                TlsRegistryLocations.WritableNames.OrderBy(n => n, StringComparer.Ordinal).ToArray());
            Assert.Empty(TlsRegistryLocations.WritableNames.Intersect(TlsRegistryLocations.KnownMisspellings, StringComparer.OrdinalIgnoreCase));
        }

        [Fact]
        public void PolicyValuesAreNeverWritable()
        {
            var policy = TlsRegistryLocations.All.Where(v => v.Path.IndexOf(@"\Policies\", StringComparison.OrdinalIgnoreCase) >= 0).ToList();
            Assert.Equal(2, policy.Count);
            Assert.All(policy, v => Assert.Equal(TlsWriteRule.Never, v.Write));
            Assert.All(TlsRegistryLocations.All.Where(v => v.Write != TlsWriteRule.Never),
                v => Assert.DoesNotContain("Policies", v.Path, StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void ARepairOfAFullyBrokenPcWritesOnlyTableNamesAtTableKeysAsDWords()
        {
            using var machine = SimulatedPc.Create().Machine;
            var registry = machine.SimulatedRegistry;
            foreach (var setting in TlsRegistryLocations.All.Where(v => v.Hive == RegistryHive.LocalMachine && v.Write != TlsWriteRule.Never))
            {
                foreach (var view in setting.Views)
                {
                    registry.SetValue(setting.Key(view), setting.Name,
                        RegistryValue.DWord(setting.Meaning == TlsValueMeaning.DisabledByDefaultFlag ? 1u : 0u));
                }
            }

            var before = Lines(registry.Export());
            var host = new ScriptedHost(machine);
            var changes = new TlsConfigurator(machine, host).Run(machineScope: true, users: new TeamsRemediation.Targets.TargetUser[0]);
            Assert.Empty(host.Errors.Select(e => e.Message));

            var changedLines = Lines(registry.Export()).Except(before).ToList();
            // SCHANNEL TLS 1.2\Client (2; SYSTEM is one key in both views), .NET (8), WinHTTP (2 views).
            Assert.Equal(12, changedLines.Count);
            Assert.All(changedLines, line =>
            {
                var name = line.Substring(line.IndexOf(']') + 1);
                Assert.Contains(TlsRegistryLocations.WritableNames, n => name.StartsWith(n + "=", StringComparison.Ordinal));
                Assert.EndsWith("(REG_DWORD)", line);
            });
            Assert.Equal(12, changes.Count(c => c.Action == TlsChangeAction.Updated));
            Assert.All(changes, c => Assert.Contains(TlsRegistryLocations.All, v => @"HKLM\" + v.Path == c.Path && v.Name == c.ValueName));
        }

        /// <summary>Each value of an export as "[key]name=value", so equal values under different keys stay apart.</summary>
        private static string[] Lines(string export)
        {
            var key = string.Empty;
            return export.Split('\n').Where(l => l.Length > 0).Select(l => l.StartsWith("[", StringComparison.Ordinal) ? key = l : key + l).ToArray();
        }
    }
}
