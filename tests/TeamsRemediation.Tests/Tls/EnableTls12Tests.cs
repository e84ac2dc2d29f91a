using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Tls
{
    /// <summary>Enable-Tls12 in a real engine against a simulated registry: what it writes, where, with which type, and what it never
    /// touches.</summary>
    public sealed class EnableTls12Tests
    {
        private const string Cmd = "TeamsRemediation.Commands.EnableTls12Command";
        private const string Client = TlsRegistryLocations.SchannelTls12 + @"\Client";
        private const string Server = TlsRegistryLocations.SchannelTls12 + @"\Server";

        private static RegistryKeyPath Hklm(string path, RegistryView view = RegistryView.Registry64) =>
            new RegistryKeyPath(RegistryHive.LocalMachine, path, view);

        private static uint? DWord(SimulatedSession s, string path, string name, RegistryView view = RegistryView.Registry64)
        {
            var value = s.Machine.SimulatedRegistry.GetValue(Hklm(path, view), name);
            if (value != null)
            {
                Assert.Equal(RegistryValueKind.DWord, value.Kind);
            }

            return value?.AsDWord;
        }

        private static string JournalFolder(SimulatedSession s) => Path.Combine(s.Machine.ProgramDataPath, "TeamsRemediation", "Journal");

        private static bool AnyJournal(SimulatedSession s) => Directory.Exists(JournalFolder(s)) && Directory.GetFiles(JournalFolder(s)).Length > 0;

        private static void InstallDotNet(SimulatedSession s)
        {
            foreach (var path in new[] { TlsRegistryLocations.DotNet4, TlsRegistryLocations.DotNet2 })
            {
                foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
                {
                    s.Machine.SimulatedRegistry.SetValue(Hklm(path, view), "Install", RegistryValue.DWord(1));
                }
            }
        }

        [Fact]
        public void WhenNoTlsKeyExistsNothingIsWrittenAndEveryValueIsReportedUnchanged()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAsSystem();
            var before = s.Machine.SimulatedRegistry.Export();
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            var result = s.Run("Enable-Tls12");

            Assert.Empty(result.Errors);
            var changes = result.Objects<TlsSettingChange>().ToList();
            // SCHANNEL TLS 1.2\Client (2; SYSTEM has one view), .NET (8), WinHTTP (2 views), alice's Internet Options (1).
            Assert.Equal(13, changes.Count);
            Assert.All(changes, c => Assert.Equal(TlsChangeAction.Unchanged, c.Action));
            Assert.All(changes, c => Assert.Equal("(absent)", c.OldValue));
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.False(AnyJournal(s));
            Assert.Empty(result.Warnings);
            Assert.Equal(@"CONTOSO\alice", Assert.Single(changes, c => c.UserSid == alice.Sid).User);
        }

        [Fact]
        public void WithDotNetInstalledItsRecommendedValuesAreCreatedInBothViewsAndTheOsDefaultsStayAbsent()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAsSystem();
            InstallDotNet(s);

            var result = s.Run("Enable-Tls12");

            Assert.Empty(result.Errors);
            var changes = result.Objects<TlsSettingChange>().ToList();
            Assert.Equal(8, changes.Count(c => c.Action == TlsChangeAction.Created));
            Assert.All(changes.Where(c => c.Action == TlsChangeAction.Created), c => Assert.Equal("DotNet", c.Setting));
            foreach (var path in new[] { TlsRegistryLocations.DotNet4, TlsRegistryLocations.DotNet2 })
            {
                foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
                {
                    Assert.Equal(1u, DWord(s, path, "SchUseStrongCrypto", view));
                    Assert.Equal(1u, DWord(s, path, "SystemDefaultTlsVersions", view));
                }
            }

            var export = s.Machine.SimulatedRegistry.Export();
            Assert.Contains(@"[HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319]"
                + "\nInstall=0x00000001 (REG_DWORD)\nSchUseStrongCrypto=0x00000001 (REG_DWORD)\nSystemDefaultTlsVersions=0x00000001 (REG_DWORD)\n",
                export);
            Assert.False(s.Machine.SimulatedRegistry.KeyExists(Hklm(Client)));
            Assert.False(s.Machine.SimulatedRegistry.KeyExists(Hklm(TlsRegistryLocations.WinHttp)));
            Assert.Null(s.Machine.SimulatedRegistry.GetValue(alice.HiveKey(TlsRegistryLocations.UserInternetSettings), "SecureProtocols"));
            var user = Assert.Single(changes, c => c.UserSid == alice.Sid);
            Assert.Equal(TlsChangeAction.Unchanged, user.Action);
            Assert.Equal("(absent)", user.OldValue);
            Assert.All(changes.Where(c => c.UserSid.Length == 0), c => Assert.Equal(string.Empty, c.User));
            Assert.All(changes, c => Assert.Equal("PC01", c.ComputerName));
            Assert.Single(result.Warnings, w => w.StartsWith("Restart the computer"));
            Assert.All(changes, c => Assert.True(File.Exists(c.JournalPath)));
        }

        [Theory]
        [InlineData(Client, "Enabled", RegistryView.Registry64, 0u, 1u)]
        [InlineData(Client, "DisabledByDefault", RegistryView.Registry64, 1u, 0u)]
        [InlineData(Client, "DisabledByDefault", RegistryView.Registry32, 0xFFFFFFFFu, 0u)]
        [InlineData(TlsRegistryLocations.DotNet4, "SchUseStrongCrypto", RegistryView.Registry64, 0u, 1u)]
        [InlineData(TlsRegistryLocations.DotNet2, "SystemDefaultTlsVersions", RegistryView.Registry32, 0u, 1u)]
        [InlineData(TlsRegistryLocations.WinHttp, "DefaultSecureProtocols", RegistryView.Registry64, 0x280u, 0xA80u)]
        [InlineData(TlsRegistryLocations.WinHttp, "DefaultSecureProtocols", RegistryView.Registry32, 0x0A0u, 0x8A0u)]
        public void TlsSwitchedOffInEachPlaceIsSwitchedBackOnAsADWordInThatView(string path, string name, RegistryView view, uint before, uint after)
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Hklm(path, view), name, RegistryValue.DWord(before));

            var result = s.Run("Enable-Tls12 -Scope Machine");

            Assert.Empty(result.Errors);
            Assert.Equal(after, DWord(s, path, name, view));
            var viewName = view == RegistryView.Registry64 ? "64-bit" : "32-bit";
            var change = Assert.Single(result.Objects<TlsSettingChange>(),
                c => c.ValueName == name && c.Path == @"HKLM\" + path && (c.View == viewName || path.StartsWith("SYSTEM")));
            Assert.Equal(TlsChangeAction.Updated, change.Action);
            Assert.Equal(RegistryValue.DWord(before).ToString(), change.OldValue);
            Assert.Equal(RegistryValue.DWord(after).ToString(), change.NewValue);
            Assert.True(change.RebootRequired);
        }

        [Fact]
        public void EnabledAsAllOnesAlreadyCountsAsOnAndIsNotTouched()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Hklm(Client), "Enabled", RegistryValue.DWord(0xFFFFFFFF));
            s.Machine.SimulatedRegistry.SetValue(Hklm(Client), "DisabledByDefault", RegistryValue.DWord(0));

            var result = s.Run("Enable-Tls12 -Scope Machine");

            Assert.Equal(0xFFFFFFFFu, DWord(s, Client, "Enabled"));
            Assert.Equal(0u, DWord(s, Client, "DisabledByDefault"));
            Assert.All(result.Objects<TlsSettingChange>().Where(c => c.Setting == "Schannel"),
                c => Assert.Equal(TlsChangeAction.Unchanged, c.Action));
        }

        [Theory]
        [InlineData(0xAA0u, 0xAA0u, TlsChangeAction.Unchanged)]
        [InlineData(0x2A80u, 0x2A80u, TlsChangeAction.Unchanged)]
        [InlineData(0x2A0u, 0xAA0u, TlsChangeAction.Updated)]
        [InlineData(0x2280u, 0x2A80u, TlsChangeAction.Updated)]
        public void WinHttpGainsOnlyTheTls12BitAndKeepsEveryOtherIncludingTls13(uint before, uint after, TlsChangeAction action)
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
            {
                s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.WinHttp, view), "DefaultSecureProtocols", RegistryValue.DWord(before));
            }

            var result = s.Run("Enable-Tls12 -Scope Machine");

            foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
            {
                var value = DWord(s, TlsRegistryLocations.WinHttp, "DefaultSecureProtocols", view)!.Value;
                Assert.Equal(after, value);
                Assert.Equal(before, value & before);
            }

            Assert.Equal(2, result.Objects<TlsSettingChange>().Count(c => c.ValueName == "DefaultSecureProtocols" && c.Action == action));
        }

        [Fact]
        public void AUserPolicyOrAMachinePolicyMakesSecureProtocolsManagedAndNothingOfItIsWritten()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var bob = s.Pc.AddUser("bob", loggedOn: true);
            var carol = s.Pc.AddUser("carol", loggedOn: true);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            alice.SetUserValue(TlsRegistryLocations.PolicyInternetSettings, "SecureProtocols", RegistryValue.DWord(0x80));
            bob.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            carol.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.PolicyInternetSettings, RegistryView.Registry32), "SecureProtocols",
                RegistryValue.DWord(0xA0));
            var before = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Enable-Tls12 -Scope User -AllUsers");

            var changes = result.Objects<TlsSettingChange>().ToList();
            Assert.Equal(3, changes.Count);
            Assert.All(changes, c => Assert.Equal(TlsChangeAction.ManagedByPolicy, c.Action));
            Assert.Contains(changes, c => c.UserSid == alice.Sid && c.Reason.Contains(@"HKU\" + alice.Sid + @"\Software\Policies"));
            Assert.Contains(changes, c => c.UserSid == bob.Sid && c.Reason.Contains(@"HKLM\Software\Policies") && c.Reason.Contains("32-bit"));
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            Assert.False(AnyJournal(s));
        }

        [Fact]
        public void InternetOptionsAreRepairedInEachTargetUsersOwnHiveAndAnUnloadedHiveIsSkippedWithTheReason()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var bob = s.Pc.AddUser("bob", loggedOn: false, hiveLoaded: false);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0x2A0));
            s.Pc.RunAsSystem();

            var result = s.Run("Enable-Tls12 -Scope User -AllUsers");

            Assert.Equal(RegistryValue.DWord(0xAA0), s.Machine.SimulatedRegistry.GetValue(alice.HiveKey(TlsRegistryLocations.UserInternetSettings),
                "SecureProtocols"));
            var forAlice = Assert.Single(result.Objects<TlsSettingChange>(), c => c.UserSid == alice.Sid);
            Assert.Equal(TlsChangeAction.Updated, forAlice.Action);
            Assert.False(forAlice.RebootRequired);
            var forBob = Assert.Single(result.Objects<TlsSettingChange>(), c => c.UserSid == bob.Sid);
            Assert.Equal(TlsChangeAction.Skipped, forBob.Action);
            Assert.Contains("not loaded", forBob.Reason);
            Assert.True(s.Machine.SimulatedRegistry.IsHiveUnloaded(bob.Sid));
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void AThirtyTwoBitHostStillWritesBothPhysicalKeys()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem().Bitness32();
            InstallDotNet(s);
            foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
            {
                s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.WinHttp, view), "DefaultSecureProtocols", RegistryValue.DWord(0xA0));
            }

            s.Run("Enable-Tls12 -Scope Machine");

            var export = s.Machine.SimulatedRegistry.Export();
            Assert.Contains(@"[HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp]"
                + "\nDefaultSecureProtocols=0x000008A0 (REG_DWORD)\n", export);
            Assert.Contains(@"[HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp]"
                + "\nDefaultSecureProtocols=0x000008A0 (REG_DWORD)\n", export);
            Assert.Contains(@"[HKLM\SOFTWARE\Microsoft\.NETFramework\v2.0.50727]", export);
            Assert.Contains(@"[HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v2.0.50727]", export);
        }

        [Fact]
        public void WithoutElevationTheMachineScopeStopsBeforeAnythingIsWritten()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            s.Machine.SimulatedRegistry.SetValue(Hklm(Client), "Enabled", RegistryValue.DWord(0));
            s.Pc.RunAs(alice, elevated: false);
            var before = s.Machine.SimulatedRegistry.Export();
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            var result = s.Run("Enable-Tls12");

            Assert.Equal("ElevationRequired," + Cmd, result.TerminatingErrorId);
            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.False(AnyJournal(s));

            // Her own Internet Options need no elevation.
            var own = s.Run("Enable-Tls12 -Scope User");
            Assert.Null(own.Terminating);
            Assert.Equal(RegistryValue.DWord(0x8A0), s.Machine.SimulatedRegistry.GetValue(alice.HiveKey(TlsRegistryLocations.UserInternetSettings),
                "SecureProtocols"));
            Assert.Equal(0u, DWord(s, Client, "Enabled"));
        }

        [Fact]
        public void WhatIfWritesNothingCreatesNoJournalAndSaysWhatItWouldDo()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice", loggedOn: true).SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols",
                RegistryValue.DWord(0xA0));
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Hklm(Client), "Enabled", RegistryValue.DWord(0));
            var before = s.Machine.SimulatedRegistry.Export();
            var writes = s.Machine.SimulatedRegistry.WriteCount;

            var result = s.Run("Enable-Tls12 -WhatIf");

            Assert.Equal(before, s.Machine.SimulatedRegistry.Export());
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.False(AnyJournal(s));
            var enabled = Assert.Single(result.Objects<TlsSettingChange>(), c => c.ValueName == "Enabled" && c.Path.EndsWith("Client"));
            Assert.Equal(TlsChangeAction.WhatIf, enabled.Action);
            Assert.Equal("0x00000000 (REG_DWORD)", enabled.OldValue);
            Assert.Equal("0x00000001 (REG_DWORD)", enabled.NewValue);
            Assert.StartsWith("-WhatIf: would set to 0x00000001 (REG_DWORD)", enabled.Reason);
            Assert.Equal(2, result.Objects<TlsSettingChange>().Count(c => c.Action == TlsChangeAction.WhatIf));
            Assert.DoesNotContain(result.Objects<TlsSettingChange>(), c => c.Action == TlsChangeAction.Skipped);
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void ASecondRunWritesNothingAndReportsEveryValueUnchanged()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Hklm(Client), "Enabled", RegistryValue.DWord(0));
            s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.WinHttp, RegistryView.Registry32), "DefaultSecureProtocols",
                RegistryValue.DWord(0xA0));
            Assert.Contains(s.Run("Enable-Tls12").Objects<TlsSettingChange>(), c => c.Action == TlsChangeAction.Updated);
            var writes = s.Machine.SimulatedRegistry.WriteCount;
            var journals = Directory.GetFiles(JournalFolder(s)).Length;

            var second = s.Run("Enable-Tls12");

            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.All(second.Objects<TlsSettingChange>(), c => Assert.Equal(TlsChangeAction.Unchanged, c.Action));
            Assert.All(second.Objects<TlsSettingChange>(), c => Assert.Equal(string.Empty, c.JournalPath));
            Assert.Equal(13, second.Objects<TlsSettingChange>().Count());
            Assert.Empty(second.Warnings);
            Assert.Equal(journals, Directory.GetFiles(JournalFolder(s)).Length);
        }

        [Fact]
        public void AValueOfTheWrongTypeIsRewrittenAsADWordAndAMisspelledNameIsNeverTouched()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Hklm(Client), "Enabled", RegistryValue.String("1"));
            s.Machine.SimulatedRegistry.SetValue(Hklm(Client), "DisableByDefault", RegistryValue.DWord(1));
            s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.WinHttp), "DefaultSecureProtocols", RegistryValue.String("0xA0"));
            s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.WinHttp, RegistryView.Registry32), "DefaultSecureProtocols",
                RegistryValue.String("TLS12"));

            var result = s.Run("Enable-Tls12 -Scope Machine");

            Assert.Equal(1u, DWord(s, Client, "Enabled"));
            Assert.Equal(RegistryValue.DWord(1), s.Machine.SimulatedRegistry.GetValue(Hklm(Client), "DisableByDefault"));
            Assert.Equal(0x8A0u, DWord(s, TlsRegistryLocations.WinHttp, "DefaultSecureProtocols"));
            Assert.Equal(RegistryValue.String("TLS12"), s.Machine.SimulatedRegistry.GetValue(Hklm(TlsRegistryLocations.WinHttp,
                RegistryView.Registry32), "DefaultSecureProtocols"));
            var unreadable = Assert.Single(result.Objects<TlsSettingChange>(), c => c.ValueName == "DefaultSecureProtocols" && c.View == "32-bit");
            Assert.Equal(TlsChangeAction.Skipped, unreadable.Action);
            Assert.Contains("fix it by hand", unreadable.Reason);
        }

        [Fact]
        public void EnableThenUndoLeavesTheRegistryByteIdentical()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            s.Pc.RunAsSystem();
            InstallDotNet(s);
            var registry = s.Machine.SimulatedRegistry;
            registry.SetValue(Hklm(Client), "Enabled", RegistryValue.String("1"));
            registry.SetValue(Hklm(Server), "DisabledByDefault", RegistryValue.DWord(1));
            registry.SetValue(Hklm(TlsRegistryLocations.DotNet4, RegistryView.Registry32), "SchUseStrongCrypto", RegistryValue.DWord(0));
            registry.SetValue(Hklm(TlsRegistryLocations.WinHttp), "DefaultSecureProtocols", RegistryValue.DWord(0x2280));
            var before = registry.Export();

            var restored = s.Run("Enable-Tls12 -AllUsers | Undo-TeamsRemediation");

            Assert.Empty(restored.Errors);
            var results = restored.Objects<RestoreResult>().ToList();
            Assert.Equal(11, results.Count);
            Assert.All(results, r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, registry.Export());
            Assert.Equal(RegistryValue.String("1"), registry.GetValue(Hklm(Client), "Enabled"));
            Assert.DoesNotContain(results, r => r.Target.Contains(@"TLS 1.2\Server"));
        }

        [Fact]
        public void NamingUsersWithMachineScopeIsRefused()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAsSystem();

            var result = s.Run("Enable-Tls12 -Scope Machine -UserName alice");

            Assert.Equal("UsersOutsideScope," + Cmd, result.TerminatingErrorId);
            Assert.False(AnyJournal(s));
        }

        [Fact]
        public void AsSystemWithNobodyLoggedOnTheMachineIsStillRepairedAndTheMissingUserIsAWarning()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice", loggedOn: false);
            s.Pc.RunAsSystem();
            s.Machine.SimulatedRegistry.SetValue(Hklm(Client), "Enabled", RegistryValue.DWord(0));

            var result = s.Run("Enable-Tls12 -Confirm:$false");

            Assert.Null(result.Terminating);
            Assert.Equal(1u, DWord(s, Client, "Enabled"));
            Assert.Contains(result.Warnings, w => w.Contains("nobody is logged on"));
            Assert.DoesNotContain(result.Objects<TlsSettingChange>(), c => c.UserSid.Length > 0);
        }
    }
}
