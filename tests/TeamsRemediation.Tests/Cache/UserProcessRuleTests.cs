using System.IO;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Cache;
using TeamsRemediation.Inventory;
using TeamsRemediation.Processes;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Cache
{
    /// <summary>
    /// One rule for "this user's Teams processes", shared by Get-TeamsInstallation and Clear-TeamsCache: when the
    /// session list cannot be read (or names no session of the user), the owner SID decides and the cmdlets say so;
    /// and the cache is never deleted while a Teams process of that user is alive.
    /// </summary>
    public sealed class UserProcessRuleTests
    {
        private const string Cmdlet = ",TeamsRemediation.Commands.ClearTeamsCacheCommand";

        [LinuxFact]
        public void WithoutASessionListForceStillStopsTheUsersTeamsBeforeClearingAndSaysWhy()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            using var teams = RealProcess.Start("ms-teams");
            using var bobsTeams = RealProcess.Start("ms-teams");
            var info = alice.StartProcess("ms-teams", real: teams.Process);
            bob.StartProcess("ms-teams", real: bobsTeams.Process);
            s.Machine.UserDirectory.SessionsUnreadable = true;

            var installation = s.Run("Get-TeamsInstallation -UserName alice -Client New -Verbose");
            var cleared = s.Run("Clear-TeamsCache -UserName alice -Client New -Force");

            var found = Assert.Single(installation.Objects<TeamsInstallation>());
            Assert.True(found.Running);
            Assert.Equal(new[] { info.ToString() }, found.Processes);
            Assert.Contains(installation.Verbose, v => v.Contains("could not be listed") && v.Contains(alice.Sid));
            Assert.Empty(cleared.Errors);
            var result = Assert.Single(cleared.Objects<TeamsCacheClearResult>());
            Assert.Equal(CacheClearStatus.Cleared, result.Status);
            Assert.Equal(new[] { info.ToString() }, result.ProcessesStopped);
            Assert.Contains(cleared.Warnings, w => w.Contains("could not be listed") && w.Contains(alice.Sid));
            Assert.False(teams.IsAlive);
            Assert.True(bobsTeams.IsAlive, "bob's Teams is not alice's");
            Assert.False(Directory.Exists(Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView")));
        }

        [LinuxFact]
        public void ATeamsOfTheUserOutsideTheirSessionsKeepsTheCacheAndIsNamed()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            using var teams = RealProcess.Start("ms-teams");

            // Started with Run as in another session: alice's token, alice's cache, not alice's session.
            var elsewhere = s.Machine.ProcessTable.AddReal(teams.Process, "ms-teams", sessionId: 77, ownerSid: alice.Sid);
            var before = TreeSnapshot.Take(alice.ProfilePath);

            var result = s.Run("Clear-TeamsCache -UserName alice -Force");

            var error = Assert.Single(result.Errors);
            Assert.Equal("TeamsRunningOutsideSessions" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
            Assert.Contains(elsewhere.ToString(), error.Exception.Message);
            Assert.Equal(CacheClearStatus.Skipped, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.True(teams.IsAlive);
            Assert.Equal(before, TreeSnapshot.Take(alice.ProfilePath));
        }

        [Fact]
        public void InventoryAndStopperAgreeWhenTheSessionListIsUnreadable()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams();
            var teams = alice.StartProcess("Teams");
            s.Machine.UserDirectory.SessionsUnreadable = true;
            var target = new TargetUser(alice.Sid, alice.UserName, alice.Folders, hiveLoaded: true, isCaller: false, sessionId: null);
            var notices = new System.Collections.Generic.List<string>();

            var inventory = new TeamsInventory(s.Machine, notices.Add).Find(target, TeamsClientSelection.Classic, measureCache: false);
            var stopper = new TeamsProcessStopper(s.Machine, _ => { }, notices.Add).Find(target, TeamsClient.Classic);

            Assert.Equal(new[] { teams.ToString() }, Assert.Single(inventory).Processes);
            Assert.Equal(new[] { teams.Id }, stopper.Select(p => p.Id));
            Assert.Equal(2, notices.Count(n => n.Contains("could not be listed")));
        }

        [Fact]
        public void ASessionListWithoutTheUserFallsBackToTheOwnerAndSaysSo()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams();
            var teams = alice.StartProcess("Teams");
            s.Machine.UserDirectory.RemoveSessions(alice.Sid);
            var target = new TargetUser(alice.Sid, alice.UserName, alice.Folders, hiveLoaded: true, isCaller: false, sessionId: null);

            var rule = UserProcesses.Of(s.Machine, target);

            Assert.Equal(new[] { teams.Id }, rule.Processes.Select(p => p.Id));
            Assert.Contains("has no session of " + target, rule.Notice);
        }

        [Fact]
        public void WithSessionsTheRuleKeepsTheUsersSessionsAndSaysNothing()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams();
            var inSession = alice.StartProcess("Teams");
            var elsewhere = s.Machine.ProcessTable.Add("Teams", sessionId: 77, ownerSid: alice.Sid);
            var target = new TargetUser(alice.Sid, alice.UserName, alice.Folders, hiveLoaded: true, isCaller: false, sessionId: alice.SessionId);

            var rule = UserProcesses.Of(s.Machine, target);

            Assert.Equal(new[] { inSession.Id }, rule.Processes.Select(p => p.Id));
            Assert.Equal(new[] { inSession.Id, elsewhere.Id }.OrderBy(i => i), rule.Owned.Select(p => p.Id).OrderBy(i => i));
            Assert.Null(rule.Notice);
        }
    }
}
