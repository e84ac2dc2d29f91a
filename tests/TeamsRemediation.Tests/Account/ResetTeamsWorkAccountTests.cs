using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using TeamsRemediation.Account;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    public sealed class ResetTeamsWorkAccountTests
    {
        private const string FailedId = "WorkAccountStepFailed,TeamsRemediation.Commands.ResetTeamsWorkAccountCommand";

        private static (SimulatedSession Session, SimulatedUser Alice) AliceRunsItHerself()
        {
            var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAs(alice, elevated: false);
            return (s, alice);
        }

        private static TeamsAccountResetStep StepOf(ScriptResultView result, AccountResetStepName name) => result.Steps.Single(s => s.Step == name);

        [Fact]
        public void AsTheUserItSignsOutTheTeamsAccountAndRemovesOnlyTeamsCredentials()
        {
            var (s, alice) = AliceRunsItHerself();
            using var _ = s;
            AccountPc.RecordHealthyUser(s.Machine);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force"));

            Assert.Empty(result.Raw.Errors);
            Assert.Equal(Enum.GetValues(typeof(AccountResetStepName)).Cast<AccountResetStepName>(), result.Steps.Select(x => x.Step));
            Assert.All(result.Steps, x => Assert.Equal(alice.Sid, x.UserSid));
            Assert.All(result.Steps, x => Assert.Equal("PC01", x.ComputerName));
            Assert.Equal(AccountResetStatus.NotNeeded, StepOf(result, AccountResetStepName.BrokerPlugin).Status);
            var wam = StepOf(result, AccountResetStepName.WamAccounts);
            Assert.Equal(AccountResetStatus.Done, wam.Status);
            Assert.Contains("alice@contoso.com", wam.Detail);
            Assert.Equal(AccountResetStatus.Done, StepOf(result, AccountResetStepName.Credentials).Status);
            Assert.Equal(AccountResetStatus.NotNeeded, StepOf(result, AccountResetStepName.WamOverrides).Status);
            Assert.Equal(AccountResetStatus.Skipped, StepOf(result, AccountResetStepName.BrokerState).Status);
            Assert.Equal(AccountResetStatus.Done, StepOf(result, AccountResetStepName.NextAction).Status);

            var deletes = s.Machine.CommandRunner.Calls.Where(c => c.Contains("/delete:")).Select(c =>
                c.Substring(c.IndexOf("/delete:", StringComparison.Ordinal))).ToList();
            Assert.Equal(new[] { "/delete:LegacyGeneric:target=msteams_adalsso/adal_context_segments",
                "/delete:LegacyGeneric:target=msteams_adalsso/adal_context_0" }, deletes);
            // The Teams client id went to the script, Office's did not; the sign-out ran once after one listing.
            var scriptRuns = s.Machine.CommandRunner.Calls.Where(c => c.Contains("powershell.exe")).Select(AccountPc.Command).ToList();
            Assert.Equal(1, scriptRuns.Count(r => r.HasSwitch("SignOut")));
            Assert.All(scriptRuns.Where(r => r.ScriptPath.EndsWith(WindowsPowerShellScript.SignOutWamAccounts, StringComparison.Ordinal)),
                r => Assert.Equal(AccountLayout.TeamsClientId, r.Parameter("ClientId")));
            // The device is never disconnected.
            Assert.All(s.Machine.CommandRunner.Calls.Where(c => c.Contains("dsregcmd")), c => Assert.EndsWith("/status", c));
            // Nothing changed that needs a journal.
            Assert.False(Directory.Exists(ChangeJournal.DefaultFolder(s.Machine)));
        }

        [Fact]
        public void IncludeOfficeAddsOfficesClientIdAndCredential()
        {
            var (s, _) = AliceRunsItHerself();
            using var __ = s;
            AccountPc.RecordHealthyUser(s.Machine);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -IncludeOffice"));

            Assert.Contains("MicrosoftOffice16_Data:SSPI:alice@contoso.com", StepOf(result, AccountResetStepName.Credentials).Detail);
            Assert.Contains(s.Machine.CommandRunner.Calls, c =>
                c.EndsWith("/delete:LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:alice@contoso.com"));
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("MicrosoftAccount"));
            Assert.Contains(AccountPc.ScriptCalls(s.Machine),
                r => r.Parameter("ClientId") == AccountLayout.TeamsClientId + "," + AccountLayout.OfficeClientId && r.HasSwitch("SignOut"));
        }

        [Theory]
        [InlineData("wam-list-notallowed.json", "NotAllowedByProvider")]
        [InlineData("wam-list-providererror.json", "ProviderError 0xCAA20002")]
        [InlineData("wam-noprovider.json", "no work or school account provider")]
        [InlineData("garbage that is not json", "gave no readable answer")]
        // W7: the language mode the script measured inside itself, worded as the policy's doing, with what to allow.
        [InlineData("{\"status\":\"Failed\",\"mode\":\"List\",\"languageMode\":\"ConstrainedLanguage\",\"error\":\"CLM\",\"clients\":[]}",
            "ConstrainedLanguage mode, and it needs FullLanguage: the policy runs command lines in ConstrainedLanguage; allow the module's signed")]
        public void AWamAnswerThatIsNotSuccessIsAFailedStepAndTheLadderGoesOn(string answer, string expected)
        {
            var (s, _) = AliceRunsItHerself();
            using var __ = s;
            AccountPc.RecordHealthyUser(s.Machine);
            AccountPc.RecordWam(s.Machine, answer);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force"));

            var wam = StepOf(result, AccountResetStepName.WamAccounts);
            Assert.Equal(AccountResetStatus.Failed, wam.Status);
            Assert.Contains(expected, wam.Detail);
            Assert.Equal(FailedId, Assert.Single(result.Raw.Errors).FullyQualifiedErrorId);
            Assert.DoesNotContain(AccountPc.ScriptCalls(s.Machine), r => r.HasSwitch("SignOut"));
            Assert.Equal(AccountResetStatus.Done, StepOf(result, AccountResetStepName.Credentials).Status);
        }

        [Fact]
        public void NoAccountInWamIsNotNeededAndNothingIsSignedOut()
        {
            var (s, _) = AliceRunsItHerself();
            using var __ = s;
            AccountPc.RecordHealthyUser(s.Machine);
            AccountPc.RecordWam(s.Machine, "wam-list-none.json");

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force"));

            Assert.Equal(AccountResetStatus.NotNeeded, StepOf(result, AccountResetStepName.WamAccounts).Status);
            Assert.DoesNotContain(AccountPc.ScriptCalls(s.Machine), r => r.HasSwitch("SignOut"));
        }

        [Fact]
        public void AMissingBrokerIsRegisteredAgainInTheUsersSession()
        {
            var (s, _) = AliceRunsItHerself();
            using var __ = s;
            AccountPc.RecordHealthyUser(s.Machine);
            AccountPc.RecordBroker(s.Machine, "broker-missing.json", "broker-registered.json");

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force"));

            var broker = StepOf(result, AccountResetStepName.BrokerPlugin);
            Assert.Equal(AccountResetStatus.Done, broker.Status);
            Assert.Contains("Microsoft.AAD.BrokerPlugin_1000.19580.1000.1_neutral_neutral_cw5n1h2txyewy", broker.Detail);
            Assert.Contains(AccountPc.ScriptCalls(s.Machine), r => r.HasSwitch("Register"));
        }

        [Fact]
        public void AMissingBrokerWhoseManifestIsGoneFails()
        {
            var (s, _) = AliceRunsItHerself();
            using var __ = s;
            AccountPc.RecordHealthyUser(s.Machine);
            AccountPc.RecordBroker(s.Machine, "broker-missing.json",
                "{\"status\":\"ManifestMissing\",\"error\":\"The broker's manifest is not on this PC.\"}");

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force"));

            Assert.Equal(AccountResetStatus.Failed, StepOf(result, AccountResetStepName.BrokerPlugin).Status);
            Assert.Equal(FailedId, Assert.Single(result.Raw.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void AsSystemWithReportUserStepsThePerUserStepsRequireTheUsersContextAndNothingRunsForSystem()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            AccountPc.RecordHealthyUser(s.Machine);
            alice.SetUserValue(AccountLayout.IdentityKeyPath, "DisableAADWAM", RegistryValue.DWord(1));

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -IncludeOffice -ReportUserSteps"));

            Assert.All(result.Steps, x => Assert.Equal(alice.Sid, x.UserSid));
            // Nothing was started in her session.
            Assert.Empty(s.Machine.TaskScheduler.RegisteredNames);
            foreach (var name in new[] { AccountResetStepName.BrokerPlugin, AccountResetStepName.WamAccounts, AccountResetStepName.Credentials })
            {
                var step = StepOf(result, name);
                Assert.Equal(AccountResetStatus.RequiresUserContext, step.Status);
                Assert.Contains("Reset-TeamsWorkAccount -Force -IncludeOffice", step.Detail);
            }

            // Not one per-user program ran: SYSTEM's own WAM, vault and Appx registration were never touched.
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("powershell") || c.Contains("cmdkey"));
            // dsregcmd ran as SYSTEM: its PRT line is SYSTEM's and is not reported as Alice's.
            var device = StepOf(result, AccountResetStepName.DeviceRegistration);
            Assert.Equal(AccountResetStatus.Done, device.Status);
            Assert.StartsWith("Hybrid Entra joined", device.Detail);
            Assert.DoesNotContain("AzureAdPrt", device.Detail);
            // The machine-side step still reads her hive.
            Assert.Equal(AccountResetStatus.Skipped, StepOf(result, AccountResetStepName.WamOverrides).Status);
            Assert.Contains("DisableAADWAM=0x00000001 (REG_DWORD)", StepOf(result, AccountResetStepName.WamOverrides).Detail);
            Assert.Contains(result.Raw.Warnings, w => w.StartsWith("CONTOSO\\alice: the WAM sign-out"));
        }

        [Fact]
        public void AnAdminRunningItForAnotherUserNeverActsOnTheirOwnAccount()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var admin = s.Pc.AddUser("admin", loggedOn: true);
            s.Pc.RunAs(admin, elevated: true);
            AccountPc.RecordHealthyUser(s.Machine);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -UserName alice -Force -ReportUserSteps"));

            Assert.Equal(AccountResetStatus.RequiresUserContext, StepOf(result, AccountResetStepName.WamAccounts).Status);
            Assert.Empty(s.Machine.TaskScheduler.RegisteredNames);
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("powershell") || c.Contains("cmdkey"));
        }

        [Fact]
        public void WhatIfReadsTheStateAndChangesNothing()
        {
            var (s, alice) = AliceRunsItHerself();
            using var _ = s;
            AccountPc.RecordHealthyUser(s.Machine);
            alice.SetUserValue(AccountLayout.IdentityKeyPath, "EnableADAL", RegistryValue.DWord(0));
            var broker = Path.Combine(alice.ProfilePath, "AppData", "Local", "Packages", AccountLayout.BrokerPackageFamily);
            alice.WriteFile(Path.Combine(broker, "AC", "TokenBroker", "Accounts", "a.tbacct"), "broker account");
            var teams = alice.StartProcess("ms-teams");
            var registryBefore = s.Machine.SimulatedRegistry.Export();

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -RemoveWamOverrides -ClearBrokerState -WhatIf"));

            foreach (var name in new[] { AccountResetStepName.WamAccounts, AccountResetStepName.Credentials, AccountResetStepName.WamOverrides,
                AccountResetStepName.BrokerState })
            {
                Assert.Equal(AccountResetStatus.WhatIf, StepOf(result, name).Status);
            }

            Assert.Equal(registryBefore, s.Machine.SimulatedRegistry.Export());
            Assert.True(File.Exists(Path.Combine(broker, "AC", "TokenBroker", "Accounts", "a.tbacct")));
            Assert.Contains(s.Machine.ProcessTable.List(), p => p.Id == teams.Id);
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("/delete:"));
            Assert.DoesNotContain(AccountPc.ScriptCalls(s.Machine), r => r.HasSwitch("SignOut"));
            Assert.False(Directory.Exists(ChangeJournal.DefaultFolder(s.Machine)));
        }

        [Fact]
        public void WithoutForceItAsksAndAnUnattendedHostChangesNothing()
        {
            var (s, alice) = AliceRunsItHerself();
            using var _ = s;
            AccountPc.RecordHealthyUser(s.Machine);
            alice.SetUserValue(AccountLayout.IdentityKeyPath, "DisableAADWAM", RegistryValue.DWord(1));
            var registryBefore = s.Machine.SimulatedRegistry.Export();

            var result = s.Run("Reset-TeamsWorkAccount -RemoveWamOverrides");

            // ConfirmImpact High: the question reaches the host, which has nobody to answer it; the module says what to add.
            Assert.Equal("ConfirmationNeedsForce,TeamsRemediation.Commands.ResetTeamsWorkAccountCommand", result.TerminatingErrorId);
            Assert.Contains("add -Force",
                ((System.Management.Automation.IContainsErrorRecord)result.Terminating!).ErrorRecord.ErrorDetails.RecommendedAction);
            Assert.Equal(registryBefore, s.Machine.SimulatedRegistry.Export());
            Assert.DoesNotContain(AccountPc.ScriptCalls(s.Machine), r => r.HasSwitch("SignOut"));
        }

        [Fact]
        public void ConfirmFalseAlsoRunsUnattended()
        {
            var (s, _) = AliceRunsItHerself();
            using var __ = s;
            AccountPc.RecordHealthyUser(s.Machine);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Confirm:$false"));

            Assert.Equal(AccountResetStatus.Done, StepOf(result, AccountResetStepName.WamAccounts).Status);
        }

        [Fact]
        public void RemovedValuesAreJournaledAndTheRestorePutsThemBackWithTheirType()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            AccountPc.RecordDsregcmd(s.Machine);
            alice.SetUserValue(AccountLayout.IdentityKeyPath, "DisableAADWAM", RegistryValue.DWord(1));
            alice.SetUserValue(AccountLayout.IdentityKeyPath, "EnableADAL", RegistryValue.DWord(0));
            alice.SetUserValue(AccountLayout.IdentityKeyPath, "DisableADALatopWAMOverride", RegistryValue.DWord(0));
            var key = alice.HiveKey(AccountLayout.IdentityKeyPath);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -RemoveWamOverrides"));

            var step = StepOf(result, AccountResetStepName.WamOverrides);
            Assert.Equal(AccountResetStatus.Done, step.Status);
            Assert.Null(s.Machine.Registry.GetValue(key, "DisableAADWAM"));
            Assert.Null(s.Machine.Registry.GetValue(key, "EnableADAL"));
            // 0 does not turn WAM off: it is not touched.
            Assert.Equal(RegistryValue.DWord(0), s.Machine.Registry.GetValue(key, "DisableADALatopWAMOverride"));
            Assert.True(File.Exists(step.BackupPath));

            var restored = new JournalRestorer(s.Machine, new ScriptedHost(s.Machine)).Restore(step.BackupPath, force: false);

            Assert.All(restored, r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(RegistryValue.DWord(1), s.Machine.Registry.GetValue(key, "DisableAADWAM"));
            Assert.Equal(RegistryValue.DWord(0), s.Machine.Registry.GetValue(key, "EnableADAL"));
        }

        [Fact]
        public void ClearBrokerStateClosesTeamsMovesTheDataAsideAndTheRestoreBringsItBack()
        {
            // As the user herself: SYSTEM refuses while she is signed in (ASignedInUsersBrokerIsNotMovedBySystem).
            var (s, alice) = AliceRunsItHerself();
            using var _ = s;
            var bob = s.Pc.AddUser("bob", loggedOn: true);
            AccountPc.RecordHealthyUser(s.Machine);
            var broker = Path.Combine(alice.ProfilePath, "AppData", "Local", "Packages", AccountLayout.BrokerPackageFamily);
            var account = Path.Combine(broker, "AC", "TokenBroker", "Accounts", "a.tbacct");
            alice.WriteFile(account, "broker account data");
            var hash = Hash(account);
            var teams = alice.StartProcess("ms-teams");
            var webView = alice.StartProcess("msedgewebview2", parentId: teams.Id);
            var otherWebView = alice.StartProcess("msedgewebview2");
            var bobsTeams = bob.StartProcess("ms-teams");

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -UserName alice -Force -ClearBrokerState"));

            var step = StepOf(result, AccountResetStepName.BrokerState);
            Assert.Equal(AccountResetStatus.Done, step.Status);
            Assert.False(Directory.Exists(broker));
            Assert.StartsWith(Path.Combine(alice.ProfilePath, "AppData", "Local", "TeamsRemediation", "Backup"), step.BackupPath);
            Assert.Equal(hash, Hash(Path.Combine(step.BackupPath, "AC", "TokenBroker", "Accounts", "a.tbacct")));
            var running = s.Machine.ProcessTable.List().Select(p => p.Id).ToList();
            Assert.DoesNotContain(teams.Id, running);
            Assert.DoesNotContain(webView.Id, running);
            // Another app's WebView2 and another user's Teams are left alone.
            Assert.Contains(otherWebView.Id, running);
            Assert.Contains(bobsTeams.Id, running);

            var journal = Directory.GetFiles(ChangeJournal.DefaultFolder(s.Machine)).Single();
            var restored = Assert.Single(new JournalRestorer(s.Machine, new ScriptedHost(s.Machine)).Restore(journal, force: false));

            Assert.Equal(RestoreStatus.Restored, restored.Status);
            Assert.Equal(hash, Hash(account));
            Assert.False(Directory.Exists(step.BackupPath));
        }

        [Fact]
        public void ASignedInUsersBrokerIsNotMovedBySystem()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            AccountPc.RecordDsregcmd(s.Machine);
            var account = Path.Combine(AccountLayout.BrokerFolder(alice.Folders), "AC", "TokenBroker", "Accounts", "a.tbacct");
            alice.WriteFile(account, "broker account data");
            var teams = alice.StartProcess("ms-teams");

            var step = StepOf(new ScriptResultView(s.Run("Reset-TeamsWorkAccount -UserName alice -Force -ClearBrokerState")),
                AccountResetStepName.BrokerState);

            Assert.Equal(AccountResetStatus.Skipped, step.Status);
            Assert.Contains("is signed in (session", step.Detail);
            Assert.Equal("broker account data", File.ReadAllText(account));
            Assert.Contains(teams.Id, s.Machine.ProcessTable.List().Select(p => p.Id));
            Assert.False(Directory.Exists(ChangeJournal.DefaultFolder(s.Machine)));
        }

        [Fact]
        public void ABackupsFolderTheUserMadeALinkNeverSendsSYSTEMsMoveOfTheBrokerWhereItPoints()
        {
            // Before a SYSTEM run, alice (logged off now) turned her own Backups folder into a link to a folder only
            // administrators may write: a move through it would plant her files there as SYSTEM.
            using var s = new SimulatedSession();
            using var privileged = new TempFolder();
            var alice = s.Pc.AddUser("alice", loggedOn: false);
            s.Pc.RunAsSystem();
            AccountPc.RecordDsregcmd(s.Machine);
            var account = Path.Combine(AccountLayout.BrokerFolder(alice.Folders), "AC", "TokenBroker", "Accounts", "a.tbacct");
            alice.WriteFile(account, "broker account data");
            var backups = UserBackups.Root(alice.Folders);
            Directory.CreateDirectory(Path.GetDirectoryName(backups)!);
            Directory.CreateSymbolicLink(backups, privileged.Path);

            var step = StepOf(new ScriptResultView(s.Run("Reset-TeamsWorkAccount -UserName alice -Force -ClearBrokerState")),
                AccountResetStepName.BrokerState);

            Assert.Equal(AccountResetStatus.Failed, step.Status);
            Assert.Contains("junction or symbolic link", step.Detail);
            Assert.Empty(Directory.GetFileSystemEntries(privileged.Path));
            Assert.Equal("broker account data", File.ReadAllText(account));
        }

        [Fact]
        public void APackagesFolderSwappedForALinkAfterTheUndoCheckedItNeverReceivesSYSTEMsMoveBack()
        {
            using var s = new SimulatedSession();
            using var privileged = new TempFolder();
            var alice = s.Pc.AddUser("alice", loggedOn: false);
            s.Pc.RunAsSystem();
            AccountPc.RecordDsregcmd(s.Machine);
            var broker = AccountLayout.BrokerFolder(alice.Folders);
            alice.WriteFile(Path.Combine(broker, "AC", "TokenBroker", "Accounts", "a.tbacct"), "broker account data");
            var step = StepOf(new ScriptResultView(s.Run("Reset-TeamsWorkAccount -UserName alice -Force -ClearBrokerState")),
                AccountResetStepName.BrokerState);
            Assert.Equal(AccountResetStatus.Done, step.Status);
            var journal = Directory.GetFiles(ChangeJournal.DefaultFolder(s.Machine)).Single();
            var packages = Path.GetDirectoryName(broker)!;
            var swapped = false;
            // After the Undo checked the way back for links (by path), alice swaps her Packages folder for a link.
            s.Machine.FileOperations.BeforeStep = (kind, path) =>
            {
                if (!swapped && kind == FolderStep.Open && path == packages)
                {
                    swapped = true;
                    Directory.Move(packages, packages + ".moved");
                    Directory.CreateSymbolicLink(packages, privileged.Path);
                }
            };

            var restored = Assert.Single(new JournalRestorer(s.Machine, new ScriptedHost(s.Machine)).Restore(journal, force: false));

            Assert.True(swapped);
            Assert.Equal(RestoreStatus.Failed, restored.Status);
            Assert.Empty(Directory.GetFileSystemEntries(privileged.Path));
            Assert.Equal("broker account data", File.ReadAllText(Path.Combine(step.BackupPath, "AC", "TokenBroker", "Accounts", "a.tbacct")));
        }

        [Fact]
        public void WhenTheJournalCannotBeWrittenNoWamOverrideIsRemoved()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            AccountPc.RecordDsregcmd(s.Machine);
            alice.SetUserValue(AccountLayout.IdentityKeyPath, "DisableAADWAM", RegistryValue.DWord(1));
            alice.SetUserValue(AccountLayout.IdentityKeyPath, "EnableADAL", RegistryValue.DWord(0));
            var registryBefore = s.Machine.SimulatedRegistry.Export();
            s.Machine.FileOperations.Deny(ChangeJournal.DefaultFolder(s.Machine));

            var result = s.Run("Reset-TeamsWorkAccount -Force -RemoveWamOverrides");

            Assert.Equal("JournalWriteFailed,TeamsRemediation.Commands.ResetTeamsWorkAccountCommand", result.TerminatingErrorId);
            Assert.Equal(registryBefore, s.Machine.SimulatedRegistry.Export());
            Assert.Empty(Directory.GetFiles(ChangeJournal.DefaultFolder(s.Machine)));
        }

        [Fact]
        public void WhenTheJournalCannotBeWrittenTheBrokerFolderIsNotMoved()
        {
            var (s, alice) = AliceRunsItHerself();
            using var _ = s;
            AccountPc.RecordHealthyUser(s.Machine);
            var account = Path.Combine(AccountLayout.BrokerFolder(alice.Folders), "AC", "TokenBroker", "Accounts", "a.tbacct");
            alice.WriteFile(account, "broker account data");
            var journal = Path.Combine(s.Machine.RootFolder, "denied", "reset.xml");
            s.Machine.FileOperations.Deny(Path.GetDirectoryName(journal)!);

            var result = s.Run("Reset-TeamsWorkAccount -Force -ClearBrokerState -JournalPath $args[0]", journal);

            Assert.Equal("JournalWriteFailed,TeamsRemediation.Commands.ResetTeamsWorkAccountCommand", result.TerminatingErrorId);
            Assert.Equal("broker account data", File.ReadAllText(account));
            var backups = UserBackups.Root(alice.Folders);
            Assert.Empty(Directory.Exists(backups) ? Directory.GetFileSystemEntries(backups) : new string[0]);
            Assert.False(File.Exists(journal));
        }

        [Fact]
        public void ABrokerFolderThatIsALinkIsLeftAlone()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAsSystem();
            AccountPc.RecordDsregcmd(s.Machine);
            var elsewhere = Path.Combine(s.Machine.RootFolder, "elsewhere");
            Directory.CreateDirectory(elsewhere);
            File.WriteAllText(Path.Combine(elsewhere, "keep.txt"), "not the broker");
            var broker = Path.Combine(alice.ProfilePath, "AppData", "Local", "Packages", AccountLayout.BrokerPackageFamily);
            Directory.CreateDirectory(Path.GetDirectoryName(broker)!);
            Directory.CreateSymbolicLink(broker, elsewhere);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -ClearBrokerState"));

            Assert.Equal(AccountResetStatus.Failed, StepOf(result, AccountResetStepName.BrokerState).Status);
            Assert.True(File.Exists(Path.Combine(broker, "keep.txt")));
        }

        [Fact]
        public void PipedInstallationsBindByUserSid()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.AddUser("bob").InstallClassicTeams();
            s.Pc.RunAsSystem();
            AccountPc.RecordDsregcmd(s.Machine);

            var result = new ScriptResultView(s.Run("Get-TeamsInstallation | Reset-TeamsWorkAccount -WhatIf"));

            Assert.All(result.Steps, x => Assert.Equal(alice.Sid, x.UserSid));
            Assert.Equal(Enum.GetValues(typeof(AccountResetStepName)).Length, result.Steps.Count);
        }

        [Fact]
        public void RestartStartsTeamsOnlyInTheUsersOwnSession()
        {
            var (s, _) = AliceRunsItHerself();
            using var __ = s;
            AccountPc.RecordHealthyUser(s.Machine);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -Restart"));

            Assert.Equal(AccountResetStatus.Done, StepOf(result, AccountResetStepName.NextAction).Status);
            Assert.EndsWith("explorer.exe shell:AppsFolder\\MSTeams_8wekyb3d8bbwe!MSTeams", Assert.Single(s.Machine.ProcessTable.Started));
        }

        [Fact]
        public void RestartAsTheUserOutsideTheirSessionsStartsNothing()
        {
            var (s, alice) = AliceRunsItHerself();
            using var __ = s;
            AccountPc.RecordHealthyUser(s.Machine);
            // Alice's own token, but in session 0 (a service or a remote shell): a process started here would not be on her desktop.
            s.Machine.UserDirectory.Caller = new CallerIdentity(alice.Sid, alice.UserName, isElevated: false, sessionId: 0);

            var result = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -UserName alice -Force -Restart"));

            var next = StepOf(result, AccountResetStepName.NextAction);
            Assert.Equal(AccountResetStatus.RequiresUserContext, next.Status);
            Assert.StartsWith("Teams can be started only in " + alice.UserName + "'s own session.", next.Detail);
            Assert.Empty(s.Machine.ProcessTable.Started);
        }

        private static string Hash(string path)
        {
            using var sha = SHA256.Create();
            using var stream = File.OpenRead(path);
            return Convert.ToHexString(sha.ComputeHash(stream));
        }
    }

    /// <summary>A script result with the steps picked out.</summary>
    internal sealed class ScriptResultView
    {
        public ScriptResultView(Demo.ScriptResult raw)
        {
            Raw = raw;
            if (raw.Terminating != null)
            {
                throw new InvalidOperationException("The command stopped: " + raw.Terminating.Message, raw.Terminating);
            }
        }

        public Demo.ScriptResult Raw { get; }

        public System.Collections.Generic.List<TeamsAccountResetStep> Steps => Raw.Objects<TeamsAccountResetStep>().ToList();
    }
}
