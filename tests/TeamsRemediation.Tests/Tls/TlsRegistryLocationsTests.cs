using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;
using static TeamsRemediation.Tests.Tls.TlsPc;

namespace TeamsRemediation.Tests.Tls
{
    /// <summary>The typo guard: the value names the module may ever write are one table, and the repair writes nowhere else.</summary>
    public sealed class TlsRegistryLocationsTests
    {
        [Fact]
        public void TheTableWritesExactlyTheDocumentedValueNames()
        {
            var written = TlsRegistryLocations.Written.Select(v => v.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal);

            Assert.Equal(new[] { "DefaultSecureProtocols", "DisabledByDefault", "Enabled", "SchUseStrongCrypto", "SecureProtocols", "SystemDefaultTlsVersions" }, written);
            Assert.DoesNotContain(TlsRegistryLocations.Written, v => TlsRegistryLocations.KnownMisspellings.Contains(v.Name, StringComparer.OrdinalIgnoreCase));
        }

        [Fact]
        public void PolicyValuesAreReadOnlyAndEveryMachineSoftwareValueHasBothViews()
        {
            Assert.All(TlsRegistryLocations.Policies, p => Assert.False(p.IsWritten));
            Assert.Equal(2, TlsRegistryLocations.Policies.Count());
            Assert.All(
                TlsRegistryLocations.Written.Where(v => v.Hive == RegistryHive.LocalMachine),
                v => Assert.Equal(new[] { RegistryView.Registry64, RegistryView.Registry32 }, v.Views));
            Assert.All(TlsRegistryLocations.Written.Where(v => v.Area == TlsSettingArea.InternetOptions), v => Assert.False(v.RebootRequired));
            Assert.All(TlsRegistryLocations.Written.Where(v => v.Hive == RegistryHive.LocalMachine), v => Assert.True(v.RebootRequired));
        }

        [Fact]
        public void EveryValueTheRepairChangesIsALocationOfTheTableWrittenAsADWord()
        {
            using var s = new SimulatedSession();
            InstallDotNet(s.Machine);
            DisableTls12OnMachine(s.Machine);
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.String("160"));
            Set(s.Machine, SchannelClient, "Enabled", RegistryValue.String("0"));
            s.Pc.RunAsSystem();
            var before = Values(s.Machine.SimulatedRegistry.Export());

            s.Shell.Invoke("Enable-Tls12");

            var after = Values(s.Machine.SimulatedRegistry.Export());
            var changed = after.Where(a => !before.TryGetValue(a.Key, out var old) || old != a.Value).ToList();
            Assert.Equal(before.Keys.OrderBy(k => k), after.Keys.Intersect(before.Keys).OrderBy(k => k));
            var allowed = new HashSet<(string, string)>(
                TlsRegistryLocations.Written.SelectMany(v => v.Views.Select(view => (SimulatedRegistry.Physical(v.Key(view, alice.Sid)).ToUpperInvariant(), v.Name))));
            Assert.Equal(4 + 8 + 2 + 1, changed.Count);
            Assert.All(changed, c => Assert.Contains(c.Key, allowed));
            Assert.All(changed, c => Assert.EndsWith("(REG_DWORD)", c.Value));
        }

        [Fact]
        public void DescribeMaskNamesEveryProtocolBit()
        {
            Assert.Equal("SSL 3.0, TLS 1.0, TLS 1.1, TLS 1.2", TlsRegistryLocations.DescribeMask(0xAA0));
            Assert.Equal("TLS 1.0, TLS 1.1, TLS 1.2, TLS 1.3", TlsRegistryLocations.DescribeMask(0x2A80));
            Assert.Equal("SSL 2.0", TlsRegistryLocations.DescribeMask(0x8));
            Assert.Equal("no protocol", TlsRegistryLocations.DescribeMask(0));
        }
    }
}
