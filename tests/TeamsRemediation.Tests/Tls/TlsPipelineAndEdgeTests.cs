using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;
using static TeamsRemediation.Tests.Tls.TlsPc;

namespace TeamsRemediation.Tests.Tls
{
    /// <summary>Enable-Tls12 and Undo-TeamsRemediation as admins chain them, and the edges around the table's rules.</summary>
    public sealed class TlsPipelineAndEdgeTests
    {
        private const string EnableId = ",TeamsRemediation.Commands.EnableTls12Command";

        private static (SimulatedSession Session, SimulatedUser Alice) BrokenPc()
        {
            var s = new SimulatedSession();
            InstallDotNet(s.Machine);
            DisableTls12OnMachine(s.Machine);
            foreach (var key in new[] { DotNet2x64, DotNet2x86 })
            {
                s.Machine.SimulatedRegistry.DeleteValue(Key(key), "SchUseStrongCrypto");
                s.Machine.SimulatedRegistry.DeleteValue(Key(key), "SystemDefaultTlsVersions");
            }

            Set(s.Machine, DotNet4x86, "SchUseStrongCrypto", RegistryValue.String("1"));
            Set(s.Machine, SchannelServer, "Enabled", RegistryValue.String("0"));
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            s.Pc.RunAsSystem();
            return (s, alice);
        }

        [Fact]
        public void TheRepairPipedStraightIntoTheRestoreLeavesTheRegistryByteIdentical()
        {
            var (s, _) = BrokenPc();
            using var __ = s;
            var before = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Enable-Tls12 | Undo-TeamsRemediation");

            Assert.Empty(result.Errors);
            var restored = result.Objects<RestoreResult>().ToList();
            Assert.Equal(2 + 8 + 2 + 1, restored.Count);
            Assert.All(restored, r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            Assert.Equal(RegistryValue.String("1"), Get(s.Machine, DotNet4x86, "SchUseStrongCrypto"));
            Assert.Equal(RegistryValue.String("0"), Get(s.Machine, SchannelServer, "Enabled"));
        }

        [Fact]
        public void PipedInstallationsRepairEachUserOnceAndTheMachineOnce()
        {
            var (s, alice) = BrokenPc();
            using var _ = s;
            alice.InstallNewTeams().AddClassicCache();
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallClassicTeams();
            bob.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));

            var changes = s.Run("Get-TeamsInstallation -AllUsers -NoCacheSize | Enable-Tls12").Objects<TlsSettingChange>().ToList();

            var users = changes.Where(c => c.UserSid.Length > 0).ToList();
            Assert.Equal(new[] { alice.Sid, bob.Sid }.OrderBy(x => x), users.Select(c => c.UserSid).OrderBy(x => x));
            Assert.All(users, c => Assert.Equal(TlsChangeAction.Updated, c.Action));
            Assert.Equal(2, changes.Count(c => c.Path.Contains("SCHANNEL")));
            Assert.DoesNotContain(changes, c => c.Path.Contains(@"TLS 1.2\Server"));
        }

        [Fact]
        public void AMaskWrittenAsTextKeepsTheProtocolsItNamesAndBecomesADWord()
        {
            var (s, alice) = BrokenPc();
            using var __ = s;
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.String("0x2280"));
            Set(s.Machine, WinHttpx86, "DefaultSecureProtocols", RegistryValue.String("2688"));

            s.Shell.Invoke("Enable-Tls12");

            Assert.Equal(RegistryValue.DWord(0x2A80), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));
            Assert.Equal(RegistryValue.DWord(0xA80), Get(s.Machine, WinHttpx86, "DefaultSecureProtocols"));
        }

        [Fact]
        public void AnEnabledFlagOfTheWrongTypeBecomesTheDWordOneWhateverTheTextSaid()
        {
            var (s, _) = BrokenPc();
            using var __ = s;
            Set(s.Machine, SchannelClient, "Enabled", RegistryValue.String("yes"));

            s.Shell.Invoke("Enable-Tls12 -Scope Machine");

            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, SchannelClient, "Enabled"));
            Assert.Equal(RegistryValue.String("0"), Get(s.Machine, SchannelServer, "Enabled"));
        }

        [Fact]
        public void AnUnreadableKeyIsReportedPerValueAndTheOtherValuesAreStillRepaired()
        {
            var (s, _) = BrokenPc();
            using var __ = s;
            s.Machine.SimulatedRegistry.DenyAccess(Key(DotNet4x64));

            var result = s.Run("Enable-Tls12 -Scope Machine");

            Assert.Null(result.Terminating);
            // A read failure is not a write failure: the id says which, so a script can tell permissions from a full disk.
            Assert.Equal(new[] { "TlsValueUnreadable" + EnableId, "TlsValueUnreadable" + EnableId },
                result.Errors.Select(e => e.FullyQualifiedErrorId));
            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, DotNet4x86, "SchUseStrongCrypto"));
            Assert.Equal(RegistryValue.DWord(0x8A0), Get(s.Machine, WinHttpx64, "DefaultSecureProtocols"));
        }

        [Fact]
        public void WhenTheJournalCannotBeWrittenTheRegistryIsLeftAsItWas()
        {
            var (s, _) = BrokenPc();
            using var __ = s;
            var blocker = System.IO.Path.Combine(s.Machine.RootFolder, "not-a-folder");
            System.IO.File.WriteAllText(blocker, "a file where the journal folder should be");
            var before = s.Machine.SimulatedRegistry.Export();
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            var result = s.Run("Enable-Tls12 -Scope Machine -JournalPath $args[0]", System.IO.Path.Combine(blocker, "journal.xml"));

            Assert.Equal("JournalWriteFailed" + EnableId, result.TerminatingErrorId);
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            // Write-ahead: not written and taken back, never written at all.
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
        }
    }
}
