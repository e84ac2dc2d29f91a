using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Cache
{
    /// <summary>
    /// An elevated administrator (not SYSTEM) acting on another user's Teams: Windows shows that user's processes with an owner, and lets
    /// them be stopped, only once SeDebugPrivilege is enabled (OpenProcess). The simulated process table applies the same access rule.
    /// </summary>
    public sealed class OtherUsersProcessesTests
    {
        [Fact]
        public void AnElevatedAdminSeesAnotherUsersRunningTeamsAndGivesThePrivilegeBackAfterwards()
        {
            using var s = new SimulatedSession();
            var admin = s.Pc.AddUser("admin", loggedOn: true);
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallNewTeams();
            bob.StartProcess("ms-teams");
            s.Pc.RunAs(admin, elevated: true);

            var bobsTeams = s.Run("Get-TeamsInstallation -AllUsers").Objects<TeamsInstallation>().Single(i => i.UserSid == bob.Sid);

            Assert.True(bobsTeams.Running, "bob's ms-teams runs; without SeDebugPrivilege it has no owner and would count as not running");
            Assert.True(s.Machine.ProcessTable.DebugPrivilegeRequests > 0);
            Assert.False(s.Machine.ProcessTable.DebugPrivilegeEnabled, "the privilege is put back as it was once the processes are read");
        }

        [Fact]
        public void AnElevatedAdminStopsAnotherUsersTeamsBeforeClearingTheirCache()
        {
            using var s = new SimulatedSession();
            var admin = s.Pc.AddUser("admin", loggedOn: true);
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallNewTeams().AddNewTeamsCache();
            var teams = bob.StartProcess("ms-teams");
            s.Pc.RunAs(admin, elevated: true);

            var result = s.Run("Clear-TeamsCache -UserName bob -Client New -Force");

            Assert.Empty(result.Errors);
            var cleared = Assert.Single(result.Objects<TeamsCacheClearResult>());
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.DoesNotContain(s.Machine.ProcessTable.List(), p => p.Id == teams.Id);
            Assert.False(s.Machine.ProcessTable.DebugPrivilegeEnabled);
        }

        [Fact]
        public void AStandardUserGetsNoOwnerOfAnotherUsersProcessEvenWhenAskingForThePrivilege()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var bob = s.Pc.AddUser("bob", loggedOn: true);
            bob.StartProcess("ms-teams");
            s.Pc.RunAs(alice, elevated: false);

            using (s.Machine.Processes.ActOnOtherUsers())
            {
                Assert.Null(s.Machine.Processes.List().Single(p => p.Name == "ms-teams").OwnerSid);
            }
        }
    }
}
