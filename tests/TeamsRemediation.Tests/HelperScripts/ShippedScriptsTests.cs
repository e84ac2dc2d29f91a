using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Demo;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tests.UserBridge;
using TeamsRemediation.UserBridge;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.HelperScripts
{
    /// <summary>
    /// W7, W20: the helper scripts are files in the module's Scripts folder, started with powershell.exe -File, and a file that is
    /// not the one the module was built with is refused with ModuleScriptAltered before anything starts.
    /// </summary>
    public sealed class ShippedScriptsTests
    {
        private static readonly string[] Helpers =
        {
            UserSessionBridge.ChildScript, WindowsPowerShellScript.SignOutWamAccounts, WindowsPowerShellScript.BrokerPlugin,
            WindowsPowerShellScript.ResetTeamsApp,
        };

        private const string Signature = "\r\n# SIG # Begin signature block\r\n# MIIFuQYJKoZIhvcNAQcCoIIFqjCCBaYCAQExCzAJBgUrDgMCGgUAMGkGCisGAQQB\r\n"
            + "# gjcCAQSgWzBZMDQGCisGAQQBgjcCAR4wJgIDAQAABBAfzDtgWUsITrck0sYpfvNR\r\n# SIG # End signature block\r\n";

        public static IEnumerable<object[]> HelperNames => Helpers.Select(h => new object[] { h });

        [Fact]
        public void TheLayoutShipsEachHelperInScriptsWithTheHashTheDllRecorded()
        {
            var layout = Path.Combine(Path.GetDirectoryName(ModuleSession.ManifestPath)!, ShippedScripts.FolderName);
            using var machine = SimulatedPc.Create().Machine;
            var scripts = new ShippedScripts(machine, layout);

            Assert.Equal(Helpers.OrderBy(h => h, StringComparer.Ordinal), ShippedScriptHashes.Sha256.Keys.OrderBy(h => h, StringComparer.Ordinal));
            Assert.Equal(Helpers.OrderBy(h => h, StringComparer.Ordinal),
                Directory.GetFiles(layout).Select(Path.GetFileName).OrderBy(h => h, StringComparer.Ordinal));
            Assert.All(Helpers, h => Assert.Equal(Path.Combine(layout, h), scripts.Verified(h)));
        }

        [Theory]
        [MemberData(nameof(HelperNames))]
        public void AScriptSignedByTheBuildIsStillTheOneItShipped(string name)
        {
            using var temp = new TempFolder();
            using var machine = SimulatedPc.Create().Machine;
            var scripts = new ShippedScripts(machine, ShippedScriptFiles.CopyTo(temp.Path));
            // Set-AuthenticodeSignature appends a block of comment lines; the script before it is unchanged.
            File.AppendAllText(scripts.PathOf(name), Signature);

            Assert.Equal(scripts.PathOf(name), scripts.Verified(name));
        }

        public static IEnumerable<object[]> Tampering => new[]
        {
            new object[] { "one more line", (Action<string>)(path => File.AppendAllText(path, "\nRemove-Item -Recurse C:\\Users\n")),
                "different from the one this module was built with" },
            new object[] { "a line inside a signature block", (Action<string>)(path => File.AppendAllText(path,
                Signature.Replace("# gjcC", "Start-Process calc #"))), "different from the one this module was built with" },
            new object[] { "a changed line under a signature", (Action<string>)(path => File.WriteAllText(path,
                File.ReadAllText(path).Replace("$ErrorActionPreference", "$ErrorActionPreferenc") + Signature)),
                "different from the one this module was built with" },
            new object[] { "deleted", (Action<string>)File.Delete, "missing" },
            new object[] { "a symbolic link to a copy", (Action<string>)(path =>
            {
                File.Move(path, path + ".real");
                File.CreateSymbolicLink(path, path + ".real");
            }), "a junction or symbolic link" },
        };

        [Theory]
        [MemberData(nameof(Tampering))]
        public void AnAlteredChildScriptIsRefusedWithItsIdAndNoTaskOrFolderIsMade(string what, Action<string> tamper, string why)
        {
            using var temp = new TempFolder();
            using var scenario = new BridgeScenario();
            var alice = scenario.Pc.AddUser("alice", loggedOn: true);
            var scripts = new ShippedScripts(scenario.Machine, ShippedScriptFiles.CopyTo(temp.Path));
            tamper(scripts.PathOf(UserSessionBridge.ChildScript));
            var bridge = new UserSessionBridge(scenario.Machine, scenario.Log, scripts);

            var refused = Assert.Throws<UserBridgeException>(() => bridge.Run(scenario.Request(), default));

            Assert.True(refused.Error.Id == "ModuleScriptAltered", what + ": " + refused.Error.Id);
            Assert.Equal(scripts.PathOf(UserSessionBridge.ChildScript), refused.Error.Target);
            Assert.Contains(why, refused.Error.Message);
            Assert.Empty(scenario.Tasks.RegisteredNames);
            Assert.Empty(scenario.Tasks.Runs);
            Assert.Empty(scenario.LeftFolders);
            Assert.Contains("Refused: ModuleScriptAltered", scenario.LogText);
            Assert.NotNull(alice);
        }

        [Theory]
        [InlineData(WindowsPowerShellScript.SignOutWamAccounts)]
        [InlineData(WindowsPowerShellScript.BrokerPlugin)]
        [InlineData(WindowsPowerShellScript.ResetTeamsApp)]
        public void AnAlteredHelperIsRefusedWithItsIdAndWindowsPowerShellIsNeverStarted(string name)
        {
            using var temp = new TempFolder();
            using var machine = SimulatedPc.Create().Machine;
            var scripts = new ShippedScripts(machine, ShippedScriptFiles.CopyTo(temp.Path));
            File.AppendAllText(scripts.PathOf(name), "\n'{\"status\":\"Ok\"}'\n");
            machine.CommandRunner.RecordScript(name, CommandResult.Completed(0, "{\"status\":\"Ok\"}"));

            var run = new WindowsPowerShellScript(machine, scripts).Run<WamScriptReport>(name, Array.Empty<KeyValuePair<string, object>>(),
                TimeSpan.FromSeconds(30));

            Assert.Equal(ScriptOutcome.Refused, run.Outcome);
            Assert.Null(run.Report);
            Assert.Equal("ModuleScriptAltered", run.Error!.Id);
            Assert.Contains(scripts.PathOf(name), run.Problem);
            Assert.Empty(machine.CommandRunner.Calls);
        }

        [Theory]
        [InlineData(WindowsPowerShellScript.SignOutWamAccounts, "ClientId", "SignOut")]
        [InlineData(WindowsPowerShellScript.BrokerPlugin, null, "Register")]
        [InlineData(WindowsPowerShellScript.ResetTeamsApp, null, "Reset")]
        public void EachHelperStartsAsItsShippedFileWithFileAndNeverAsAnEncodedCommand(string name, string? valueName, string switchName)
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.CommandRunner.RecordScript(name, CommandResult.Completed(0, "{\"status\":\"Ok\"}"));
            var parameters = new List<KeyValuePair<string, object>> { new KeyValuePair<string, object>(switchName, true) };
            if (valueName != null)
            {
                parameters.Insert(0, new KeyValuePair<string, object>(valueName, AccountLayout.TeamsClientId));
            }

            var run = new WindowsPowerShellScript(machine).Run<WamScriptReport>(name, parameters, TimeSpan.FromSeconds(30));

            Assert.Equal(ScriptOutcome.Answered, run.Outcome);
            var call = Assert.Single(machine.CommandRunner.Calls);
            Assert.StartsWith(WindowsPowerShellScript.ExecutablePath(machine) + " -NoProfile -NonInteractive -ExecutionPolicy Bypass -File ", call);
            Assert.DoesNotContain("-EncodedCommand", call, StringComparison.OrdinalIgnoreCase);
            var command = ScriptFileCommand.Parse(call.Substring(WindowsPowerShellScript.ExecutablePath(machine).Length));
            Assert.Equal(ShippedScriptFiles.PathOf(name), command.ScriptPath);
            Assert.True(command.HasSwitch(switchName));
            Assert.Equal(valueName == null ? null : AccountLayout.TeamsClientId, valueName == null ? null : command.Parameter(valueName));
        }
    }
}
