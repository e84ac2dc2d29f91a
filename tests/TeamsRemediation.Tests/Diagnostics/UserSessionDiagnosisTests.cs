using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Demo;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.UserBridge;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// Test-TeamsCaa20002 as SYSTEM, in the hosted engine: Account.Prt, whose facts exist only in each user's own session, is read
    /// there through the simulated task service, the real child script and a real engine per session (each user's view answers
    /// dsregcmd for that user), and comes back as that user's finding, validated; anything else is Skipped with the reason.
    /// </summary>
    public sealed class UserSessionDiagnosisTests
    {
        // Generous: the session's engine imports the module for real; the deadline is what is under test only where it says so.
        private const string Diagnose = "Test-TeamsCaa20002 -SkipNetwork -CheckId Account.* -TimeoutSeconds 120";

        private sealed class Pc : IDisposable
        {
            public Pc()
            {
                Session = new SimulatedSession();
                Alice = HealthyUser(Session, "alice");
                Bob = HealthyUser(Session, "bob");
                Session.Pc.RunAsSystem();
                RecordDsregcmd(Session);
                AliceView = new UserSessionPlayer(Session.Machine, Alice);
                BobView = new UserSessionPlayer(Session.Machine, Bob);
                var now = Session.Machine.Clock.UtcNow.UtcDateTime;
                Answer(AliceView, PrtHealthTests.Dsregcmd("dsregcmd-status-hybrid-prt.txt", now, TimeSpan.FromHours(1)));
                Answer(BobView, Fixture.Text("dsregcmd-status-entra-noprt-attempt.txt").Replace("Attempt Status : 0xc000006d",
                    "Attempt Status : 0xc000005f"));
                Account.AccountPc.RecordWam(AliceView.Machine, "wam-list-success.json");
                Account.AccountPc.RecordWam(BobView.Machine, "wam-list-notallowed.json");
            }

            public SimulatedSession Session { get; }

            public SimulatedMachine Machine => Session.Machine;

            public SimulatedUser Alice { get; }

            public SimulatedUser Bob { get; }

            public UserSessionPlayer AliceView { get; }

            public UserSessionPlayer BobView { get; }

            public string[] LeftFolders => Directory.Exists(BridgeRunFolder.BridgeFolder(Machine))
                ? Directory.GetDirectories(BridgeRunFolder.BridgeFolder(Machine))
                : Array.Empty<string>();

            public static void Answer(UserSessionPlayer view, string dsregcmd) =>
                view.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, dsregcmd), "^/status$");

            public void Dispose()
            {
                AliceView.Dispose();
                BobView.Dispose();
                Session.Dispose();
            }
        }

        [Fact]
        public void AsSystemWithTwoLoggedOnUsersEachUsersOwnPrtStateIsReported()
        {
            using var pc = new Pc();
            pc.AliceView.Play(pc.Machine);
            pc.BobView.Play(pc.Machine);

            var result = pc.Session.Run(Diagnose);

            Assert.Empty(result.Errors);
            var alice = Finding(result, "Account.Prt", pc.Alice);
            Assert.Equal(FindingStatus.Pass, alice.Status);
            Assert.StartsWith("The user has a primary refresh token on this hybrid Entra joined device", alice.Summary);
            Assert.Equal(@"Read in CONTOSO\alice's own session 1, as that user.", alice.Evidence[0]);
            Assert.Equal(pc.Alice.UserName, alice.User);

            var bob = Finding(result, "Account.Prt", pc.Bob);
            Assert.Equal(FindingStatus.Warning, bob.Status);
            Assert.Equal(FindingOwner.TenantAdmin, bob.Owner);
            Assert.Contains("STATUS_NO_SUCH_LOGON_SESSION", bob.Summary);
            Assert.Equal(@"Read in CONTOSO\bob's own session 2, as that user.", bob.Evidence[0]);
            Assert.Contains("Attempt Status: 0xc000005f = STATUS_NO_SUCH_LOGON_SESSION: user realm discovery failed: Entra ID does not know the "
                + "domain of the user's UPN", bob.Evidence);

            // Web Account Manager answered in each user's own session too.
            var aliceWam = Finding(result, "Account.WamAccounts", pc.Alice);
            Assert.Equal(FindingStatus.Pass, aliceWam.Status);
            Assert.Equal("Teams has one work account in Web Account Manager: alice@contoso.com.", aliceWam.Summary);
            Assert.Equal(FindingStatus.Warning, Finding(result, "Account.WamAccounts", pc.Bob).Status);
            Assert.DoesNotContain(pc.Machine.CommandRunner.Calls, c => c.Contains("powershell"));

            // One task per session, each for its own user, asking only for what needs the session, within half the budget; all gone again.
            var runs = pc.Machine.TaskScheduler.Runs.OrderBy(r => r.SessionId).ToList();
            Assert.Equal(new[] { (pc.Alice.Sid, 1), (pc.Bob.Sid, 2) }, runs.Select(r => (r.UserSid, r.SessionId)));
            Assert.All(runs, r => Assert.Equal("Test-TeamsCaa20002", r.Parameter("CommandName")));
            Assert.All(runs, r => Assert.Equal(new[] { "TimeoutSeconds", "CheckId", "CheckId" }, r.Request!.ParameterNames));
            Assert.All(runs, r => Assert.Equal(new[] { "60", "Account.Prt", "Account.WamAccounts" }, r.Request!.ParameterValues));
            Assert.Empty(pc.Machine.TaskScheduler.Present);
            Assert.Empty(pc.LeftFolders);

            // Each user's own dsregcmd answered for them; SYSTEM's answered only for the device.
            Assert.Contains(pc.AliceView.Machine.CommandRunner.Calls, c => c.Contains("dsregcmd"));
            Assert.Contains(pc.BobView.Machine.CommandRunner.Calls, c => c.Contains("dsregcmd"));
            Assert.Equal("Hybrid Entra joined.", Finding(result, "Account.DeviceJoin").Summary);
        }

        // A healthy PC of each kind, as SYSTEM with the user logged on: no Fail and no Warning from the checks read in the user's session.
        [Theory]
        [InlineData("dsregcmd-status-entra-prt.txt", "Entra joined.")]
        [InlineData("dsregcmd-status-hybrid-prt.txt", "Hybrid Entra joined.")]
        [InlineData("dsregcmd-status-registered.txt", "Not joined.")]
        public void AHealthyPcOfEachKindRaisesNoAlarmFromTheUsersSession(string fixture, string join)
        {
            using var pc = new Pc();
            var now = pc.Machine.Clock.UtcNow.UtcDateTime;
            var dsregcmd = PrtHealthTests.Dsregcmd(fixture, now, TimeSpan.FromMinutes(30));
            pc.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, dsregcmd), "^/status$");
            Pc.Answer(pc.AliceView, dsregcmd);
            Pc.Answer(pc.BobView, dsregcmd);
            Account.AccountPc.RecordWam(pc.BobView.Machine, "wam-list-none.json");
            pc.AliceView.Play(pc.Machine);
            pc.BobView.Play(pc.Machine);

            var result = pc.Session.Run(Diagnose);

            Assert.Equal(join, Finding(result, "Account.DeviceJoin").Summary);
            foreach (var user in new[] { pc.Alice, pc.Bob })
            {
                foreach (var id in new[] { "Account.Prt", "Account.WamAccounts" })
                {
                    var finding = Finding(result, id, user);
                    Assert.True(finding.Status == FindingStatus.Pass, id + " " + user.UserName + ": " + finding);
                    Assert.StartsWith("Read in " + user.UserName + "'s own session", finding.Evidence[0]);
                }
            }
        }

        [Theory]
        [InlineData("sid", "UserSessionFindingsRejected")]
        [InlineData("type", "UserSessionFindingsRejected")]
        [InlineData("check", "UserSessionFindingsRejected")]
        [InlineData("cut", "UserBridgeResultInvalid")]
        public void ATamperedSessionResultIsSkippedWithTheIdNeverPassOrFail(string how, string errorId)
        {
            using var pc = new Pc();
            pc.AliceView.Play(pc.Machine, json =>
            {
                switch (how)
                {
                    case "sid": return json.Replace(pc.Alice.Sid, pc.Bob.Sid);
                    case "type": return json.Replace("\"TeamsRemediation.TeamsCaa20002Finding\"", "\"System.Management.Automation.PSCustomObject\"");
                    case "check": return json.Replace("\"Account.Prt\"", "\"Tls.Schannel\"");
                    default: return json.Substring(0, json.LastIndexOf(",\"end\"", StringComparison.Ordinal)) + "}";
                }
            });
            pc.BobView.Play(pc.Machine);

            var result = pc.Session.Run(Diagnose);

            var alice = Finding(result, "Account.Prt", pc.Alice);
            Assert.Equal(FindingStatus.Skipped, alice.Status);
            Assert.StartsWith(errorId + ": ", alice.SkipReason);
            Assert.Equal(FindingStatus.Warning, Finding(result, "Account.Prt", pc.Bob).Status);
            Assert.Empty(pc.Machine.TaskScheduler.Present);
        }

        [Fact]
        public void ADisconnectedSessionAndALoggedOffUserAreSkippedWithTheReasonAndNothingRunsForThem()
        {
            using var pc = new Pc();
            pc.AliceView.Play(pc.Machine);
            pc.Machine.UserDirectory.RemoveSessions(pc.Bob.Sid);
            pc.Machine.UserDirectory.AddSession(new InteractiveSession(2, pc.Bob.Sid, pc.Bob.UserName, active: false));
            var carol = HealthyUser(pc.Session, "carol", loggedOn: false);

            var result = pc.Session.Run(Diagnose + " -AllUsers");

            Assert.Equal(FindingStatus.Pass, Finding(result, "Account.Prt", pc.Alice).Status);
            var bob = Finding(result, "Account.Prt", pc.Bob);
            Assert.Equal(FindingStatus.Skipped, bob.Status);
            Assert.StartsWith("UserSessionDisconnected: ", bob.SkipReason);
            var offline = Finding(result, "Account.Prt", carol);
            Assert.Equal(FindingStatus.Skipped, offline.Status);
            Assert.StartsWith(@"CONTOSO\carol is not logged on", offline.SkipReason);
            Assert.Equal(new[] { pc.Alice.Sid }, pc.Machine.TaskScheduler.Runs.Select(r => r.UserSid));
        }

        [Fact]
        public void ASessionThatDoesNotAnswerWithinTheTimeoutIsSkippedAndTheDiagnosisKeepsItsDeadline()
        {
            using var pc = new Pc();
            pc.AliceView.Play(pc.Machine);
            pc.Machine.TaskScheduler.OnRun(pc.Bob.Sid, run => SimulatedRunEnd.KeepsRunning);

            var started = DateTime.UtcNow;
            var result = pc.Session.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Account.Prt -TimeoutSeconds 30");
            var took = DateTime.UtcNow - started;

            var bob = Finding(result, "Account.Prt", pc.Bob);
            Assert.Equal(FindingStatus.Skipped, bob.Status);
            Assert.StartsWith("UserBridgeTimedOut: ", bob.SkipReason);
            Assert.Equal(FindingStatus.Pass, Finding(result, "Account.Prt", pc.Alice).Status);
            Assert.Empty(pc.Machine.TaskScheduler.Present);
            Assert.True(took < TimeSpan.FromSeconds(30 + 60), "took " + took);
        }

        [Fact]
        public void SessionsStillRunningAtTheDeadlineAreCancelledAndSkippedAndTheCallReturnsByIt()
        {
            using var pc = new Pc();
            using var release = new System.Threading.ManualResetEventSlim();
            foreach (var user in new[] { pc.Alice, pc.Bob })
            {
                // The session's program holds its start for real (Windows would be starting PowerShell on a busy PC).
                pc.Machine.TaskScheduler.OnRun(user.Sid, run =>
                {
                    release.Wait(TimeSpan.FromSeconds(60));
                    return SimulatedRunEnd.Exits;
                });
            }

            try
            {
                var started = DateTime.UtcNow;
                var result = pc.Session.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Account.Prt -TimeoutSeconds 2");
                var took = DateTime.UtcNow - started;

                foreach (var user in new[] { pc.Alice, pc.Bob })
                {
                    var prt = Finding(result, "Account.Prt", user);
                    Assert.Equal(FindingStatus.Skipped, prt.Status);
                    Assert.StartsWith("the user's session did not answer within 2 s (-TimeoutSeconds)", prt.SkipReason);
                }

                // The deadline plus the grace twice (the wait, then the cancelled bridge's chance to say so); generous for a busy machine.
                Assert.True(took < TimeSpan.FromSeconds(2 + 10), "took " + took);
            }
            finally
            {
                release.Set();
            }
        }

        [Fact]
        public void TheUsersOwnProxyIsProbedInTheirSessionNextToSystems()
        {
            using var pc = new Pc();
            // Alice's PAC sends her through a proxy that refuses the sign-in host; SYSTEM (WinHTTP) goes directly and gets through.
            pc.AliceView.Machine.SimulatedNetworkSettings.UserProxy = new UserProxyResolution(
                ProxyRoute.Parse("proxy.contoso.com:8080", string.Empty, "PAC"), "PAC http://wpad.contoso.com/wpad.dat");
            pc.AliceView.Machine.SimulatedNetwork.Declare("login.microsoftonline.com", ProbeOutcome.ProxyRefused, "The proxy answered 403.");
            pc.AliceView.Play(pc.Machine);
            pc.BobView.Play(pc.Machine);

            var result = pc.Session.Run("Test-TeamsCaa20002 -CheckId Network.Endpoint, Network.UserProxy -TimeoutSeconds 120");

            Assert.Equal(FindingStatus.Pass, Finding(result, "Network.Endpoint").Status);
            var alice = Finding(result, "Network.UserProxy", pc.Alice);
            Assert.Equal(FindingStatus.Fail, alice.Status);
            Assert.Equal(FindingOwner.Network, alice.Owner);
            Assert.Contains("proxy.contoso.com:8080 (PAC http://wpad.contoso.com/wpad.dat)", alice.Summary);
            Assert.Equal(@"Read in CONTOSO\alice's own session 1, as that user.", alice.Evidence[0]);
            Assert.Equal(FindingStatus.Pass, Finding(result, "Network.UserProxy", pc.Bob).Status);
            Assert.All(pc.AliceView.Machine.SimulatedNetwork.Routes, r => Assert.Equal("proxy.contoso.com:8080", r));
            Assert.All(pc.Machine.SimulatedNetwork.Routes, r => Assert.Equal(string.Empty, r));
        }

        [Fact]
        public void SkipUserSessionKeepsTodaysBehaviourAndStartsNothing()
        {
            using var pc = new Pc();
            pc.AliceView.Play(pc.Machine);
            pc.BobView.Play(pc.Machine);

            var result = pc.Session.Run(Diagnose + " -SkipUserSession");

            foreach (var user in new[] { pc.Alice, pc.Bob })
            {
                var prt = Finding(result, "Account.Prt", user);
                Assert.Equal(FindingStatus.Skipped, prt.Status);
                Assert.Contains(@"NT AUTHORITY\SYSTEM", prt.SkipReason);
            }

            Assert.Empty(pc.Machine.TaskScheduler.Runs);
        }

        [Fact]
        public void RepairAsSystemSeesWhatTheDetectionSawInTheUsersSessionAndHandsItToTheAdmin()
        {
            using var pc = new Pc();
            pc.AliceView.Play(pc.Machine);
            pc.BobView.Play(pc.Machine);

            var result = pc.Session.Run("Repair-TeamsCaa20002 -Force -SkipNetwork -TimeoutSeconds 120");

            var summary = result.Objects<TeamsRepairSummary>().Single();
            // Bob's PRT is the tenant's to fix and his account list a warning the ladder does not reset: both stay, handed to the admin.
            Assert.Equal(RepairOutcome.NotFixed, summary.Outcome);
            Assert.Equal(1, summary.ExitCode);
            Assert.Contains("NothingThePcCanFix/AdminPack: NeedsAdmin", summary.Steps);
            Assert.Contains(summary.ProblemsBefore, p => p.Contains("Account.Prt " + pc.Bob.UserName));
            Assert.DoesNotContain(summary.ProblemsBefore, p => p.Contains("Account.Prt " + pc.Alice.UserName));
            Assert.Contains(summary.ProblemsAfter, p => p.Contains("Account.Prt " + pc.Bob.UserName));
            Assert.True(summary.ReportPath.Length > 0, "the admin pack names Bob's PRT problem");
            var runs = pc.Machine.TaskScheduler.Runs.OrderBy(r => r.SessionId).ToList();
            Assert.Equal(new[] { (pc.Alice.Sid, 1), (pc.Bob.Sid, 2) }, runs.Select(r => (r.UserSid, r.SessionId)));
            Assert.All(runs, r => Assert.Equal("Test-TeamsCaa20002", r.Parameter("CommandName")));
            Assert.Empty(pc.Machine.TaskScheduler.Present);
        }

        [Theory]
        [InlineData("-SkipUserSession")]
        [InlineData("-WhatIf")]
        public void RepairWithSkipUserSessionOrWhatIfStartsNothingInTheSessions(string how)
        {
            using var pc = new Pc();
            pc.AliceView.Play(pc.Machine);
            pc.BobView.Play(pc.Machine);

            var result = pc.Session.Run("Repair-TeamsCaa20002 -Force -SkipNetwork " + how);

            var summary = result.Objects<TeamsRepairSummary>().Single();
            Assert.DoesNotContain(summary.ProblemsBefore, p => p.Contains("Account.Prt"));
            Assert.Empty(pc.Machine.TaskScheduler.Runs);
        }
    }
}
