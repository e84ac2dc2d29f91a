using System.Linq;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Inventory
{
    public sealed class GetTeamsInstallationTests
    {
        [Fact]
        public void AsSystemItListsTheLoggedOnUsersTeams()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.AddUser("bob").InstallClassicTeams();
            s.Pc.RunAsSystem();

            var result = s.Run("Get-TeamsInstallation");

            Assert.Empty(result.Errors);
            var found = Assert.Single(result.Objects<TeamsInstallation>());
            Assert.Equal(alice.Sid, found.UserSid);
            Assert.Equal("PC01", found.ComputerName);
            Assert.Equal(TeamsClient.New, found.Client);
        }

        [Fact]
        public void AllUsersListsEveryProfile()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.AddUser("bob", hiveLoaded: false).InstallClassicTeams();

            var found = s.Run("Get-TeamsInstallation -AllUsers").Objects<TeamsInstallation>().ToList();

            Assert.Equal(new[] { "CONTOSO\\alice", "CONTOSO\\bob" }, found.Select(i => i.User).OrderBy(u => u));
            // Bob's hive is not loaded: his classic version is unknown, not guessed.
            Assert.Null(found.Single(i => i.User == "CONTOSO\\bob").Version);
        }

        [Fact]
        public void AnUnknownUserIsANonTerminatingErrorWithAStableId()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice").InstallNewTeams();

            var result = s.Run("Get-TeamsInstallation -UserName mallory, alice");

            Assert.Equal("UserNotFound,TeamsRemediation.Commands.GetTeamsInstallationCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Single(result.Objects<TeamsInstallation>());
        }

        [Fact]
        public void APathAsUserNameStopsTheCallWithAStableId()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice").InstallNewTeams();

            var result = s.Run(@"Get-TeamsInstallation -UserName '..\alice'");

            Assert.Equal("InvalidUserName,TeamsRemediation.Commands.GetTeamsInstallationCommand", result.TerminatingErrorId);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void AsSystemWithNobodyLoggedOnItSaysWhatToDo()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice").InstallNewTeams();
            s.Pc.RunAsSystem();

            var result = s.Run("Get-TeamsInstallation");

            Assert.Equal("NoInteractiveUser,TeamsRemediation.Commands.GetTeamsInstallationCommand", result.TerminatingErrorId);
            Assert.Contains("-AllUsers", result.Terminating!.Message
                + ((System.Management.Automation.IContainsErrorRecord)result.Terminating).ErrorRecord.ErrorDetails?.RecommendedAction);
        }

        [Fact]
        public void InARemotingSessionTheAdminIsNotTheTarget()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var admin = s.Pc.AddUser("admin").InstallNewTeams();
            s.Pc.RunAs(admin, elevated: true);
            s.Shell.ActAsRemotingSession();

            var found = Assert.Single(s.Run("Get-TeamsInstallation").Objects<TeamsInstallation>());

            Assert.Equal(alice.Sid, found.UserSid);
        }

        [Fact]
        public void TheDefaultViewShowsUserClientAndCache()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams("25122.1415.3698.6812");
            s.Pc.RunAsSystem();

            var text = s.Shell.Show("Get-TeamsInstallation");

            Assert.Contains("Cache(MB)", text);
            Assert.Contains("CONTOSO\\alice", text);
            Assert.Contains("25122.1415.3698.6812", text);
        }
    }
}
