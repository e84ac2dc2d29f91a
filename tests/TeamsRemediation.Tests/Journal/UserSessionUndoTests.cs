using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Cache;
using TeamsRemediation.Demo;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Account;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tests.UserBridge;
using TeamsRemediation.Tls;
using TeamsRemediation.UserBridge;
using Xunit;

namespace TeamsRemediation.Tests.Journal
{
    /// <summary>
    /// Undo-TeamsRemediation as SYSTEM of a journal a user's session wrote (Reset-TeamsWorkAccount -ClearTokenBrokerAccounts run from
    /// SYSTEM through the bridge): it runs in that user's session, played by the user's own engine running the task's decoded command,
    /// and what comes back is read as untrusted input. SYSTEM itself never restores the user's journal.
    /// </summary>
    public sealed class UserSessionUndoTests
    {
        private const string UndoCmd = ",TeamsRemediation.Commands.UndoTeamsRemediationCommand";
        private const string Undo = "Undo-TeamsRemediation -Journal $args[0]";

        private static readonly RegistryKeyPath SchannelClient = new RegistryKeyPath(RegistryHive.LocalMachine,
            TlsRegistryLocations.SchannelTls12 + @"\Client");

        /// <summary>Alice (Entra ID) logged on in session 1, the PC run as SYSTEM, and her token broker accounts moved aside from SYSTEM.</summary>
        public sealed class Pc : IDisposable
        {
            public Pc()
            {
                Session = new SimulatedSession();
                Alice = Session.Pc.AddUser("alice", loggedOn: true, domain: "AzureAD", sid: BridgeScenario.EntraSid);
                Session.Pc.RunAsSystem();
                View = new UserSessionPlayer(Session.Machine, Alice);
                View.Play(Session.Machine);
                Planted = OptInUserRepairTests.PlantAccounts(Alice);
                var reset = new ScriptResultView(Session.Run(OptInUserRepairTests.ClearAccounts));
                Assert.Equal(AccountResetStatus.Done, Assert.Single(reset.Steps).Status);
                OptInUserRepairTests.AssertAccountsEmpty(Alice);
                Journal = OptInUserRepairTests.JournalOf(Alice);
            }

            public SimulatedSession Session { get; }

            public SimulatedMachine Machine => Session.Machine;

            public SimulatedUser Alice { get; }

            public UserSessionPlayer View { get; }

            public Dictionary<string, string> Planted { get; }

            public string Journal { get; }

            public string[] LeftFolders => Directory.Exists(BridgeRunFolder.BridgeFolder(Machine))
                ? Directory.GetDirectories(BridgeRunFolder.BridgeFolder(Machine))
                : Array.Empty<string>();

            public void Dispose()
            {
                View.Dispose();
                Session.Dispose();
            }
        }

        [Fact]
        public void SYSTEMUndoOfTheTokenBrokerRepairRestoresTheAccountsInTheUsersSessionAsTheUser()
        {
            using var pc = new Pc();

            var undo = pc.Session.Run(Undo, pc.Journal);

            Assert.Empty(undo.Errors);
            var results = undo.Objects<RestoreResult>().ToList();
            Assert.Equal(3, results.Count);
            Assert.All(results, r =>
            {
                Assert.Equal(RestoreStatus.Restored, r.Status);
                Assert.Equal("Move", r.Kind);
                Assert.Equal(pc.Journal, r.Journal);
                Assert.Equal(pc.Alice.UserName, r.RanAs);
                Assert.Equal(1, r.SessionId);
                Assert.Equal("PC01", r.ComputerName);
            });
            OptInUserRepairTests.AssertAccountsAre(pc.Alice, pc.Planted);

            // The second task ran Undo-TeamsRemediation for that journal only, as Alice, in her session; without -Force none is passed on.
            var run = pc.Machine.TaskScheduler.Runs.Last();
            Assert.Equal((pc.Alice.Sid, 1), (run.UserSid, run.SessionId));
            Assert.Equal(SessionRestoreReader.SessionCommand, run.Parameter("CommandName"));
            Assert.Equal(2, pc.View.Requests.Count);
            Assert.Equal(new[] { "Journal" }, pc.View.Requests[1].ParameterNames);
            Assert.Equal(new[] { pc.Journal }, pc.View.Requests[1].ParameterValues);
            Assert.Empty(pc.View.Requests[1].SwitchNames);
            Assert.Empty(pc.Machine.TaskScheduler.Present);
            Assert.Empty(pc.LeftFolders);
        }

        [Fact]
        public void UndoForceIsPassedOnToTheUsersSession()
        {
            using var pc = new Pc();

            var undo = pc.Session.Run(Undo + " -Force", pc.Journal);

            Assert.Empty(undo.Errors);
            Assert.Equal(3, undo.Objects<RestoreResult>().Count(r => r.Status == RestoreStatus.Restored));
            Assert.Equal(new[] { "Force" }, pc.View.Requests[1].SwitchNames);
        }

        private static object[] Tampering(string what, Func<Pc, string, string> tamper, string why) => new object[] { what, tamper, why };

        public static IEnumerable<object[]> Tamperings => new[]
        {
            Tampering("a status Undo has not", (pc, t) => t.Replace("\"value\":\"Restored\"", "\"value\":\"Hacked\""),
                "'Hacked' is not a Status the module has"),
            Tampering("an object of another type", (pc, t) => t.Replace("\"typeName\":\"TeamsRemediation.RestoreResult\"",
                "\"typeName\":\"System.Management.Automation.PSCustomObject\""), "of type 'System.Management.Automation.PSCustomObject'"),
            Tampering("another computer", (pc, t) => t.Replace("\"name\":\"ComputerName\",\"kind\":\"String\",\"value\":\"PC01\"",
                "\"name\":\"ComputerName\",\"kind\":\"String\",\"value\":\"PC02\""), "names the computer 'PC02', not PC01"),
            Tampering("another journal", (pc, t) => t.Replace("\"name\":\"Journal\",\"kind\":\"String\",\"value\":\"" + pc.Journal,
                "\"name\":\"Journal\",\"kind\":\"String\",\"value\":\"" + pc.Journal + ".other"), ".other', not "),
            Tampering("a target that is not the user's", (pc, t) => t.Replace("\"name\":\"Target\",\"kind\":\"String\",\"value\":\""
                + pc.Alice.ProfilePath, "\"name\":\"Target\",\"kind\":\"String\",\"value\":\"" + Path.GetTempPath()),
                "which is not AzureAD\\alice's own data"),
        };

        [Theory]
        [MemberData(nameof(Tamperings))]
        public void ATamperedResultOfTheUsersSessionIsRejectedWithItsErrorIdAndTheJournalReportedFailed(string what,
            Func<Pc, string, string> tamper, string why)
        {
            using var pc = new Pc();
            pc.View.Play(pc.Machine, text =>
            {
                var changed = tamper(pc, text);
                Assert.True(changed != text, what + " was not applied: the result has changed shape");
                return changed;
            });

            var undo = pc.Session.Run(Undo, pc.Journal);

            var rejected = Assert.Single(undo.Errors);
            Assert.Equal("UserSessionUndoRejected" + UndoCmd, rejected.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, rejected.CategoryInfo.Category);
            Assert.Contains(why, rejected.Exception.Message);
            var failed = Assert.Single(undo.Objects<RestoreResult>());
            Assert.Equal((RestoreStatus.Failed, "Journal", pc.Journal), (failed.Status, failed.Kind, failed.Target));
            Assert.StartsWith("What AzureAD\\alice's session 1 returned was rejected", failed.Detail);
            Assert.Empty(pc.Machine.TaskScheduler.Present);
            Assert.Empty(pc.LeftFolders);
        }

        public static IEnumerable<object[]> Absences => new[]
        {
            new object[] { "logged off" },
            new object[] { "disconnected" },
        };

        [Theory]
        [MemberData(nameof(Absences))]
        public void WithoutAnActiveSessionOfTheUserSYSTEMRefusesAsBeforeWithTheCommandToRunAndStartsNoTask(string how)
        {
            using var pc = new Pc();
            pc.Machine.UserDirectory.RemoveSessions(pc.Alice.Sid);
            if (how == "disconnected")
            {
                pc.Machine.UserDirectory.AddSession(new InteractiveSession(1, pc.Alice.Sid, pc.Alice.UserName, active: false));
            }

            var undo = pc.Session.Run(Undo, pc.Journal);

            var refused = Assert.Single(undo.Errors);
            Assert.Equal("JournalUntrusted" + UndoCmd, refused.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.SecurityError, refused.CategoryInfo.Category);
            Assert.Contains("AzureAD\\alice has no active session on this PC", refused.Exception.Message);
            Assert.Equal("Restore it in AzureAD\\alice's session: Undo-TeamsRemediation -Journal '" + pc.Journal + "' run as AzureAD\\alice, "
                + "or run this Undo again while AzureAD\\alice is logged on (it then runs in their session).",
                refused.ErrorDetails.RecommendedAction);
            Assert.Empty(undo.Objects<RestoreResult>());
            Assert.Single(pc.Machine.TaskScheduler.RegisteredNames);
            OptInUserRepairTests.AssertAccountsEmpty(pc.Alice);
        }

        [Fact]
        public void WhatIfStartsNoTaskAndSaysWhatWouldRunInTheUsersSession()
        {
            using var pc = new Pc();

            var undo = pc.Session.Run(Undo + " -WhatIf", pc.Journal);

            Assert.Empty(undo.Errors);
            var whatIf = Assert.Single(undo.Objects<RestoreResult>());
            Assert.Equal((RestoreStatus.WhatIf, "Journal", pc.Journal), (whatIf.Status, whatIf.Kind, whatIf.Target));
            Assert.Equal("What if: Run as AzureAD\\alice in their session 1 (a one-shot scheduled task): Undo-TeamsRemediation -Journal '"
                + pc.Journal + "'.", whatIf.Detail);
            Assert.Single(pc.Machine.TaskScheduler.RegisteredNames);
            Assert.Single(pc.View.Requests);
            OptInUserRepairTests.AssertAccountsEmpty(pc.Alice);
        }

        [Fact]
        public void ADeclinedRunStartsNoTaskAndReportsTheJournalSkippedAfterOneQuestion()
        {
            using var pc = new Pc();
            var host = new ScriptedHost(pc.Machine, Consent.No);
            var undo = new UserSessionUndo(pc.Machine, host, ModuleSession.ManifestPath);

            var owner = undo.SessionOwnerOf(pc.Journal);
            var results = undo.Restore(pc.Journal, owner!, force: false);

            Assert.Equal(pc.Alice.Sid, owner!.Sid);
            Assert.Equal(new[] { pc.Journal + ": Run as AzureAD\\alice in their session 1 (a one-shot scheduled task): Undo-TeamsRemediation "
                + "-Journal '" + pc.Journal + "'" }, host.Questions);
            Assert.Equal(RestoreStatus.Skipped, Assert.Single(results).Status);
            Assert.Single(pc.Machine.TaskScheduler.RegisteredNames);
            OptInUserRepairTests.AssertAccountsEmpty(pc.Alice);
        }

        /// <summary>Alice edits her journal to put back a machine-wide TLS value: a change SYSTEM could make, and she cannot.</summary>
        private static string TamperIntoMachineValue(Pc pc)
        {
            pc.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(1));
            File.Delete(pc.Journal);
            JournalFile.Create(pc.Machine.Files, pc.Journal, "PC01", JournalScope.EnableTls12, pc.Machine.Clock.UtcNow,
                JournalEntry.RegistryChange(SchannelClient, "Enabled", RegistryValue.DWord(0), RegistryValue.DWord(1)));
            return pc.Journal;
        }

        [Fact]
        public void SYSTEMNeverActsOnATamperedUserJournalItselfLoggedOffItIsRefused()
        {
            using var pc = new Pc();
            var journal = TamperIntoMachineValue(pc);
            pc.Machine.UserDirectory.RemoveSessions(pc.Alice.Sid);

            var undo = pc.Session.Run(Undo, journal);

            Assert.Equal("JournalUntrusted" + UndoCmd, Assert.Single(undo.Errors).FullyQualifiedErrorId);
            Assert.Empty(undo.Objects<RestoreResult>());
            Assert.Equal(RegistryValue.DWord(1), pc.Machine.Registry.GetValue(SchannelClient, "Enabled"));
            Assert.Single(pc.Machine.TaskScheduler.RegisteredNames);
        }

        [Fact]
        public void SYSTEMNeverActsOnATamperedUserJournalItselfLoggedOnItRunsAsTheUserAndAMachineResultIsRejected()
        {
            using var pc = new Pc();
            var journal = TamperIntoMachineValue(pc);

            var undo = pc.Session.Run(Undo, journal);

            // The only process that read the journal ran as Alice; whatever it did there, SYSTEM's machine value is untouched.
            Assert.Equal(RegistryValue.DWord(1), pc.Machine.Registry.GetValue(SchannelClient, "Enabled"));
            Assert.Equal((pc.Alice.Sid, 1), (pc.Machine.TaskScheduler.Runs.Last().UserSid, pc.Machine.TaskScheduler.Runs.Last().SessionId));
            var rejected = Assert.Single(undo.Errors);
            Assert.Equal("UserSessionUndoRejected" + UndoCmd, rejected.FullyQualifiedErrorId);
            Assert.Contains("HKLM\\" + SchannelClient.Path, rejected.Exception.Message);
            Assert.Equal(RestoreStatus.Failed, Assert.Single(undo.Objects<RestoreResult>()).Status);
        }

        [Fact]
        public void AnOutOfScopeJournalIsRefusedByTheUsersOwnUndoAndItsErrorIdComesBack()
        {
            using var pc = new Pc();
            using var elsewhere = new TempFolder();
            var original = Path.Combine(elsewhere.Path, "system.dll");
            var backup = Path.Combine(elsewhere.Path, "moved.dll");
            File.WriteAllText(backup, "planted");
            File.Delete(pc.Journal);
            JournalFile.Create(pc.Machine.Files, pc.Journal, "PC01", JournalScope.ResetWorkAccount, pc.Machine.Clock.UtcNow,
                JournalEntry.Moved(original, backup));

            var undo = pc.Session.Run(Undo, pc.Journal);

            var refused = Assert.Single(undo.Errors);
            Assert.Equal("JournalEntryOutOfScope" + UndoCmd, refused.FullyQualifiedErrorId);
            Assert.StartsWith("In AzureAD\\alice's session 1: The journal " + pc.Journal, refused.Exception.Message);
            Assert.Empty(undo.Objects<RestoreResult>());
            Assert.False(File.Exists(original));
            Assert.True(File.Exists(backup));
        }

        [Fact]
        public void AJournalReachedThroughALinkInTheUsersFolderIsRefusedBeforeAnyTask()
        {
            using var pc = new Pc();
            using var elsewhere = new TempFolder();
            var folder = Path.GetDirectoryName(pc.Journal)!;
            File.Copy(pc.Journal, Path.Combine(elsewhere.Path, Path.GetFileName(pc.Journal)));
            Directory.Delete(folder, recursive: true);
            Directory.CreateSymbolicLink(folder, elsewhere.Path);

            var undo = pc.Session.Run(Undo, pc.Journal);

            var refused = Assert.Single(undo.Errors);
            Assert.Equal("UserJournalThroughLink" + UndoCmd, refused.FullyQualifiedErrorId);
            Assert.Equal(folder, refused.TargetObject);
            Assert.Single(pc.Machine.TaskScheduler.RegisteredNames);
            OptInUserRepairTests.AssertAccountsEmpty(pc.Alice);
        }

        [Fact]
        public void SYSTEMUndoOfACacheBackupInTheUsersProfilePutsTheCacheBackInTheUsersSession()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            using var view = new UserSessionPlayer(s.Machine, alice);
            view.Play(s.Machine);
            var cacheRoot = TeamsLayout.NewCacheRoot(alice.Folders);
            var before = TreeSnapshot.Take(cacheRoot);
            var cleared = Assert.Single(s.Run("Clear-TeamsCache -UserName alice -Client New -Backup").Objects<TeamsCacheClearResult>());
            var journal = Path.Combine(cleared.BackupPath, CacheBackupFolder.JournalFileName);
            Assert.NotEqual(before, TreeSnapshot.Take(cacheRoot));

            var undo = s.Run(Undo, journal);

            Assert.Empty(undo.Errors);
            var results = undo.Objects<RestoreResult>().ToList();
            Assert.NotEmpty(results);
            Assert.All(results, r => Assert.Equal((RestoreStatus.Restored, alice.UserName, (int?)1), (r.Status, r.RanAs, (int?)r.SessionId)));
            Assert.Equal(before, TreeSnapshot.Take(cacheRoot));
            var run = s.Machine.TaskScheduler.Runs.Last();
            Assert.Equal((alice.Sid, SessionRestoreReader.SessionCommand), (run.UserSid, run.Parameter("CommandName")));
        }

        [Fact]
        public void ABackupJournalCountsAsTheUsersOnlyInsideTheirBackupsAndByTheBackupJournalsName()
        {
            using var pc = new Pc();
            var asSystem = new UserSessionUndo(pc.Machine, new ScriptedHost(pc.Machine), ModuleSession.ManifestPath);
            var backups = UserBackups.Root(pc.Alice.Folders);
            string Planted(params string[] parts)
            {
                var path = Path.Combine(backups, Path.Combine(parts));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "<journal/>");
                return path;
            }

            Assert.Equal(pc.Alice.Sid, asSystem.SessionOwnerOf(Planted("20261127-101500-New-abc123", "journal.xml"))!.Sid);
            Assert.Equal(pc.Alice.Sid, asSystem.SessionOwnerOf(Planted("LightClear", "20261127-101500-New-abc123", "journal.xml"))!.Sid);
            Assert.Null(asSystem.SessionOwnerOf(Planted("journal.xml")));
            Assert.Null(asSystem.SessionOwnerOf(Planted("20261127-101500-New-abc123", "other.xml")));
        }

        [Fact]
        public void AJournalInTheProtectedFolderOrAsTheUserIsRestoredHereAsBefore()
        {
            using var pc = new Pc();
            var asAlice = new UserSessionUndo(pc.View.Machine, new ScriptedHost(pc.View.Machine), ModuleSession.ManifestPath);
            var asSystem = new UserSessionUndo(pc.Machine, new ScriptedHost(pc.Machine), ModuleSession.ManifestPath);

            Assert.Null(asAlice.SessionOwnerOf(pc.Journal));
            Assert.Equal(pc.Alice.Sid, asSystem.SessionOwnerOf(pc.Journal)!.Sid);
            Assert.Null(asSystem.SessionOwnerOf(Path.Combine(ChangeJournal.DefaultFolder(pc.Machine), "run.xml")));
            Assert.Null(asSystem.SessionOwnerOf(Path.Combine(pc.Alice.ProfilePath, "Desktop", "journal.xml")));
        }
    }
}
