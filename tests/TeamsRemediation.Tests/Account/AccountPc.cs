using System;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>
    /// A PC for Reset-TeamsWorkAccount: answers dsregcmd, cmdkey and the two Windows PowerShell scripts with
    /// fixtures. The script fixtures follow the scripts' JSON contract (one line each, as ConvertTo-Json -Compress
    /// writes it); the cmdkey ones follow cmdkey's documented layout in English and German.
    /// </summary>
    public static class AccountPc
    {
        public static void RecordDsregcmd(SimulatedMachine machine) =>
            machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, Fixture.Text("dsregcmd-status.txt")), "^/status$");

        public static void RecordCmdkey(SimulatedMachine machine, string listFixture = "cmdkey-list.txt")
        {
            machine.CommandRunner.Record("cmdkey", CommandResult.Completed(0, Fixture.Text(listFixture)), "^/list$");
            machine.CommandRunner.Record("cmdkey", CommandResult.Completed(0, "\r\nCredential deleted successfully.\r\n"), "^/delete:");
        }

        /// <summary>Answers the WAM script: <paramref name="list"/> for a listing run, <paramref name="signOut"/> for a -SignOut run.</summary>
        public static void RecordWam(SimulatedMachine machine, string list, string? signOut = null, TimeSpan? takes = null)
        {
            machine.CommandRunner.RecordScript(WindowsPowerShellScript.SignOutWamAccounts, Answer(list), c => !c.HasSwitch("SignOut"), takes);
            if (signOut != null)
            {
                machine.CommandRunner.RecordScript(WindowsPowerShellScript.SignOutWamAccounts, Answer(signOut), c => c.HasSwitch("SignOut"), takes);
            }
        }

        public static void RecordBroker(SimulatedMachine machine, string check, string? register = null)
        {
            machine.CommandRunner.RecordScript(WindowsPowerShellScript.BrokerPlugin, Answer(check), c => !c.HasSwitch("Register"));
            if (register != null)
            {
                machine.CommandRunner.RecordScript(WindowsPowerShellScript.BrokerPlugin, Answer(register), c => c.HasSwitch("Register"));
            }
        }

        /// <summary>Answers the Teams app script: <paramref name="check"/> for a look, <paramref name="reset"/> for a -Reset run.</summary>
        public static void RecordTeamsApp(SimulatedMachine machine, string check, string? reset = null)
        {
            machine.CommandRunner.RecordScript(WindowsPowerShellScript.ResetTeamsApp, Answer(check), c => !c.HasSwitch("Reset"));
            if (reset != null)
            {
                machine.CommandRunner.RecordScript(WindowsPowerShellScript.ResetTeamsApp, Answer(reset), c => c.HasSwitch("Reset"));
            }
        }

        /// <summary>Everything present and healthy: one Teams account in WAM, two Teams credentials, the broker registered.</summary>
        public static void RecordHealthyUser(SimulatedMachine machine)
        {
            RecordDsregcmd(machine);
            RecordCmdkey(machine);
            RecordWam(machine, "wam-list-success.json", "wam-signout-success.json");
            RecordBroker(machine, "broker-present.json");
        }

        /// <summary>A powershell.exe call of the command runner read back as the script file and named values it was given.</summary>
        public static ScriptFileCommand Command(string call) => ScriptFileCommand.Parse(call.Substring(call.IndexOf(' ') + 1));

        /// <summary>Every shipped script the PC's command runner started, as its -File command.</summary>
        public static System.Collections.Generic.IEnumerable<ScriptFileCommand> ScriptCalls(SimulatedMachine machine) =>
            System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(machine.CommandRunner.Calls, c => c.Contains("powershell.exe")), Command);

        /// <summary>A fixture name, or literal output when it is not one.</summary>
        private static CommandResult Answer(string fixtureOrText) =>
            CommandResult.Completed(0, fixtureOrText.EndsWith(".json", StringComparison.Ordinal) ? Fixture.Text(fixtureOrText) : fixtureOrText);
    }
}
