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
    public sealed class EnableTls12Tests
    {
        private const string Id = ",TeamsRemediation.Commands.EnableTls12Command";

        private static (SimulatedSession Session, SimulatedUser Alice) Pc()
        {
            var s = new SimulatedSession();
            InstallDotNet(s.Machine);
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Machine.SimulatedRegistry.CreateKey(UserInternetSettings(alice));
            s.Pc.RunAsSystem();
            return (s, alice);
        }

        [Fact]
        public void WithTheKeysAbsentOnlyTheRecommendedDotNetValuesAreCreatedAndNothingElseAppears()
        {
            var (s, alice) = Pc();
            using var _ = s;

            var result = s.Run("Enable-Tls12");

            Assert.Empty(result.Errors);
            var changes = result.Objects<TlsSettingChange>().ToList();
            // SCHANNEL: absent is the OS default (TLS 1.2 on): no key is created for it.
            Assert.False(s.Machine.SimulatedRegistry.KeyExists(Key(SchannelClient)));
            Assert.False(s.Machine.SimulatedRegistry.KeyExists(Key(SchannelServer)));
            Assert.All(changes.Where(c => c.Area == "Schannel"), c => Assert.Equal((TlsChangeAction.Unchanged, "(absent)", "Shared"), (c.Action, c.OldValue, c.View)));
            Assert.Equal(4, changes.Count(c => c.Area == "Schannel"));
            // WinHTTP and the user's SecureProtocols: an absent mask keeps TLS 1.3 where the OS has it.
            foreach (var key in WinHttpKeys)
            {
                Assert.Null(Get(s.Machine, key, "DefaultSecureProtocols"));
            }

            Assert.Null(s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));
            var user = Assert.Single(changes, c => c.Area == "InternetOptions");
            Assert.Equal((TlsChangeAction.Unchanged, alice.Sid, "CONTOSO\\alice", "PC01"), (user.Action, user.UserSid, user.User, user.ComputerName));
            // .NET: created as REG_DWORD 1 in both physical places of both versions.
            foreach (var key in DotNetKeys)
            {
                Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, key, "SchUseStrongCrypto"));
                Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, key, "SystemDefaultTlsVersions"));
            }

            var created = changes.Where(c => c.Action == TlsChangeAction.Created).ToList();
            Assert.Equal(8, created.Count);
            Assert.All(created, c => Assert.Equal(("(absent)", "0x00000001 (REG_DWORD)", true), (c.OldValue, c.NewValue, c.RebootRequired)));
            Assert.Equal(DotNetKeys.OrderBy(p => p), created.Select(c => c.Path).Distinct().OrderBy(p => p));
            Assert.Contains(result.Warnings, w => w.Contains("Restart PC01") && w.Contains("DotNet"));
        }

        [Fact]
        public void AFrameworkThatIsNotInstalledGetsNoKey()
        {
            using var s = new SimulatedSession();
            Set(s.Machine, DotNet4x64, "Install", RegistryValue.DWord(1));
            Set(s.Machine, DotNet4x86, "Install", RegistryValue.DWord(1));
            s.Pc.RunAsSystem();

            var changes = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().Where(c => c.Path.Contains("v2.0.50727")).ToList();

            Assert.Equal(4, changes.Count);
            Assert.All(changes, c => Assert.Equal(TlsChangeAction.Skipped, c.Action));
            Assert.Contains("not installed", changes[0].Reason);
            Assert.False(s.Machine.SimulatedRegistry.KeyExists(Key(DotNet2x64)));
            Assert.False(s.Machine.SimulatedRegistry.KeyExists(Key(DotNet2x86)));
        }

        [Fact]
        public void TlsExplicitlyDisabledInEachPlaceIsSwitchedBackOnAsDWords()
        {
            var (s, alice) = Pc();
            using var _ = s;
            DisableTls12OnMachine(s.Machine);
            s.Machine.SimulatedRegistry.SetValue(UserInternetSettings(alice), "SecureProtocols", RegistryValue.DWord(0xA0));

            var result = s.Run("Enable-Tls12");

            Assert.Empty(result.Errors);
            foreach (var key in new[] { SchannelClient, SchannelServer })
            {
                Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, key, "Enabled"));
                Assert.Equal(RegistryValue.DWord(0), Get(s.Machine, key, "DisabledByDefault"));
            }

            foreach (var key in DotNetKeys)
            {
                Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, key, "SchUseStrongCrypto"));
                Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, key, "SystemDefaultTlsVersions"));
            }

            foreach (var key in WinHttpKeys)
            {
                Assert.Equal(RegistryValue.DWord(0x8A0), Get(s.Machine, key, "DefaultSecureProtocols"));
            }

            Assert.Equal(RegistryValue.DWord(0x8A0), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));
            var changes = result.Objects<TlsSettingChange>().ToList();
            Assert.Equal(4 + 8 + 2 + 1, changes.Count);
            Assert.All(changes, c => Assert.Equal(TlsChangeAction.Updated, c.Action));
            Assert.All(changes, c => Assert.Equal(c.Area != "InternetOptions", c.RebootRequired));
            Assert.All(changes, c => Assert.EndsWith("(REG_DWORD)", c.NewValue));
            var journal = Assert.Single(JournalFiles(s.Machine));
            Assert.All(changes, c => Assert.Equal(journal, c.JournalPath));
            Assert.Equal("0x000000A0 (REG_DWORD)", changes.Single(c => c.Area == "InternetOptions").OldValue);
            Assert.Contains(result.Warnings, w => w.Contains("Restart PC01") && w.Contains("Schannel") && w.Contains("WinHttp"));
        }

        [Fact]
        public void EnabledAsFFFFFFFFAlreadyMeansEnabledAndIsLeftAsItIs()
        {
            var (s, _) = Pc();
            using var __ = s;
            Set(s.Machine, SchannelClient, "Enabled", RegistryValue.DWord(0xFFFFFFFF));
            Set(s.Machine, SchannelClient, "DisabledByDefault", RegistryValue.DWord(0));
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            var changes = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().Where(c => c.Path == SchannelClient).ToList();

            Assert.Equal(RegistryValue.DWord(0xFFFFFFFF), Get(s.Machine, SchannelClient, "Enabled"));
            Assert.All(changes, c => Assert.Equal(TlsChangeAction.Unchanged, c.Action));
            Assert.Equal("0xFFFFFFFF (REG_DWORD)", changes.Single(c => c.ValueName == "Enabled").NewValue);
            // Only the eight recommended .NET values were written.
            Assert.Equal(writes + 8, s.Machine.SimulatedRegistry.WriteCount);
        }

        [Fact]
        public void OnlyTheValueThatTurnsTlsOffIsFixedAndAbsentOnesStayAbsent()
        {
            var (s, _) = Pc();
            using var __ = s;
            Set(s.Machine, SchannelServer, "DisabledByDefault", RegistryValue.DWord(1));

            var changes = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().Where(c => c.Path == SchannelServer).ToList();

            Assert.Equal(RegistryValue.DWord(0), Get(s.Machine, SchannelServer, "DisabledByDefault"));
            Assert.Null(Get(s.Machine, SchannelServer, "Enabled"));
            Assert.Equal(TlsChangeAction.Updated, changes.Single(c => c.ValueName == "DisabledByDefault").Action);
            Assert.Equal(TlsChangeAction.Unchanged, changes.Single(c => c.ValueName == "Enabled").Action);
        }

        [Theory]
        [InlineData(0xAA0u, 0xAA0u, TlsChangeAction.Unchanged)] // SSL3, TLS 1.0, 1.1, 1.2: already a superset, nothing is taken away.
        [InlineData(0x2A80u, 0x2A80u, TlsChangeAction.Unchanged)] // TLS 1.0, 1.1, 1.2, 1.3.
        [InlineData(0x2280u, 0x2A80u, TlsChangeAction.Updated)] // TLS 1.3 without 1.2: 1.2 added, the TLS 1.3 bit kept.
        [InlineData(0x0u, 0x800u, TlsChangeAction.Updated)]
        public void WinHttpOnlyEverGainsTheTls12Bit(uint before, uint after, TlsChangeAction action)
        {
            var (s, _) = Pc();
            using var __ = s;
            foreach (var key in WinHttpKeys)
            {
                Set(s.Machine, key, "DefaultSecureProtocols", RegistryValue.DWord(before));
            }

            var changes = s.Run("Enable-Tls12 -Scope Machine").Objects<TlsSettingChange>().Where(c => c.Area == "WinHttp").ToList();

            Assert.Equal(new[] { "32-bit", "64-bit" }, changes.Select(c => c.View).OrderBy(v => v));
            Assert.All(changes, c => Assert.Equal(action, c.Action));
            foreach (var key in WinHttpKeys)
            {
                Assert.Equal(RegistryValue.DWord(after), Get(s.Machine, key, "DefaultSecureProtocols"));
            }
        }

        [Fact]
        public void APolicyValueIsReportedAsManagedAndNeverOverwritten()
        {
            var (s, alice) = Pc();
            using var _ = s;
            var bob = s.Pc.AddUser("bob", loggedOn: true);
            s.Machine.SimulatedRegistry.SetValue(UserInternetSettings(alice), "SecureProtocols", RegistryValue.DWord(0xA0));
            s.Machine.SimulatedRegistry.SetValue(UserInternetSettings(bob), "SecureProtocols", RegistryValue.DWord(0xA0));
            s.Machine.SimulatedRegistry.SetValue(alice.HiveKey(TlsRegistryLocations.PolicyInternetSettings), "SecureProtocols", RegistryValue.DWord(0xA0));
            var export = s.Machine.SimulatedRegistry.Export();

            var changes = s.Run("Enable-Tls12 -Scope User").Objects<TlsSettingChange>().ToList();

            var managed = changes.Single(c => c.UserSid == alice.Sid);
            Assert.Equal(TlsChangeAction.ManagedByPolicy, managed.Action);
            Assert.Contains("the policy itself turns TLS 1.2 off", managed.Reason);
            Assert.Equal(managed.OldValue, managed.NewValue);
            Assert.Equal(RegistryValue.DWord(0xA0), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));
            Assert.Equal(RegistryValue.DWord(0xA0), s.Machine.SimulatedRegistry.GetValue(alice.HiveKey(TlsRegistryLocations.PolicyInternetSettings), "SecureProtocols"));
            // Bob has no policy: his own value is repaired, in his hive, not the caller's.
            Assert.Equal(TlsChangeAction.Updated, changes.Single(c => c.UserSid == bob.Sid).Action);
            Assert.Equal(RegistryValue.DWord(0x8A0), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(bob), "SecureProtocols"));
            Assert.NotEqual(export, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void AMachinePolicyManagesEveryUsersValue()
        {
            var (s, alice) = Pc();
            using var _ = s;
            s.Machine.SimulatedRegistry.SetValue(UserInternetSettings(alice), "SecureProtocols", RegistryValue.DWord(0xA0));
            Set(s.Machine, @"HKLM\Software\Policies\Microsoft\Windows\CurrentVersion\Internet Settings", "SecureProtocols", RegistryValue.DWord(0xA80));

            var change = Assert.Single(s.Run("Enable-Tls12 -Scope User").Objects<TlsSettingChange>());

            Assert.Equal(TlsChangeAction.ManagedByPolicy, change.Action);
            Assert.Contains(@"HKLM\SOFTWARE\Policies", change.Reason, System.StringComparison.OrdinalIgnoreCase);
            Assert.Equal(RegistryValue.DWord(0xA0), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));
        }

        [Fact]
        public void AThirtyTwoBitHostStillWritesBothPhysicalViews()
        {
            var (s, _) = Pc();
            using var __ = s;
            s.Pc.Bitness32();
            DisableTls12OnMachine(s.Machine);

            var result = s.Run("Enable-Tls12 -Scope Machine -Verbose");

            Assert.Empty(result.Errors);
            // The WOW6432Node copy (what a 32-bit host sees by default) and the 64-bit key both.
            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, DotNet4x64, "SchUseStrongCrypto"));
            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, DotNet4x86, "SchUseStrongCrypto"));
            Assert.Equal(RegistryValue.DWord(0x8A0), Get(s.Machine, WinHttpx64, "DefaultSecureProtocols"));
            Assert.Equal(RegistryValue.DWord(0x8A0), Get(s.Machine, WinHttpx86, "DefaultSecureProtocols"));
            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, SchannelClient, "Enabled"));
            var values = Values(s.Machine.SimulatedRegistry.Export());
            Assert.Equal("0x00000001 (REG_DWORD)", values[(DotNet4x86.ToUpperInvariant(), "SystemDefaultTlsVersions")]);
            Assert.Equal("0x00000001 (REG_DWORD)", values[(DotNet4x64.ToUpperInvariant(), "SystemDefaultTlsVersions")]);
            Assert.Contains(result.Verbose, v => v.Contains("32-bit PowerShell"));
        }

        [Fact]
        public void NotElevatedItStopsWithAnIdThatSaysSoAndWritesNothing()
        {
            using var s = new SimulatedSession();
            InstallDotNet(s.Machine);
            DisableTls12OnMachine(s.Machine);
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAs(alice, elevated: false);
            var export = s.Machine.SimulatedRegistry.Export();
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            var result = s.Run("Enable-Tls12");

            Assert.Equal("ElevationRequired" + Id, result.TerminatingErrorId);
            Assert.Empty(result.Output);
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.Equal(export, s.Machine.SimulatedRegistry.Export());
            Assert.Empty(JournalFiles(s.Machine));
            Assert.Equal("ElevationRequired" + Id, s.Run("Enable-Tls12 -Scope Machine").TerminatingErrorId);
        }

        [Fact]
        public void NotElevatedTheUserScopeRepairsTheCallersOwnHive()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0x280));
            s.Pc.RunAs(alice, elevated: false);

            var change = Assert.Single(s.Run("Enable-Tls12 -Scope User").Objects<TlsSettingChange>());

            Assert.Equal((TlsChangeAction.Updated, false), (change.Action, change.RebootRequired));
            Assert.Equal(RegistryValue.DWord(0xA80), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));
        }

        [Fact]
        public void WhatIfWritesNothingAndCreatesNoJournal()
        {
            var (s, alice) = Pc();
            using var _ = s;
            DisableTls12OnMachine(s.Machine);
            s.Machine.SimulatedRegistry.SetValue(UserInternetSettings(alice), "SecureProtocols", RegistryValue.DWord(0xA0));
            var export = s.Machine.SimulatedRegistry.Export();
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            var result = s.Run("Enable-Tls12 -WhatIf");

            Assert.Empty(result.Errors);
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.Equal(export, s.Machine.SimulatedRegistry.Export());
            Assert.Empty(JournalFiles(s.Machine));
            Assert.DoesNotContain(result.Objects<TlsSettingChange>(), c => c.Action == TlsChangeAction.Updated || c.Action == TlsChangeAction.Created);
            Assert.Contains(@"What if: Performing the operation ""Set to 0x00000001 (REG_DWORD) (was 0x00000000 (REG_DWORD))"" on target ""HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319\SchUseStrongCrypto""", s.Shell.HostText);
        }

        [Fact]
        public void ASecondRunWritesNothingAndReportsEveryValueUnchanged()
        {
            var (s, alice) = Pc();
            using var _ = s;
            DisableTls12OnMachine(s.Machine);
            s.Machine.SimulatedRegistry.SetValue(UserInternetSettings(alice), "SecureProtocols", RegistryValue.DWord(0xA0));
            var first = s.Run("Enable-Tls12").Objects<TlsSettingChange>().ToList();
            var writes = s.Machine.SimulatedRegistry.WriteCount;
            var journals = JournalFiles(s.Machine);

            var second = s.Run("Enable-Tls12");

            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            var changes = second.Objects<TlsSettingChange>().ToList();
            Assert.Equal(first.Count, changes.Count);
            Assert.All(changes, c => Assert.Equal(TlsChangeAction.Unchanged, c.Action));
            Assert.All(changes, c => Assert.Equal(string.Empty, c.JournalPath));
            Assert.Empty(second.Warnings);
            Assert.Equal(journals, JournalFiles(s.Machine));
        }

        [Fact]
        public void AValueOfTheWrongTypeIsRewrittenAsDWordAndTheStringIsJournaled()
        {
            var (s, alice) = Pc();
            using var _ = s;
            Set(s.Machine, DotNet4x64, "SchUseStrongCrypto", RegistryValue.String("1"));
            s.Machine.SimulatedRegistry.SetValue(UserInternetSettings(alice), "SecureProtocols", RegistryValue.String("2688"));

            var changes = s.Run("Enable-Tls12").Objects<TlsSettingChange>().ToList();

            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, DotNet4x64, "SchUseStrongCrypto"));
            var typed = changes.Single(c => c.Path == DotNet4x64 && c.ValueName == "SchUseStrongCrypto");
            Assert.Equal((TlsChangeAction.Updated, "'1' (REG_SZ)"), (typed.Action, typed.OldValue));
            Assert.Contains("wrong type", typed.Reason);
            // A mask written as text keeps the protocols it named (0xA80 = TLS 1.0, 1.1, 1.2) as a DWORD.
            Assert.Equal(RegistryValue.DWord(0xA80), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(alice), "SecureProtocols"));
            var entries = TeamsRemediation.Journal.JournalFile.Read(typed.JournalPath);
            Assert.Contains(entries, e => e.ValueName == "SchUseStrongCrypto" && RegistryValue.String("1").Equals(e.Before) && RegistryValue.DWord(1).Equals(e.After));
        }

        [Fact]
        public void AUserWhoseHiveIsNotLoadedIsReportedAndTheHiveIsLeftAlone()
        {
            var (s, _) = Pc();
            using var __ = s;
            var bob = s.Pc.AddUser("bob", hiveLoaded: false);
            bob.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));

            var result = s.Run("Enable-Tls12 -Scope User -AllUsers");

            var skipped = result.Objects<TlsSettingChange>().Single(c => c.UserSid == bob.Sid);
            Assert.Equal(TlsChangeAction.Skipped, skipped.Action);
            Assert.Contains("not logged on", skipped.Reason);
            Assert.True(s.Machine.SimulatedRegistry.IsHiveUnloaded(bob.Sid));
            s.Machine.SimulatedRegistry.LoadHive(bob.Sid);
            Assert.Equal(RegistryValue.DWord(0xA0), s.Machine.SimulatedRegistry.GetValue(UserInternetSettings(bob), "SecureProtocols"));
        }

        [Fact]
        public void AsSystemWithNobodyLoggedOnTheMachineIsStillRepaired()
        {
            using var s = new SimulatedSession();
            InstallDotNet(s.Machine);
            DisableTls12OnMachine(s.Machine);
            s.Pc.AddUser("alice");
            s.Pc.RunAsSystem();

            var result = s.Run("Enable-Tls12");

            Assert.Null(result.Terminating);
            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, SchannelClient, "Enabled"));
            Assert.DoesNotContain(result.Objects<TlsSettingChange>(), c => c.UserSid.Length > 0);
            Assert.Contains(result.Warnings, w => w.Contains("Nobody is logged on"));
            Assert.Equal("NoInteractiveUser" + Id, s.Run("Enable-Tls12 -Scope User").TerminatingErrorId);
        }

        [Fact]
        public void PipedInstallationsRepairEachUserOnceAndTheMachineOnce()
        {
            var (s, alice) = Pc();
            using var _ = s;
            alice.InstallNewTeams().AddClassicCache();
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallClassicTeams();
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            bob.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));

            var changes = s.Run("Get-TeamsInstallation -AllUsers -NoCacheSize | Enable-Tls12").Objects<TlsSettingChange>().ToList();

            Assert.Equal(2, changes.Count(c => c.Area == "InternetOptions"));
            Assert.Equal(new[] { alice.Sid, bob.Sid }.OrderBy(x => x), changes.Where(c => c.Area == "InternetOptions").Select(c => c.UserSid).OrderBy(x => x));
            Assert.Equal(4, changes.Count(c => c.Area == "Schannel"));
        }

        [Fact]
        public void ABadUserSidStopsTheCallBeforeAnythingIsWritten()
        {
            var (s, _) = Pc();
            using var __ = s;
            DisableTls12OnMachine(s.Machine);
            var export = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Enable-Tls12 -UserSid 'not-a-sid'");

            Assert.Equal("InvalidUserSid" + Id, result.TerminatingErrorId);
            Assert.Equal(export, s.Machine.SimulatedRegistry.Export());
        }

        [Fact]
        public void AnUnreachableKeyIsReportedAndTheOtherValuesGoOn()
        {
            var (s, _) = Pc();
            using var __ = s;
            DisableTls12OnMachine(s.Machine);
            s.Machine.SimulatedRegistry.DenyAccess(Key(DotNet2x86));

            var result = s.Run("Enable-Tls12 -Scope Machine");

            Assert.Equal(new[] { "TlsValueUnreadable" + Id, "TlsValueUnreadable" + Id }, result.Errors.Select(e => e.FullyQualifiedErrorId));
            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, DotNet2x64, "SchUseStrongCrypto"));
            Assert.Equal(RegistryValue.DWord(1), Get(s.Machine, SchannelServer, "Enabled"));
        }

        [Fact]
        public void WhenTheJournalCannotBeWrittenTheChangeIsPutBackAndNothingMoreChanges()
        {
            var (s, _) = Pc();
            using var __ = s;
            DisableTls12OnMachine(s.Machine);
            var blocker = Path.Combine(s.Machine.RootFolder, "not-a-folder");
            File.WriteAllText(blocker, "a file where the journal folder should be");
            var export = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Enable-Tls12 -Scope Machine -JournalPath $args[0]", Path.Combine(blocker, "journal.xml"));

            Assert.Equal("JournalUnavailable" + Id, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal(export, s.Machine.SimulatedRegistry.Export());
            Assert.DoesNotContain(result.Objects<TlsSettingChange>(), c => c.Action == TlsChangeAction.Updated || c.Action == TlsChangeAction.Created);
        }

        [Fact]
        public void TheDefaultViewGroupsMachineAndUsersAndShowsOldAndNew()
        {
            var (s, alice) = Pc();
            using var _ = s;
            DisableTls12OnMachine(s.Machine);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));

            var text = s.Shell.Show("Enable-Tls12");

            Assert.Contains("PC01 (machine)", text);
            Assert.Contains(@"CONTOSO\alice on PC01", text);
            Assert.Contains("OldValue", text);
            Assert.Contains("0x000008A0 (REG_DWORD)", text);
        }
    }
}
