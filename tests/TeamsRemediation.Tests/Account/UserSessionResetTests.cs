using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tests.UserBridge;
using TeamsRemediation.Demo;
using TeamsRemediation.UserBridge;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>
    /// Reset-TeamsWorkAccount as SYSTEM, in the hosted engine: the steps only a user's session can do run there through the
    /// simulated task service, the real child script and a real engine per session, and come back merged into the output.
    /// </summary>
    public sealed class UserSessionResetTests
    {
        private const string Cmd = ",TeamsRemediation.Commands.ResetTeamsWorkAccountCommand";
        private const string System = @"NT AUTHORITY\SYSTEM";

        private static readonly AccountResetStepName[] SessionSteps =
            { AccountResetStepName.BrokerPlugin, AccountResetStepName.WamAccounts, AccountResetStepName.Credentials };

        private sealed class Pc : IDisposable
        {
            public Pc()
            {
                Session = new SimulatedSession();
                Alice = Session.Pc.AddUser("alice", loggedOn: true, domain: "AzureAD", sid: BridgeScenario.EntraSid).InstallNewTeams();
                Bob = Session.Pc.AddUser("bob", loggedOn: true).InstallNewTeams();
                Session.Pc.RunAsSystem();
                AccountPc.RecordDsregcmd(Session.Machine);
                AliceView = new UserSessionPlayer(Session.Machine, Alice);
                BobView = new UserSessionPlayer(Session.Machine, Bob);
                AccountPc.RecordHealthyUser(AliceView.Machine);
                AccountPc.RecordHealthyUser(BobView.Machine);
                AccountPc.RecordWam(BobView.Machine, "wam-list-none.json");
            }

            public SimulatedSession Session { get; }

            public SimulatedMachine Machine => Session.Machine;

            public SimulatedUser Alice { get; }

            public SimulatedUser Bob { get; }

            public UserSessionPlayer AliceView { get; }

            public UserSessionPlayer BobView { get; }

            public void PlayBoth()
            {
                AliceView.Play(Machine);
                BobView.Play(Machine);
            }

            public ScriptResultView Run(string command) => new ScriptResultView(Session.Run(command));

            public string[] LeftFolders => Directory.Exists(BridgeRunFolder.BridgeFolder(Machine))
                ? Directory.GetDirectories(BridgeRunFolder.BridgeFolder(Machine))
                : Array.Empty<string>();

            public void Dispose()
            {
                AliceView.Dispose();
                BobView.Dispose();
                Session.Dispose();
            }
        }

        private static TeamsAccountResetStep StepOf(ScriptResultView result, SimulatedUser user, AccountResetStepName name) =>
            result.Steps.Single(s => s.UserSid == user.Sid && s.Step == name);

        [Fact]
        public void TwoUsersInTwoSessionsEachGetTheirOwnRunAndTheirResultsMergedWithTheSessionThatRanThem()
        {
            using var pc = new Pc();
            pc.PlayBoth();

            var result = pc.Run("Reset-TeamsWorkAccount -Force");

            Assert.Empty(result.Raw.Errors);
            Assert.Empty(result.Raw.Warnings);
            foreach (var (user, session) in new[] { (pc.Alice, 1), (pc.Bob, 2) })
            {
                var steps = result.Steps.Where(s => s.UserSid == user.Sid).ToList();
                Assert.Equal(Enum.GetValues(typeof(AccountResetStepName)).Cast<AccountResetStepName>(), steps.Select(s => s.Step));
                foreach (var step in steps)
                {
                    var inSession = SessionSteps.Contains(step.Step);
                    Assert.Equal(inSession ? user.UserName : System, step.RanAs);
                    Assert.Equal(inSession ? session : 0, step.SessionId);
                    Assert.Equal(user.UserName, step.User);
                    Assert.Equal("PC01", step.ComputerName);
                    Assert.NotEqual(AccountResetStatus.RequiresUserContext, step.Status);
                }
            }

            // Each session answered for its own user: Alice's WAM held an account to sign out, Bob's none.
            Assert.Equal(AccountResetStatus.Done, StepOf(result, pc.Alice, AccountResetStepName.WamAccounts).Status);
            Assert.Contains("alice@contoso.com", StepOf(result, pc.Alice, AccountResetStepName.WamAccounts).Detail);
            Assert.Equal(AccountResetStatus.NotNeeded, StepOf(result, pc.Bob, AccountResetStepName.WamAccounts).Status);
            Assert.Equal(AccountResetStatus.Done, StepOf(result, pc.Bob, AccountResetStepName.Credentials).Status);

            // One task per session, registered for that user's SID and started in that session; all gone again.
            var runs = pc.Machine.TaskScheduler.Runs.OrderBy(r => r.SessionId).ToList();
            Assert.Equal(new[] { (pc.Alice.Sid, 1), (pc.Bob.Sid, 2) }, runs.Select(r => (r.UserSid, r.SessionId)));
            Assert.Empty(pc.Machine.TaskScheduler.Present);
            Assert.Empty(pc.LeftFolders);
            // Each session was asked for exactly the steps that wait for a user, each value on its own.
            Assert.All(runs, r => Assert.Equal(new[] { "Step", "Step", "Step" }, r.Request!.ParameterNames));
            Assert.All(runs, r => Assert.Equal(new[] { "BrokerPlugin", "WamAccounts", "Credentials" }, r.Request!.ParameterValues));
            // SYSTEM ran no per-user program; each user's own view did.
            Assert.DoesNotContain(pc.Machine.CommandRunner.Calls, c => c.Contains("powershell") || c.Contains("cmdkey"));
            Assert.Contains(pc.AliceView.Machine.CommandRunner.Calls, c => c.Contains("cmdkey") && c.EndsWith("/list"));
            Assert.Contains(pc.BobView.Machine.CommandRunner.Calls, c => c.Contains("cmdkey") && c.EndsWith("/list"));
            Assert.DoesNotContain(pc.AliceView.Machine.CommandRunner.Calls, c => c.Contains("dsregcmd"));
        }

        [Fact]
        public void TheDefaultViewShowsWhichUserAndSessionRanEachStep()
        {
            using var pc = new Pc();
            pc.PlayBoth();

            var text = pc.Session.Shell.Show("Reset-TeamsWorkAccount -Force -Step DeviceRegistration, WamAccounts");

            Assert.Contains(@"AzureAD\alice (1)", text);
            Assert.Contains(@"CONTOSO\bob (2)", text);
            Assert.Contains(@"NT AUTHORITY\SYSTEM", text);
        }

        [Fact]
        public void WhatIfStartsNoTaskAndSaysWhatWouldRunInEachSession()
        {
            using var pc = new Pc();
            pc.PlayBoth();

            var result = pc.Run("Reset-TeamsWorkAccount -WhatIf");

            Assert.Empty(pc.Machine.TaskScheduler.RegisteredNames);
            Assert.False(Directory.Exists(BridgeRunFolder.BridgeFolder(pc.Machine)));
            Assert.Empty(pc.AliceView.Requests);
            foreach (var name in SessionSteps)
            {
                var alice = StepOf(result, pc.Alice, name);
                Assert.Equal(AccountResetStatus.WhatIf, alice.Status);
                Assert.Equal("What if: run as AzureAD\\alice in their session 1.", alice.Detail);
                Assert.Equal(AccountResetStatus.WhatIf, StepOf(result, pc.Bob, name).Status);
            }
        }

        [Fact]
        public void ADeclinedSessionRunStartsNoTaskAndLeavesTheStepsSkippedAfterOneQuestionPerUser()
        {
            using var pc = new Pc();
            pc.PlayBoth();
            var host = new ScriptedHost(pc.Machine, Hosting.Consent.No);
            var options = new WorkAccountResetOptions { ModuleManifestPath = Demo.ModuleSession.ManifestPath };
            var users = new TeamsRemediation.Targets.TargetResolver(pc.Machine.Users).Resolve(new TeamsRemediation.Targets.TargetRequest()).Users;

            var steps = new UserSessionAccountReset(pc.Machine, host, options).Reset(users);

            Assert.Empty(pc.Machine.TaskScheduler.RegisteredNames);
            Assert.Equal(new[]
            {
                "AzureAD\\alice: Run as AzureAD\\alice in their session 1 (a one-shot scheduled task): Check the token broker registration; "
                    + "Sign out the WAM accounts of Teams; Remove cached Teams credentials",
                "CONTOSO\\bob: Run as CONTOSO\\bob in their session 2 (a one-shot scheduled task): Check the token broker registration; "
                    + "Sign out the WAM accounts of Teams; Remove cached Teams credentials",
            }, host.Questions);
            Assert.All(steps.Where(s => SessionSteps.Contains(s.Step)), s => Assert.Equal(AccountResetStatus.Skipped, s.Status));
            Assert.Contains(steps, s => s.Detail == "Declined: run as CONTOSO\\bob in their session 2.");
        }

        private static object[] Tampering(string what, string from, string to, string why) =>
            new object[] { what, (Func<string, string>)(t => t.Replace(from, to)), why };

        public static IEnumerable<object[]> Tamperings => new[]
        {
            Tampering("a status the module has not", "\"value\":\"Done\"", "\"value\":\"Hacked\"", "'Hacked' is not a Status the module has"),
            Tampering("a step about another user", BridgeScenario.EntraSid, "S-1-5-21-1-2-3-500",
                "is about S-1-5-21-1-2-3-500, not about " + BridgeScenario.EntraSid),
            Tampering("an object of another type", "\"typeName\":\"TeamsRemediation.TeamsAccountResetStep\"",
                "\"typeName\":\"System.Management.Automation.PSCustomObject\"", "of type 'System.Management.Automation.PSCustomObject'"),
            Tampering("a backup outside the user's profile", "\"name\":\"BackupPath\",\"kind\":\"String\",\"value\":\"\"",
                "\"name\":\"BackupPath\",\"kind\":\"String\",\"value\":\"C:\\\\Windows\\\\System32\"", "outside AzureAD\\alice's profile"),
        };

        [Theory]
        [MemberData(nameof(Tamperings))]
        public void ATamperedSessionResultIsRejectedWithItsErrorIdAndNothingOfItIsUsed(string what, Func<string, string> tamper,
            string why)
        {
            using var pc = new Pc();
            pc.AliceView.Play(pc.Machine, text =>
            {
                var changed = tamper(text);
                Assert.True(changed != text, what + " was not applied: the result has changed shape");
                return changed;
            });
            pc.BobView.Play(pc.Machine);

            var result = pc.Run("Reset-TeamsWorkAccount -Force");

            var rejected = Assert.Single(result.Raw.Errors, e => e.FullyQualifiedErrorId == "UserSessionResultRejected" + Cmd);
            Assert.Contains(why, rejected.Exception.Message);
            Assert.Equal(global::System.Management.Automation.ErrorCategory.InvalidData, rejected.CategoryInfo.Category);
            foreach (var name in SessionSteps)
            {
                var step = StepOf(result, pc.Alice, name);
                Assert.Equal(AccountResetStatus.Failed, step.Status);
                Assert.Equal(System, step.RanAs);
                Assert.StartsWith("What AzureAD\\alice's session 1 returned was rejected", step.Detail);
                // Bob's untampered run is used.
                Assert.Equal(pc.Bob.UserName, StepOf(result, pc.Bob, name).RanAs);
            }

            Assert.Equal(SessionSteps.Length, result.Raw.Errors.Count(e => e.FullyQualifiedErrorId == "WorkAccountStepFailed" + Cmd));
            Assert.Empty(pc.Machine.TaskScheduler.Present);
            Assert.Empty(pc.LeftFolders);
        }

        [Fact]
        public void AFailedStepInTheSessionComesBackOnceWithItsErrorId()
        {
            using var pc = new Pc();
            AccountPc.RecordWam(pc.AliceView.Machine, "wam-list-notallowed.json");
            pc.PlayBoth();

            var result = pc.Run("Reset-TeamsWorkAccount -Force");

            var wam = StepOf(result, pc.Alice, AccountResetStepName.WamAccounts);
            Assert.Equal(AccountResetStatus.Failed, wam.Status);
            Assert.Equal(pc.Alice.UserName, wam.RanAs);
            Assert.Contains("NotAllowedByProvider", wam.Detail);
            var error = Assert.Single(result.Raw.Errors);
            Assert.Equal("WorkAccountStepFailed" + Cmd, error.FullyQualifiedErrorId);
            Assert.Contains("WamAccounts", error.Exception.Message);
        }

        [Fact]
        public void ADisconnectedSessionIsSkippedAndItsStepsStayRequiresUserContextWithTheReason()
        {
            using var pc = new Pc();
            pc.Machine.UserDirectory.RemoveSessions(pc.Bob.Sid);
            pc.Machine.UserDirectory.AddSession(new InteractiveSession(2, pc.Bob.Sid, pc.Bob.UserName, active: false));
            pc.PlayBoth();

            var result = pc.Run("Reset-TeamsWorkAccount -Force");

            var bob = StepOf(result, pc.Bob, AccountResetStepName.WamAccounts);
            Assert.Equal(AccountResetStatus.RequiresUserContext, bob.Status);
            Assert.StartsWith("Not run in CONTOSO\\bob's session 2: The session 2 of CONTOSO\\bob is disconnected", bob.Detail);
            Assert.Contains(result.Raw.Warnings, w => w.Contains("-IncludeDisconnected"));
            Assert.Equal(new[] { pc.Alice.Sid }, pc.Machine.TaskScheduler.Runs.Select(r => r.UserSid));
            Assert.Equal(pc.Alice.UserName, StepOf(result, pc.Alice, AccountResetStepName.WamAccounts).RanAs);
        }

        [Fact]
        public void AnAdminElevatedForAnotherUserRunsThatUsersStepsInTheirSessionNeverOnTheOwnAccount()
        {
            using var pc = new Pc();
            var admin = pc.Session.Pc.AddUser("admin", loggedOn: true);
            pc.Session.Pc.RunAs(admin, elevated: true);
            AccountPc.RecordHealthyUser(pc.Machine);
            pc.PlayBoth();

            var result = pc.Run("Reset-TeamsWorkAccount -UserName bob -Force");

            Assert.All(SessionSteps, name => Assert.Equal(pc.Bob.UserName, StepOf(result, pc.Bob, name).RanAs));
            Assert.DoesNotContain(pc.Machine.CommandRunner.Calls, c => c.Contains("powershell") || c.Contains("cmdkey"));
            Assert.Equal(new[] { pc.Bob.Sid }, pc.Machine.TaskScheduler.Runs.Select(r => r.UserSid));
        }
    }
}
