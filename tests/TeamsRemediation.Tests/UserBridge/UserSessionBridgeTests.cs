using System;
using System.IO;
using System.Linq;
using System.Threading;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.UserBridge;
using Xunit;

namespace TeamsRemediation.Tests.UserBridge
{
    /// <summary>The bridge against the simulated task service: who gets a run, what comes back, and that nothing is left behind.</summary>
    public sealed class UserSessionBridgeTests
    {
        [Fact]
        public void TwoUsersInTwoSessionsEachGetTheirOwnTaskRunAndResult()
        {
            using (var scenario = new BridgeScenario())
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true, domain: "AzureAD", sid: BridgeScenario.EntraSid);
                var bob = scenario.Pc.AddUser("bob", loggedOn: true);
                foreach (var user in new[] { alice, bob })
                {
                    scenario.Tasks.OnRun(user.Sid, run =>
                    {
                        run.WriteResult(BridgeScenario.ResultFor(run, user.UserName));
                        return SimulatedRunEnd.Exits;
                    });
                }

                var runs = scenario.Run(scenario.Request());

                Assert.Equal(new[] { 1, 2 }, runs.Select(r => r.SessionId));
                Assert.Equal(new[] { alice.Sid, bob.Sid }, runs.Select(r => r.UserSid));
                Assert.All(runs, r => Assert.Equal(UserSessionRunOutcome.Completed, r.Outcome));
                Assert.Equal(alice.UserName, runs[0].Result!.Objects.Single().Properties.Single(p => p.Name == "User").Value);
                Assert.Equal(bob.UserName, runs[1].Result!.Objects.Single().Properties.Single(p => p.Name == "User").Value);
                Assert.Equal(2L, runs[1].Result!.Objects.Single().Properties.Single(p => p.Name == "Session").Value);

                var started = scenario.Tasks.Runs.OrderBy(r => r.SessionId).ToList();
                Assert.Equal(new[] { (alice.Sid, 1), (bob.Sid, 2) }, started.Select(r => (r.UserSid, r.SessionId)));
                Assert.NotEqual(started[0].TaskName, started[1].TaskName);
                Assert.NotEqual(started[0].Parameter("ResultPath"), started[1].Parameter("ResultPath"));
                Assert.NotEqual(started[0].Parameter("RunId"), started[1].Parameter("RunId"));
                Assert.All(runs, r => Assert.True(r.CleanedUp));
                Assert.Empty(scenario.Tasks.Present);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        public void SessionsRunSideBySideUpToTheLimit(int maxParallel)
        {
            using (var scenario = new BridgeScenario())
            using (var allInFlight = new CountdownEvent(maxParallel))
            {
                var users = Enumerable.Range(0, 3).Select(i => scenario.Pc.AddUser("user" + i, loggedOn: true)).ToList();
                var inFlight = 0;
                var most = 0;
                foreach (var user in users)
                {
                    scenario.Tasks.OnRun(user.Sid, run =>
                    {
                        var now = Interlocked.Increment(ref inFlight);
                        InterlockedMax(ref most, now);
                        if (maxParallel > 1)
                        {
                            // Each session's program waits until all of them are running at once: it proves they overlap.
                            allInFlight.Signal();
                            Assert.True(allInFlight.Wait(TimeSpan.FromSeconds(60)), "the sessions never ran at the same time");
                        }

                        run.WriteResult(BridgeScenario.ResultFor(run, user.UserName));
                        Interlocked.Decrement(ref inFlight);
                        return SimulatedRunEnd.Exits;
                    });
                }

                var request = scenario.Request();
                request.MaxParallel = maxParallel;

                var runs = scenario.Run(request);

                Assert.Equal(maxParallel, most);
                Assert.Equal(users.Select(u => u.Sid), runs.Select(r => r.UserSid));
                Assert.All(runs, r => Assert.Equal(UserSessionRunOutcome.Completed, r.Outcome));
                Assert.Empty(scenario.Tasks.Present);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void EachRunFolderIsMadeForItsUserAloneUnderAFolderOnlySYSTEMAndAdministratorsHold(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true, sid: BridgeScenario.EntraSid);
                string? folderSddl = null;
                string? parentSddl = null;
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    var folder = Path.GetDirectoryName(run.Parameter("ResultPath"))!;
                    folderSddl = scenario.Machine.StorageSecurity.ReadSddl(folder);
                    parentSddl = scenario.Machine.StorageSecurity.ReadSddl(Path.GetDirectoryName(folder)!);
                    run.WriteResult(BridgeScenario.ResultFor(run, alice.UserName));
                    return SimulatedRunEnd.Exits;
                });

                Assert.Equal(UserSessionRunOutcome.Completed, scenario.Run(scenario.Request()).Single().Outcome);

                Assert.Equal(BridgeRunFolder.RunFolderSddl(alice.Sid), folderSddl);
                var access = StorageAccess.FromSddl(folderSddl!);
                Assert.Equal(new[] { alice.Sid }, access.Holders(StorageAccess.WriteRights));
                Assert.Equal(TeamsRemediation.Journal.JournalStorage.JournalFolderSddl, parentSddl);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ARunThatDoesNotFinishInTimeIsStoppedDeletedAndReportedAsTimedOut(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Tasks.OnRun(alice.Sid, run => SimulatedRunEnd.KeepsRunning);
                var request = scenario.Request();
                request.Timeout = TimeSpan.FromSeconds(10);

                var run = scenario.Run(request).Single();

                Assert.Equal(UserSessionRunOutcome.TimedOut, run.Outcome);
                Assert.Equal("UserBridgeTimedOut", Assert.Single(run.Problems).Id);
                Assert.Null(run.Result);
                Assert.True(run.CleanedUp);
                Assert.Equal(scenario.Tasks.RegisteredNames, scenario.Tasks.DeletedNames);
                Assert.Empty(scenario.Tasks.Present);
                Assert.Empty(scenario.LeftFolders);
                Assert.Contains("timed out after 10 s", scenario.LogText);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void AUserWhoLogsOffWhileTheTaskRunsIsReportedNotWaitedFor(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                var waits = 0;
                scenario.Tasks.OnRun(alice.Sid, run => SimulatedRunEnd.KeepsRunning);
                scenario.Tasks.Waiting = () =>
                {
                    if (++waits == 2)
                    {
                        scenario.Machine.UserDirectory.RemoveSessions(alice.Sid);
                    }
                };
                var request = scenario.Request();
                request.Timeout = TimeSpan.FromMinutes(30);

                var run = scenario.Run(request).Single();

                Assert.Equal(UserSessionRunOutcome.LoggedOff, run.Outcome);
                Assert.Equal("UserLoggedOff", Assert.Single(run.Problems).Id);
                Assert.Equal(2, waits);
                Assert.Empty(scenario.Tasks.Present);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ALogOffThatEndsTheProgramBeforeItWroteIsALogOffTooNotAMissingResult(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    scenario.Machine.UserDirectory.RemoveSessions(alice.Sid);
                    run.ExitCode = unchecked((int)0xC000013A);
                    return SimulatedRunEnd.Exits;
                });

                var run = scenario.Run(scenario.Request()).Single();

                Assert.Equal(UserSessionRunOutcome.LoggedOff, run.Outcome);
                Assert.Equal("UserLoggedOff", Assert.Single(run.Problems).Id);
                Assert.Empty(scenario.Tasks.Present);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void AProgramThatEndsWithoutAResultIsReportedWithItsExitCode(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    run.ExitCode = 1;
                    return SimulatedRunEnd.Exits;
                });

                var run = scenario.Run(scenario.Request()).Single();

                Assert.Equal(UserSessionRunOutcome.NoResult, run.Outcome);
                var problem = Assert.Single(run.Problems);
                Assert.Equal("UserBridgeNoResult", problem.Id);
                Assert.Contains("0x00000001", problem.Message);
                Assert.Empty(scenario.Tasks.Present);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void AResultOwnedBySomeoneElseThanTheUserIsRejectedAndRemoved(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                var bob = scenario.Pc.AddUser("bob", loggedOn: false);
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    run.WriteResult(BridgeScenario.ResultFor(run, "CONTOSO\\mallory"), ownerSid: bob.Sid);
                    return SimulatedRunEnd.Exits;
                });

                var run = scenario.Run(scenario.Request()).Single();

                Assert.Equal(UserSessionRunOutcome.NoResult, run.Outcome);
                Assert.Null(run.Result);
                var problem = Assert.Single(run.Problems);
                Assert.Equal("UserBridgeResultUntrusted", problem.Id);
                Assert.Contains("owned by " + bob.Sid, problem.Message);
                Assert.Empty(scenario.LeftFolders);
                Assert.Contains("Rejected the result of session 1: UserBridgeResultUntrusted", scenario.LogText);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void AResultWrittenForAnotherRunIsRejected(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    run.WriteResult(BridgeScenario.ResultFor(run, alice.UserName).Replace(run.Parameter("RunId")!, Guid.NewGuid().ToString("N")));
                    return SimulatedRunEnd.Exits;
                });

                var run = scenario.Run(scenario.Request()).Single();

                Assert.Equal(UserSessionRunOutcome.NoResult, run.Outcome);
                Assert.Equal("UserBridgeResultInvalid", Assert.Single(run.Problems).Id);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ASessionInConstrainedLanguageModeIsReportedWithWhatToAllow(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    run.WriteResult(BridgeScenario.ResultFor(run, alice.UserName, languageMode: "ConstrainedLanguage"));
                    return SimulatedRunEnd.Exits;
                });

                var run = scenario.Run(scenario.Request()).Single();

                Assert.Equal(UserSessionRunOutcome.Completed, run.Outcome);
                Assert.Equal("ConstrainedLanguage", run.Result!.LanguageMode);
                var problem = Assert.Single(run.Problems);
                Assert.Equal("UserSessionConstrainedLanguage", problem.Id);
                // W7: measured inside the script file, which a policy can allow: the remedy is to allow the module's signed scripts.
                Assert.Contains(ShippedScriptFiles.Folder, problem.RecommendedAction);
                Assert.Contains("the policy runs command lines in ConstrainedLanguage; allow the module's signed scripts", problem.RecommendedAction);
                Assert.Contains("Settings > Accounts > Access work or school", problem.RecommendedAction);
                Assert.Contains("measured inside the script file", problem.Message);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void SYSTEMIsNeverATargetWhetherNamedOrFoundWithASession(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                scenario.Machine.UserDirectory.AddSession(new InteractiveSession(3, WellKnownSids.LocalSystem, @"NT AUTHORITY\SYSTEM", active: true));
                var named = scenario.Request();
                named.UserSids.Add(WellKnownSids.LocalSystem);

                var refused = Assert.Throws<UserBridgeException>(() => scenario.Run(named));
                var found = scenario.Run(scenario.Request()).Single();

                Assert.Equal("ServiceAccountNotATarget", refused.Error.Id);
                Assert.Equal(UserSessionRunOutcome.Skipped, found.Outcome);
                Assert.Equal("ServiceAccountNotATarget", Assert.Single(found.Problems).Id);
                Assert.Empty(scenario.Tasks.RegisteredNames);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ACallerThatIsNeitherSYSTEMNorElevatedIsRefusedBeforeAnythingIsRegistered(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Pc.RunAs(alice, elevated: false);

                var refused = Assert.Throws<UserBridgeException>(() => scenario.Run(scenario.Request()));

                Assert.Equal("UserBridgeNotPrivileged", refused.Error.Id);
                Assert.Empty(scenario.Tasks.RegisteredNames);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void SessionsThatCannotBeListedStopTheRunBeforeAnythingIsRegistered(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Machine.UserDirectory.SessionsUnreadable = true;

                var refused = Assert.Throws<UserBridgeException>(() => scenario.Run(scenario.Request()));

                Assert.Equal("UserSessionsUnreadable", refused.Error.Id);
                Assert.Empty(scenario.Tasks.RegisteredNames);
                Assert.Contains("could not be listed", scenario.LogText);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ADisconnectedSessionIsSkippedAndReportedUnlessAskedFor(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice");
                scenario.Machine.UserDirectory.AddSession(new InteractiveSession(4, alice.Sid, alice.UserName, active: false));
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    run.WriteResult(BridgeScenario.ResultFor(run, alice.UserName));
                    return SimulatedRunEnd.Exits;
                });

                var skipped = scenario.Run(scenario.Request()).Single();
                var included = scenario.Request();
                included.IncludeDisconnected = true;
                var ran = scenario.Run(included).Single();

                Assert.Equal(UserSessionRunOutcome.Skipped, skipped.Outcome);
                Assert.Equal("UserSessionDisconnected", Assert.Single(skipped.Problems).Id);
                Assert.Equal(UserSessionRunOutcome.Completed, ran.Outcome);
                Assert.Equal(4, ran.SessionId);
                Assert.Single(scenario.Tasks.Runs);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ANamedUserWithoutASessionIsReportedAndOthersAreLeftAlone(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                scenario.Pc.AddUser("alice", loggedOn: true);
                var bob = scenario.Pc.AddUser("bob");
                var request = scenario.Request();
                request.UserSids.Add(bob.Sid);

                var run = scenario.Run(request).Single();

                Assert.Equal(bob.Sid, run.UserSid);
                Assert.Equal("UserSessionNotFound", Assert.Single(run.Problems).Id);
                Assert.Empty(scenario.Tasks.RegisteredNames);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ACallerThatStopsMidRunStillGetsEveryTaskAndFolderRemoved(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                var bob = scenario.Pc.AddUser("bob", loggedOn: true);
                scenario.Tasks.OnRun(alice.Sid, run => SimulatedRunEnd.KeepsRunning);
                scenario.Tasks.OnRun(bob.Sid, run => SimulatedRunEnd.KeepsRunning);
                using (var stop = new CancellationTokenSource())
                {
                    scenario.Tasks.Waiting = stop.Cancel;
                    var request = scenario.Request();
                    request.MaxParallel = 1;

                    var runs = scenario.Run(request, stop.Token);

                    Assert.All(runs, r => Assert.Equal(UserSessionRunOutcome.Cancelled, r.Outcome));
                    Assert.Single(scenario.Tasks.RegisteredNames);
                    Assert.Equal(scenario.Tasks.RegisteredNames, scenario.Tasks.DeletedNames);
                    Assert.Empty(scenario.Tasks.Present);
                    Assert.Empty(scenario.LeftFolders);
                }
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void LeftoversOfARunThatDiedAreRemovedAndARunStillGoingBesideItIsNot(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                var now = scenario.Machine.Clock.UtcNow;
                var dead = BridgeTaskName.Create(now - TimeSpan.FromHours(2), "0123456789ab", 1);
                var alive = BridgeTaskName.Create(now - TimeSpan.FromMinutes(2), "ba9876543210", 2);
                scenario.Tasks.AddLeftover(dead.TaskPath, alice.Sid);
                scenario.Tasks.AddLeftover(alive.TaskPath, alice.Sid);
                scenario.Tasks.AddLeftover("\\" + BridgeTaskName.Prefix + "damaged", alice.Sid);
                var deadFolder = BridgeRunFolder.Create(scenario.Machine, dead, alice.Sid);
                File.WriteAllText(Path.Combine(deadFolder, "result.json"), "{}");
                var aliveFolder = BridgeRunFolder.Create(scenario.Machine, alive, alice.Sid);
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    run.WriteResult(BridgeScenario.ResultFor(run, alice.UserName));
                    return SimulatedRunEnd.Exits;
                });

                var run = scenario.Run(scenario.Request()).Single();

                Assert.Equal(UserSessionRunOutcome.Completed, run.Outcome);
                Assert.Equal(new[] { alive.TaskPath }, scenario.Tasks.Present);
                Assert.Contains(dead.TaskPath, scenario.Tasks.DeletedNames);
                Assert.False(Directory.Exists(deadFolder));
                Assert.True(Directory.Exists(aliveFolder));
                Assert.Contains("Deleted the leftover task " + dead.TaskPath, scenario.LogText);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ARequestLongerThanACommandLineTravelsInItsRequestFileAndTheCommandLineStaysShort(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                var request = scenario.Request();
                // Once refused (an encoded command held the whole request); a value starting with a dash would bind as a name under -File.
                request.Parameters["UserName"] = new string('a', 40000);
                request.Parameters["Path"] = "-looks-like-a-parameter";
                string? requestSddl = null;
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    requestSddl = scenario.Machine.Storage.ReadSddl(run.Parameter("RequestPath")!);
                    run.WriteResult(BridgeScenario.ResultFor(run, alice.UserName));
                    return SimulatedRunEnd.Exits;
                });

                var run = scenario.Run(request).Single();

                Assert.Equal(UserSessionRunOutcome.Completed, run.Outcome);
                // The request is the module's: the user whose session runs it may read it, not change it.
                Assert.Equal(BridgeRequestFile.RequestSddl(alice.Sid), requestSddl);
                var started = scenario.Tasks.Runs.Single();
                Assert.InRange(started.Command.Length + started.Arguments.Length, 1, 1000);
                Assert.Equal(new[] { "UserName", "Path" }, started.Request!.ParameterNames);
                Assert.Equal(new[] { new string('a', 40000), "-looks-like-a-parameter" }, started.Request.ParameterValues);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ARefusedRegistrationIsReportedAndLeavesNoFolder(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Tasks.RefusedUsers.Add(alice.Sid);

                var run = scenario.Run(scenario.Request()).Single();

                Assert.Equal(UserSessionRunOutcome.Failed, run.Outcome);
                var problem = Assert.Single(run.Problems);
                Assert.Equal("UserBridgeTaskFailed", problem.Id);
                Assert.Contains("could not be registered", problem.Message);
                Assert.Empty(run.TaskName);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void ABridgeFolderAUserMadeAsALinkIsNotUsed(string host)
        {
            using (var scenario = new BridgeScenario(host))
            using (var target = new TempFolder())
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                Directory.CreateDirectory(Path.GetDirectoryName(scenario.BridgeFolder)!);
                Directory.CreateSymbolicLink(scenario.BridgeFolder, target.Path);

                var run = scenario.Run(scenario.Request()).Single();

                Assert.Equal(UserSessionRunOutcome.Failed, run.Outcome);
                Assert.Equal("UserBridgeTaskFailed", Assert.Single(run.Problems).Id);
                Assert.Contains("junction or symbolic link", run.Problems[0].Message);
                Assert.Empty(scenario.Tasks.RegisteredNames);
                Assert.Empty(Directory.GetFileSystemEntries(target.Path));
            }
        }

        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void TheMachineLogHasOneLinePerDecisionAndNoParameterValues(string host)
        {
            using (var scenario = new BridgeScenario(host))
            {
                var alice = scenario.Pc.AddUser("alice", loggedOn: true);
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    run.WriteResult(BridgeScenario.ResultFor(run, alice.UserName));
                    return SimulatedRunEnd.Exits;
                });
                var request = scenario.Request();
                request.Parameters["UserName"] = "secret-looking-value";

                scenario.Run(request);

                var lines = scenario.LogText.Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
                Assert.Contains(lines, l => l.Contains("[UserBridge] Request by S-1-5-18: Get-TeamsInstallation with -UserName"));
                var task = "\\" + BridgeTaskName.Prefix;
                var preparing = Array.FindIndex(lines, l => l.Contains("Preparing " + task) && l.Contains(alice.Sid + " (session 1)"));
                var registered = Array.FindIndex(lines, l => l.Contains("Registered " + task) && l.Contains("starting it in session 1"));
                Assert.InRange(preparing, 0, registered - 1);
                Assert.Contains(lines, l => l.Contains("Accepted the result of session 1: 1 object, 0 errors"));
                Assert.Contains(lines, l => l.Contains("Deleted \\" + BridgeTaskName.Prefix));
                Assert.DoesNotContain("secret-looking-value", scenario.LogText);
                Assert.All(lines, l => Assert.Matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z PC01 \\d+ \\[UserBridge\\] ", l));
            }
        }
    }
}
