using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Inventory;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>What the user does next; with -Restart, Teams started again in their own session.</summary>
    internal sealed class NextActionStep : IAccountResetStep
    {
        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            var advice = "Open Teams and sign in again with the work or school account"
                + (run.Options.ClearBrokerState ? " (sign out of Windows and back in first, so Windows makes the broker's data anew)" : string.Empty) + ".";
            var step = run.Step(AccountResetStepName.NextAction, "Sign in to Teams again");
            if (!run.Options.Restart)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Done, advice);
            }

            step.Action = "Start Teams";
            if (!run.AsUser)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.RequiresUserContext, "Teams can be started only in " + run.User.UserName + "'s own session. " + advice + " Or run as the user: " + WorkAccountResetter.UserContextCommand(run.Options));
            }

            var installed = new TeamsInventory(run.Machine).Find(run.User, TeamsClientSelection.Installed, measureCache: false);
            string program, arguments;
            if (installed.Any(i => i.Client == TeamsClient.New))
            {
                program = Path.Combine(run.Machine.WindowsPath, "explorer.exe");
                arguments = "shell:AppsFolder\\" + TeamsLayout.NewTeamsPackageFamily + "!MSTeams";
            }
            else if (installed.Any(i => i.Client == TeamsClient.Classic))
            {
                program = Path.Combine(TeamsLayout.ClassicInstallPath(run.User.ProfilePath), "Update.exe");
                arguments = "--processStart \"Teams.exe\"";
            }
            else
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Skipped, "No installed Teams to start. " + advice);
            }

            if (!run.Approve(run.User.UserName, "Start Teams (" + program + " " + arguments + ")", step))
            {
                return step;
            }

            try
            {
                run.Machine.Processes.Start(program, arguments);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is IOException)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, "Teams did not start: " + e.Message + " " + advice);
            }

            return AccountResetRun.Finish(step, AccountResetStatus.Done, "Started Teams. " + advice);
        }
    }
}
