using System;
using System.Linq;
using System.Xml.Linq;
using TeamsRemediation.Simulation;
using TeamsRemediation.UserBridge;
using TeamsRemediation.Windows;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.UserBridge
{
    /// <summary>The task the bridge registers, read back from the simulated task service exactly as it was handed over.</summary>
    public sealed class UserTaskDefinitionTests
    {
        private static readonly XNamespace Ns = UserTaskDefinition.TaskNamespace;

        /// <remarks>
        /// W20: the action is the module's session launcher (a GUI-subsystem program that starts powershell.exe with CreateNoWindow),
        /// never powershell.exe itself, whose console shows before -WindowStyle Hidden can hide it. W2: the 64-bit Task Scheduler service
        /// starts the action, so a 32-bit caller names no Sysnative path either (the simulated service ends such a task with 0x80070003).
        /// </remarks>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void TheTaskRunsTheSessionLauncherAsTheUserBySIDWithInteractiveTokenAndLeastPrivilege(bool bitness32)
        {
            using (var scenario = new BridgeScenario())
            {
                if (bitness32)
                {
                    scenario.Pc.Bitness32();
                }

                var alice = scenario.Pc.AddUser("alice", loggedOn: true, domain: "AzureAD", sid: BridgeScenario.EntraSid);
                string? xml = null;
                string? registeredFor = null;
                scenario.Tasks.OnRun(alice.Sid, run =>
                {
                    xml = scenario.Tasks.Definition(run.TaskName);
                    registeredFor = run.UserSid;
                    run.WriteResult(BridgeScenario.ResultFor(run, alice.UserName));
                    return SimulatedRunEnd.Exits;
                });
                var request = scenario.Request("Reset-TeamsWorkAccount");
                request.Switches.Add("Force");

                var runs = scenario.Run(request);

                Assert.Equal(UserSessionRunOutcome.Completed, Assert.Single(runs).Outcome);
                Assert.Equal(BridgeScenario.EntraSid, registeredFor);
                var task = XDocument.Parse(xml!).Root!;
                var principal = task.Element(Ns + "Principals")!.Elements(Ns + "Principal").Single();
                Assert.Equal(BridgeScenario.EntraSid, (string)principal.Element(Ns + "UserId")!);
                Assert.Equal("InteractiveToken", (string)principal.Element(Ns + "LogonType")!);
                Assert.Equal("LeastPrivilege", (string)principal.Element(Ns + "RunLevel")!);
                Assert.Null(principal.Element(Ns + "GroupId"));
                Assert.DoesNotContain(task.Descendants(), e => e.Name.LocalName.IndexOf("Password", StringComparison.OrdinalIgnoreCase) >= 0);
                Assert.Equal((string)principal.Attribute("id")!, (string)task.Element(Ns + "Actions")!.Attribute("Context")!);

                var settings = task.Element(Ns + "Settings")!;
                Assert.Equal("true", (string)settings.Element(Ns + "Hidden")!);
                Assert.Equal("PT1M", (string)settings.Element(Ns + "DeleteExpiredTaskAfter")!);
                Assert.Equal("false", (string)settings.Element(Ns + "DisallowStartIfOnBatteries")!);
                Assert.Equal("false", (string)settings.Element(Ns + "StartWhenAvailable")!);
                Assert.Equal("PT11M", (string)settings.Element(Ns + "ExecutionTimeLimit")!);
                var trigger = task.Element(Ns + "Triggers")!.Elements().Single();
                Assert.Equal("TimeTrigger", trigger.Name.LocalName);
                var start = DateTimeOffset.Parse((string)trigger.Element(Ns + "StartBoundary")!);
                var end = DateTimeOffset.Parse((string)trigger.Element(Ns + "EndBoundary")!);
                Assert.True(start < scenario.Machine.Clock.UtcNow, "the trigger's start lies in the past, so it never starts the task");
                Assert.Equal(TimeSpan.FromMinutes(12), end - start);

                var exec = task.Element(Ns + "Actions")!.Element(Ns + "Exec")!;
                var command = (string)exec.Element(Ns + "Command")!;
                Assert.Equal(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ShippedScriptFiles.Folder)!, ShippedLauncher.FileName), command);
                Assert.DoesNotContain("powershell", command, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Sysnative", command, StringComparison.OrdinalIgnoreCase);
                var arguments = (string)exec.Element(Ns + "Arguments")!;
                // W7, W20: the launcher gets the shipped script's bare name and its named values; it starts powershell.exe -File with no
                // console window. No -WindowStyle Hidden (a console that already flashed) and no encoded command.
                Assert.StartsWith(UserSessionBridge.ChildScript + " -RunId ", arguments);
                Assert.DoesNotContain("-WindowStyle", arguments, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("-File", arguments, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("-EncodedCommand", arguments, StringComparison.OrdinalIgnoreCase);
                var run = scenario.Tasks.Runs.Single();
                Assert.Equal(ShippedScriptFiles.PathOf(UserSessionBridge.ChildScript), run.FileCommand.ScriptPath);
                // A few small named values: the command's own parameters are in the run folder's request file.
                Assert.InRange(((string)exec.Element(Ns + "Command")!).Length + arguments.Length, 1, 1000);
                Assert.Equal(new[] { "RunId", "ModuleManifest", "ResultPath", "CommandName", "RequestPath" },
                    run.FileCommand.Parameters.Select(p => p.Key));
                Assert.Equal(scenario.Manifest, run.Parameter("ModuleManifest"));
                Assert.Equal("Reset-TeamsWorkAccount", run.Parameter("CommandName"));
                Assert.Equal(new[] { "Force" }, run.Request!.SwitchNames);
                Assert.Equal(run.Parameter("RunId"), run.Request!.RunId);
                Assert.Equal(1, run.SessionId);

                // Deleted afterwards, with its folder.
                Assert.Equal(scenario.Tasks.RegisteredNames, scenario.Tasks.DeletedNames);
                Assert.Empty(scenario.Tasks.Present);
                Assert.Empty(scenario.LeftFolders);
            }
        }

        [Fact]
        public void TheTriggerEndsAfterTheTimeoutAndAMarginSoTheServiceDeletesATaskTheModuleCouldNot()
        {
            var registered = new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);
            var definition = new UserTaskDefinition(
                BridgeScenario.EntraSid, @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "-NoProfile",
                @"C:\ProgramData\TeamsRemediation\UserBridge\run", TimeSpan.FromMinutes(5), registered);

            var trigger = XDocument.Parse(definition.ToXml()).Root!.Element(Ns + "Triggers")!.Element(Ns + "TimeTrigger")!;

            Assert.Equal("2026-11-27T05:59:00+00:00", (string)trigger.Element(Ns + "StartBoundary")!);
            Assert.Equal("2026-11-27T06:15:00+00:00", (string)trigger.Element(Ns + "EndBoundary")!);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", definition.ToXml());
        }
    }
}
