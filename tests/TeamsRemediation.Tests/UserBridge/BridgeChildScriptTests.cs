using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Demo;
using TeamsRemediation.Simulation;
using TeamsRemediation.UserBridge;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.UserBridge
{
    /// <summary>
    /// The script the task runs, run for real: the bridge registers the task on a PC run as SYSTEM, and the simulated
    /// session of the user runs the decoded command line in a real PowerShell engine, as that user, importing the
    /// built module by its full path. The script writes its result with the engine's own Set-Content, as on Windows.
    /// </summary>
    public sealed class BridgeChildScriptTests
    {
        private static UserSessionRun RunInUserSession(BridgeRequest request, BridgeScenario scenario, SimulatedPc userPc, string sid,
            PSLanguageMode languageMode)
        {
            scenario.Tasks.OnRun(sid, run =>
            {
                using (var shell = new ModuleSession(userPc.Machine))
                {
                    shell.Runspace.SessionStateProxy.LanguageMode = languageMode;
                    var result = shell.Run(run.ScriptCall);
                    Assert.Null(result.Terminating);
                }

                // The user's own process made the file, so the user owns it.
                var path = run.Parameter("ResultPath")!;
                scenario.Machine.StorageSecurity.Declare(path, "O:" + sid + "D:(A;;FA;;;SY)(A;;FA;;;" + sid + ")");
                return SimulatedRunEnd.Exits;
            });
            return scenario.Run(request).Single();
        }

        private static (BridgeScenario Scenario, SimulatedPc UserPc, string Sid) TwoViewsOfAlice()
        {
            var scenario = new BridgeScenario();
            var sid = scenario.Pc.AddUser("alice", loggedOn: true, domain: "AzureAD", sid: BridgeScenario.EntraSid).Sid;
            var userPc = SimulatedPc.Create();
            var alice = userPc.AddUser("alice", loggedOn: true, domain: "AzureAD", sid: sid);
            alice.InstallNewTeams();
            userPc.RunAs(alice, elevated: false);
            return (scenario, userPc, sid);
        }

        [Fact]
        public void TheCommandRunsAsTheUserAndItsObjectsComeBackTypedAndFlat()
        {
            var (scenario, userPc, sid) = TwoViewsOfAlice();
            using (scenario)
            using (userPc.Machine)
            {
                var request = new BridgeRequest(ModuleSession.ManifestPath, "Get-TeamsInstallation");

                var run = RunInUserSession(request, scenario, userPc, sid, PSLanguageMode.FullLanguage);

                Assert.Equal(UserSessionRunOutcome.Completed, run.Outcome);
                Assert.Empty(run.Problems);
                Assert.Equal("FullLanguage", run.Result!.LanguageMode);
                var installation = Assert.Single(run.Result.Objects, o => o.TypeName == typeof(TeamsInstallation).FullName);
                Assert.Equal("AzureAD\\alice", installation.Properties.Single(p => p.Name == "User").Value);
                Assert.Equal(sid, installation.Properties.Single(p => p.Name == "UserSid").Value);
                Assert.Equal(true, installation.Properties.Single(p => p.Name == "Installed").Value);
                Assert.Empty(run.Result.Errors);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Fact]
        public void TheCommandsErrorsComeBackWithTheirFullIds()
        {
            var (scenario, userPc, sid) = TwoViewsOfAlice();
            using (scenario)
            using (userPc.Machine)
            {
                var request = new BridgeRequest(ModuleSession.ManifestPath, "Get-TeamsInstallation");
                request.Parameters["UserName"] = "mallory";

                var run = RunInUserSession(request, scenario, userPc, sid, PSLanguageMode.FullLanguage);

                Assert.Equal(UserSessionRunOutcome.Completed, run.Outcome);
                var error = Assert.Single(run.Result!.Errors);
                Assert.Equal("UserNotFound,TeamsRemediation.Commands.GetTeamsInstallationCommand", error.ErrorId);
                Assert.Equal("ObjectNotFound", error.Category);
                Assert.Contains("mallory", error.Message);
            }
        }

        [Fact]
        public void InConstrainedLanguageModeTheScriptStillReportsAndSaysSo()
        {
            var (scenario, userPc, sid) = TwoViewsOfAlice();
            using (scenario)
            using (userPc.Machine)
            {
                var run = RunInUserSession(new BridgeRequest(ModuleSession.ManifestPath, "Get-TeamsInstallation"), scenario, userPc, sid,
                    PSLanguageMode.ConstrainedLanguage);

                Assert.Equal(UserSessionRunOutcome.Completed, run.Outcome);
                Assert.Equal("ConstrainedLanguage", run.Result!.LanguageMode);
                Assert.Equal("UserSessionConstrainedLanguage", Assert.Single(run.Problems).Id);
                Assert.Contains(ShippedScriptFiles.Folder, run.Problems[0].RecommendedAction);
                Assert.Single(run.Result.Objects, o => o.TypeName == typeof(TeamsInstallation).FullName);
            }
        }

        [Fact]
        public void AModuleThatCannotBeImportedIsReportedFromTheSessionWithTheImportError()
        {
            var (scenario, userPc, sid) = TwoViewsOfAlice();
            using (scenario)
            using (userPc.Machine)
            {
                var missing = Path.Combine(Path.GetDirectoryName(ModuleSession.ManifestPath)!, "Missing", "TeamsRemediation.psd1");

                var run = RunInUserSession(new BridgeRequest(missing, "Get-TeamsInstallation"), scenario, userPc, sid, PSLanguageMode.FullLanguage);

                Assert.Equal(UserSessionRunOutcome.Completed, run.Outcome);
                Assert.Empty(run.Result!.Objects);
                Assert.StartsWith("Modules_ModuleNotFound,", Assert.Single(run.Result.Errors).ErrorId);
            }
        }
    }
}
