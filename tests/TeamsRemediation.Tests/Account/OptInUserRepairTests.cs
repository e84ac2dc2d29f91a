using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tests.UserBridge;
using TeamsRemediation.Demo;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>
    /// The opt-in, disruptive repairs that run in the user's session: Microsoft's CAA50021 broker repair (the token broker's
    /// accounts moved aside, journaled, restart flagged) and the Teams app reset, as the user and from SYSTEM through the bridge.
    /// </summary>
    public sealed class OptInUserRepairTests
    {
        private const string UndoCmd = ",TeamsRemediation.Commands.UndoTeamsRemediationCommand";
        internal const string ClearAccounts = "Reset-TeamsWorkAccount -Force -ClearTokenBrokerAccounts -Step TokenBrokerAccounts";
        private const string TeamsPresent = "{\"status\":\"Present\",\"packageFullName\":\"MSTeams_25122.1415.3698.6812_x64__8wekyb3d8bbwe\","
            + "\"version\":\"25122.1415.3698.6812\",\"error\":\"\"}";
        private const string TeamsReset = "{\"status\":\"Reset\",\"packageFullName\":\"MSTeams_25122.1415.3698.6812_x64__8wekyb3d8bbwe\","
            + "\"version\":\"25122.1415.3698.6812\",\"error\":\"\"}";

        /// <summary>Two account files of the broker plugin and one of CloudExperienceHost, by relative path and content.</summary>
        internal static Dictionary<string, string> PlantAccounts(SimulatedUser user)
        {
            var planted = new Dictionary<string, string>
            {
                [Path.Combine(AccountLayout.BrokerPackageFamily, "a1b2.tbacct")] = "broker account 1",
                [Path.Combine(AccountLayout.BrokerPackageFamily, "c3d4.tbacct")] = "broker account 2",
                [Path.Combine(AccountLayout.CloudExperienceHostPackageFamily, "e5f6.tbacct")] = "cxh account",
            };
            foreach (var file in planted)
            {
                user.WriteFile(AccountFile(user, file.Key), file.Value);
            }

            return planted;
        }

        private static string AccountFile(SimulatedUser user, string relative) => Path.Combine(
            AccountLayout.TokenBrokerAccountsFolder(user.Folders, Path.GetDirectoryName(relative)!), Path.GetFileName(relative));

        internal static void AssertAccountsAre(SimulatedUser user, Dictionary<string, string> expected)
        {
            foreach (var file in expected)
            {
                Assert.Equal(file.Value, File.ReadAllText(AccountFile(user, file.Key)));
            }
        }

        internal static void AssertAccountsEmpty(SimulatedUser user)
        {
            foreach (var family in AccountLayout.TokenBrokerAccountPackages)
            {
                var folder = AccountLayout.TokenBrokerAccountsFolder(user.Folders, family);
                Assert.True(Directory.Exists(folder), folder + " itself stays");
                Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
            }
        }

        internal static string JournalOf(SimulatedUser user) =>
            Assert.Single(Directory.GetFiles(Path.Combine(user.ProfilePath, "AppData", "Local", "TeamsRemediation", "Journal")));

        [Fact]
        public void AsTheUserTheBrokerAccountsAreMovedAsideKeptInTheBackupFlaggedForRestartAndRestoredByUndo()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAs(alice, elevated: false);
            var planted = PlantAccounts(alice);

            var result = new ScriptResultView(s.Run(ClearAccounts));

            Assert.Empty(result.Raw.Errors);
            var step = Assert.Single(result.Steps);
            Assert.Equal(AccountResetStepName.TokenBrokerAccounts, step.Step);
            Assert.Equal(AccountResetStatus.Done, step.Status);
            Assert.True(step.RestartRequired);
            Assert.Equal(alice.UserName, step.RanAs);
            AssertAccountsEmpty(alice);
            Assert.StartsWith(Path.Combine(UserBackups.Root(alice.Folders), "TokenBrokerAccounts-"), step.BackupPath);
            foreach (var file in planted)
            {
                Assert.Equal(file.Value, File.ReadAllText(Path.Combine(step.BackupPath, file.Key)));
            }

            var journal = JournalOf(alice);
            Assert.Contains("Restart Windows", step.Detail);
            Assert.Contains("Undo-TeamsRemediation -Journal '" + journal + "'", step.Detail);

            var undo = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            Assert.Empty(undo.Errors);
            Assert.Equal(3, undo.Objects<RestoreResult>().Count(r => r.Status == RestoreStatus.Restored));
            AssertAccountsAre(alice, planted);
            Assert.Empty(Directory.EnumerateFiles(step.BackupPath, "*", SearchOption.AllDirectories));
        }

        [Fact]
        public void NotAskedNothingIsMovedAndAnEmptyFolderIsNotNeeded()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAs(alice, elevated: false);
            var planted = PlantAccounts(alice);

            var notAsked = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -Step TokenBrokerAccounts, TeamsApp"));

            Assert.Equal(new[] { AccountResetStatus.Skipped, AccountResetStatus.Skipped }, notAsked.Steps.Select(x => x.Status));
            Assert.StartsWith("Not asked: -ClearTokenBrokerAccounts", notAsked.Steps[0].Detail);
            Assert.StartsWith("Not asked: -ResetTeamsApp", notAsked.Steps[1].Detail);
            AssertAccountsAre(alice, planted);
            Assert.Empty(s.Machine.CommandRunner.Calls);

            foreach (var file in planted.Keys)
            {
                File.Delete(AccountFile(alice, file));
            }

            var empty = Assert.Single(new ScriptResultView(s.Run(ClearAccounts)).Steps);
            Assert.Equal(AccountResetStatus.NotNeeded, empty.Status);
            Assert.False(empty.RestartRequired);
            Assert.False(Directory.Exists(UserBackups.Root(alice.Folders)));
        }

        [Fact]
        public void WhatIfMovesNothingAndWritesNoJournal()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAs(alice, elevated: false);
            var planted = PlantAccounts(alice);

            var step = Assert.Single(new ScriptResultView(s.Run(
                "Reset-TeamsWorkAccount -ClearTokenBrokerAccounts -Step TokenBrokerAccounts -WhatIf")).Steps);

            Assert.Equal(AccountResetStatus.WhatIf, step.Status);
            Assert.Contains("Move 3 token broker account files aside", step.Detail);
            AssertAccountsAre(alice, planted);
            Assert.False(Directory.Exists(Path.Combine(alice.ProfilePath, "AppData", "Local", "TeamsRemediation")));
        }

        [Fact]
        public void AnAccountsFolderReachedThroughALinkIsRefusedAndNothingMoves()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAs(alice, elevated: false);
            using var elsewhere = new TempFolder();
            File.WriteAllText(Path.Combine(elsewhere.Path, "keep.tbacct"), "not alice's broker");
            var accounts = AccountLayout.TokenBrokerAccountsFolder(alice.Folders, AccountLayout.BrokerPackageFamily);
            Directory.CreateDirectory(Path.GetDirectoryName(accounts)!);
            Directory.CreateSymbolicLink(accounts, elsewhere.Path);

            var step = Assert.Single(new ScriptResultView(s.Run(ClearAccounts)).Steps);

            Assert.Equal(AccountResetStatus.Failed, step.Status);
            Assert.Contains("junction or symbolic link", step.Detail);
            Assert.True(File.Exists(Path.Combine(elsewhere.Path, "keep.tbacct")));
            Assert.False(Directory.Exists(UserBackups.Root(alice.Folders)));
        }

        [Fact]
        public void FromSYSTEMTheBrokerRepairRunsInTheUsersSessionAndLoggedOffOnlyTheUserRestoresItsJournal()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true, domain: "AzureAD", sid: BridgeScenario.EntraSid);
            s.Pc.RunAsSystem();
            using var view = new UserSessionPlayer(s.Machine, alice);
            view.Play(s.Machine);
            var planted = PlantAccounts(alice);

            var result = new ScriptResultView(s.Run(ClearAccounts));

            Assert.Empty(result.Raw.Errors);
            var step = Assert.Single(result.Steps);
            Assert.Equal(AccountResetStatus.Done, step.Status);
            Assert.Equal(alice.UserName, step.RanAs);
            Assert.Equal(1, step.SessionId);
            Assert.True(step.RestartRequired);
            AssertAccountsEmpty(alice);
            Assert.True(PathScope.IsSameOrInside(step.BackupPath, alice.ProfilePath));
            Assert.Equal(new[] { "Step" }, Assert.Single(view.Requests).ParameterNames);
            Assert.Equal(new[] { "Force", "ClearTokenBrokerAccounts" }, view.Requests[0].SwitchNames);
            // The journal is the user's own, in their profile: SYSTEM's machine journal folder stays empty.
            var journal = JournalOf(alice);
            Assert.False(Directory.Exists(ChangeJournal.DefaultFolder(s.Machine)));

            // An elevated Undo never follows a journal the user could have edited: with Alice logged off it cannot run in her
            // session (UserSessionUndoTests covers the logged-on case), so it refuses and moves nothing.
            s.Machine.UserDirectory.RemoveSessions(alice.Sid);
            var asSystem = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            Assert.Equal("JournalUntrusted" + UndoCmd, Assert.Single(asSystem.Errors).FullyQualifiedErrorId);
            Assert.Empty(asSystem.Objects<RestoreResult>());
            AssertAccountsEmpty(alice);

            // In her own session it is hers to restore.
            using var shell = new Demo.ModuleSession(view.Machine);
            var asAlice = shell.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

            Assert.Empty(asAlice.Errors);
            Assert.Equal(3, asAlice.Objects<RestoreResult>().Count(r => r.Status == RestoreStatus.Restored));
            AssertAccountsAre(alice, planted);
        }

        [Fact]
        public void AForgedTokenBrokerMoveOutsideItsBackupPlaceIsRefusedBeforeAnythingMoves()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var bob = s.Pc.AddUser("bob", loggedOn: true);
            s.Pc.RunAs(alice, elevated: false);
            var original = AccountFile(alice, Path.Combine(AccountLayout.BrokerPackageFamily, "a1b2.tbacct"));
            var backups = UserBackups.Root(alice.Folders);
            var forgeries = new[]
            {
                Path.Combine(backups, "Elsewhere-20261127-080000", AccountLayout.BrokerPackageFamily, "a1b2.tbacct"),
                Path.Combine(backups, "TokenBrokerAccounts-20261127-080000", AccountLayout.CloudExperienceHostPackageFamily, "a1b2.tbacct"),
                Path.Combine(backups, "TokenBrokerAccounts-20261127-080000", AccountLayout.BrokerPackageFamily, "other.tbacct"),
                Path.Combine(UserBackups.Root(bob.Folders), "TokenBrokerAccounts-20261127-080000", AccountLayout.BrokerPackageFamily,
                    "a1b2.tbacct"),
            };
            foreach (var backup in forgeries)
            {
                alice.WriteFile(backup, "planted");
                var journal = Path.Combine(alice.ProfilePath, "forged.xml");
                JournalFile.Create(s.Machine.Files, journal, "PC01", JournalScope.ResetWorkAccount, DateTimeOffset.UtcNow,
                    JournalEntry.Moved(original, backup));

                var result = s.Run("Undo-TeamsRemediation -Journal $args[0]", journal);

                Assert.Equal("JournalEntryOutOfScope" + UndoCmd, Assert.Single(result.Errors).FullyQualifiedErrorId);
                Assert.False(File.Exists(original));
                Assert.True(File.Exists(backup));
                File.Delete(journal);
            }
        }

        [Fact]
        public void AsTheUserTheTeamsAppIsResetOnceAfterALookAndWhatIfOnlyLooks()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAs(alice, elevated: false);
            AccountPc.RecordTeamsApp(s.Machine, TeamsPresent, TeamsReset);

            var whatIf = Assert.Single(new ScriptResultView(s.Run("Reset-TeamsWorkAccount -ResetTeamsApp -Step TeamsApp -WhatIf")).Steps);

            Assert.Equal(AccountResetStatus.WhatIf, whatIf.Status);
            Assert.Contains("not restorable", whatIf.Detail);
            Assert.DoesNotContain(AccountPc.ScriptCalls(s.Machine), r => r.HasSwitch("Reset"));

            var done = Assert.Single(new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -ResetTeamsApp -Step TeamsApp")).Steps);

            Assert.Equal(AccountResetStatus.Done, done.Status);
            Assert.Contains("MSTeams_25122.1415.3698.6812_x64__8wekyb3d8bbwe", done.Detail);
            Assert.Contains("Not restorable", done.Detail);
            Assert.Equal(1, AccountPc.ScriptCalls(s.Machine).Count(r => r.HasSwitch("Reset")));
        }

        [Theory]
        [InlineData("{\"status\":\"Missing\",\"packageFullName\":\"\",\"version\":\"\",\"error\":\"\"}", AccountResetStatus.NotNeeded,
            "not installed")]
        [InlineData("{\"status\":\"Unsupported\",\"packageFullName\":\"MSTeams_1_x64__8wekyb3d8bbwe\",\"version\":\"1\","
            + "\"error\":\"This Windows has no Reset-AppxPackage.\"}", AccountResetStatus.Skipped, "Settings > Apps")]
        [InlineData("{\"status\":\"Failed\",\"packageFullName\":\"\",\"version\":\"\",\"error\":\"Access is denied.\"}", AccountResetStatus.Failed,
            "Access is denied.")]
        public void ATeamsAppThatCannotBeResetHereIsNeverReset(string answer, AccountResetStatus status, string detail)
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            s.Pc.RunAs(alice, elevated: false);
            AccountPc.RecordTeamsApp(s.Machine, answer, TeamsReset);

            var step = Assert.Single(new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -ResetTeamsApp -Step TeamsApp")).Steps);

            Assert.Equal(status, step.Status);
            Assert.Contains(detail, step.Detail);
            Assert.DoesNotContain(AccountPc.ScriptCalls(s.Machine), r => r.HasSwitch("Reset"));
        }

        [Fact]
        public void FromSYSTEMTheTeamsAppResetRunsInTheUsersSession()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            using var view = new UserSessionPlayer(s.Machine, alice);
            AccountPc.RecordTeamsApp(view.Machine, TeamsPresent, TeamsReset);
            view.Play(s.Machine);

            var step = Assert.Single(new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -ResetTeamsApp -Step TeamsApp")).Steps);

            Assert.Equal(AccountResetStatus.Done, step.Status);
            Assert.Equal(alice.UserName, step.RanAs);
            Assert.Equal(1, AccountPc.ScriptCalls(view.Machine).Count(r => r.HasSwitch("Reset")));
            Assert.Empty(s.Machine.CommandRunner.Calls);
        }
    }
}
