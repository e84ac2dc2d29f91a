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
            machine.CommandRunner.Record("powershell", Answer(list),
                args => IsScript(args, "FindAllAccountsAsync") && !Decoded(args).Contains("-SignOut:$true"), takes);
            if (signOut != null)
            {
                machine.CommandRunner.Record("powershell", Answer(signOut),
                    args => IsScript(args, "FindAllAccountsAsync") && Decoded(args).Contains("-SignOut:$true"), takes);
            }
        }

        public static void RecordBroker(SimulatedMachine machine, string check, string? register = null)
        {
            machine.CommandRunner.Record("powershell", Answer(check),
                args => IsScript(args, "Get-AppxPackage") && !Decoded(args).Contains("-Register:$true"));
            if (register != null)
            {
                machine.CommandRunner.Record("powershell", Answer(register),
                    args => IsScript(args, "Get-AppxPackage") && Decoded(args).Contains("-Register:$true"));
            }
        }

        /// <summary>Answers the Teams app script: <paramref name="check"/> for a look, <paramref name="reset"/> for a -Reset run.</summary>
        public static void RecordTeamsApp(SimulatedMachine machine, string check, string? reset = null)
        {
            machine.CommandRunner.Record("powershell", Answer(check),
                args => IsScript(args, "Reset-AppxPackage") && !Decoded(args).Contains("-Reset:$true"));
            if (reset != null)
            {
                machine.CommandRunner.Record("powershell", Answer(reset),
                    args => IsScript(args, "Reset-AppxPackage") && Decoded(args).Contains("-Reset:$true"));
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

        public static string Decoded(string arguments) => WindowsPowerShellScript.DecodeArguments(arguments);

        private static bool IsScript(string arguments, string marker) => Decoded(arguments).Contains(marker);

        /// <summary>A fixture name, or literal output when it is not one.</summary>
        private static CommandResult Answer(string fixtureOrText) =>
            CommandResult.Completed(0, fixtureOrText.EndsWith(".json", StringComparison.Ordinal) ? Fixture.Text(fixtureOrText) : fixtureOrText);
    }
}
