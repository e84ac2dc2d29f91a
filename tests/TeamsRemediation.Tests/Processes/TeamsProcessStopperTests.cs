using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Processes;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Processes
{
    /// <summary>
    /// How the stopper ends a user's Teams: a process id reused between the listing and the kill (W18) is never ended in the
    /// listed process's place, and Teams is ended at once instead of being asked to close, which would only hide it to the
    /// notification area and lose the grace period (W19); the grace goes to the WebView2 processes, which leave with their host.
    /// </summary>
    public sealed class TeamsProcessStopperTests
    {
        [Theory]
        [InlineData("notepad")]
        [InlineData("ms-teams")]
        public void AProcessThatGotTheIdOfTheListedTeamsIsNotKilled(string newcomer)
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            alice.StartProcess("ms-teams");
            var verbose = new List<string>();
            var stopper = new TeamsProcessStopper(s.Machine, verbose.Add);
            var listed = stopper.Find(Target(alice), TeamsClient.New);

            // Between the listing and the kill, Teams exits and its id goes to another process (the same name when Teams restarted).
            var other = s.Machine.ProcessTable.ReuseId(listed.Single(), newcomer, alice.SessionId!.Value, alice.Sid);
            var outcome = stopper.Stop(listed);

            Assert.Contains(s.Machine.ProcessTable.List(), p => p.Id == other.Id && p.StartTimeUtc == other.StartTimeUtc);
            Assert.Equal(listed, outcome.Stopped);
            Assert.Empty(outcome.StillRunning);
            Assert.Contains(listed.Single() + " had exited; its id now names another process, which was left alone.", verbose);
        }

        [Fact]
        public void TheListedTeamsIsKilledWhenItsIdStillNamesIt()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var teams = alice.StartProcess("ms-teams");
            var stopper = new TeamsProcessStopper(s.Machine, _ => { });

            var outcome = stopper.Stop(stopper.Find(Target(alice), TeamsClient.New));

            Assert.Equal(teams.Id, Assert.Single(outcome.Stopped).Id);
            Assert.DoesNotContain(s.Machine.ProcessTable.List(), p => p.Id == teams.Id);
        }

        [Fact]
        public void TeamsIsEndedAtOnceAndOnlyItsWebViewsGetTheGracePeriod()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var teams = alice.StartProcess("ms-teams");
            var webView = alice.StartProcess("msedgewebview2", parentId: teams.Id);
            var stopper = new TeamsProcessStopper(s.Machine, _ => { });

            var outcome = stopper.Stop(stopper.Find(Target(alice), TeamsClient.New));

            Assert.Empty(outcome.StillRunning);
            var actions = s.Machine.ProcessTable.Actions.ToList();
            Assert.Equal("kill " + teams, actions.First(a => a.Contains(teams.ToString())));
            var webViewActions = actions.Where(a => a.Contains(webView.ToString())).ToList();
            Assert.StartsWith("wait " + webView + " ", webViewActions[0]);
            Assert.NotEqual("wait " + webView + " 0 ms", webViewActions[0]);
            Assert.Equal("kill " + webView, webViewActions[1]);
            Assert.True(actions.IndexOf("kill " + teams) < actions.IndexOf(webViewActions[0]), "Teams is ended before its WebView2 waits");
        }

        private static TargetUser Target(Simulation.SimulatedUser user) =>
            new TargetUser(user.Sid, user.UserName, user.Folders, hiveLoaded: true, isCaller: false, sessionId: user.SessionId);
    }
}
