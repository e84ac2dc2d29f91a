using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;
using static TeamsRemediation.Tests.Tls.TlsPc;

namespace TeamsRemediation.Tests.Tls
{
    public sealed class UndoTeamsRemediationTests
    {
        private const string Id = ",TeamsRemediation.Commands.UndoTeamsRemediationCommand";

        /// <summary>Every place broken at once, wrong types included, .NET values absent (created by the repair, deleted by the restore).</summary>
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
        public void RestoreReturnsTheRegistryToAByteIdenticalState()
        {
            var (s, _) = BrokenPc();
            using var __ = s;
            var before = s.Machine.SimulatedRegistry.Export();
            var changes = s.Run("Enable-Tls12").Objects<TlsSettingChange>().ToList();
            Assert.Equal(4 + 8 + 2 + 1, changes.Count(c => c.Action == TlsChangeAction.Updated || c.Action == TlsChangeAction.Created));
            Assert.NotEqual(before, s.Machine.SimulatedRegistry.Export());

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0]", changes[0].JournalPath);

            Assert.Empty(result.Errors);
            var restored = result.Objects<RestoreResult>().ToList();
            Assert.Equal(15, restored.Count);
            Assert.All(restored, r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            // Types come back too: the strings are strings again, the created values are gone.
            Assert.Equal(RegistryValue.String("1"), Get(s.Machine, DotNet4x86, "SchUseStrongCrypto"));
            Assert.Equal(RegistryValue.String("0"), Get(s.Machine, SchannelServer, "Enabled"));
            Assert.Null(Get(s.Machine, DotNet2x64, "SchUseStrongCrypto"));
        }

        [Fact]
        public void TheRepairsOutputPipesStraightIntoTheRestoreWhichRunsEachJournalOnce()
        {
            var (s, _) = BrokenPc();
            using var __ = s;
            var before = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Enable-Tls12 | Undo-TeamsRemediation");

            Assert.Empty(result.Errors);
            Assert.Equal(15, result.Objects<RestoreResult>().Count());
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void AValueChangedAgainSinceIsAConflictLeftAloneUnlessForced()
        {
            var (s, alice) = BrokenPc();
            using var __ = s;
            var journal = s.Run("Enable-Tls12").Objects<TlsSettingChange>().First(c => c.JournalPath.Length > 0).JournalPath;
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0x2A80));

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            var conflict = Assert.Single(result.Objects<RestoreResult>(), r => r.Status == RestoreStatus.Conflict);
            Assert.StartsWith(@"HKU\" + alice.Sid, conflict.Target);
            Assert.Contains(result.Warnings, w => w.Contains("-Force"));
            Assert.Equal(RegistryValue.DWord(0x2A80), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));

            var forced = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", journal).Objects<RestoreResult>().ToList();

            Assert.Equal(RestoreStatus.Restored, forced.Single(r => r.Target.StartsWith(@"HKU\")).Status);
            Assert.All(forced.Where(r => !r.Target.StartsWith(@"HKU\")), r => Assert.Equal(RestoreStatus.AlreadyRestored, r.Status));
            Assert.Equal(RegistryValue.DWord(0xA0), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));
        }

        [Fact]
        public void WhatIfRestoresNothing()
        {
            var (s, _) = BrokenPc();
            using var __ = s;
            var journal = s.Run("Enable-Tls12").Objects<TlsSettingChange>().First(c => c.JournalPath.Length > 0).JournalPath;
            var repaired = s.Machine.SimulatedRegistry.Export();
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0] -WhatIf", journal);

            Assert.All(result.Objects<RestoreResult>(), r => Assert.Equal(RestoreStatus.WhatIf, r.Status));
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.Equal(repaired, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void AMissingOrForeignJournalIsANonTerminatingErrorAndTheOthersGoOn()
        {
            var (s, _) = BrokenPc();
            using var __ = s;
            var before = s.Machine.SimulatedRegistry.Export();
            var journal = s.Run("Enable-Tls12").Objects<TlsSettingChange>().First(c => c.JournalPath.Length > 0).JournalPath;
            var foreign = Path.Combine(s.Machine.RootFolder, "notes.xml");
            File.WriteAllText(foreign, "<notes/>");

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0], $args[1], $args[2]", Path.Combine(s.Machine.RootFolder, "missing.xml"), foreign, journal);

            Assert.Equal(new[] { "JournalNotFound" + Id, "JournalInvalid" + Id }, result.Errors.Select(e => e.FullyQualifiedErrorId));
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void NotElevatedAMachineJournalIsRefusedWithAnIdThatSaysSo()
        {
            var (s, alice) = BrokenPc();
            using var __ = s;
            var journal = s.Run("Enable-Tls12").Objects<TlsSettingChange>().First(c => c.JournalPath.Length > 0).JournalPath;
            var repaired = s.Machine.SimulatedRegistry.Export();
            s.Pc.RunAs(alice, elevated: false);

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            Assert.Equal("ElevationRequired" + Id, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(result.Output);
            Assert.Equal(repaired, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void AnEmptyJournalPathFromAnUnchangedValueIsIgnored()
        {
            using var s = new SimulatedSession();

            var result = s.Run("[pscustomobject]@{ JournalPath = '' }, [pscustomobject]@{ JournalPath = '' } | Undo-TeamsRemediation");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
        }
    }
}
