using System.Linq;
using TeamsRemediation.Inventory;
using TeamsRemediation.Processes;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>What the user does next; with -Restart, Teams started again in their own session.</summary>
    internal sealed class NextActionStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.NextAction;

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            var advice = "Open Teams and sign in again with the work or school account"
                + (run.Options.ClearBrokerState ? " (sign out of Windows and back in first, so Windows makes the broker's data anew)"
                    : string.Empty) + ".";
            var step = run.Step(AccountResetStepName.NextAction, "Sign in to Teams again");
            if (!run.Options.Restart)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Done, advice);
            }

            step.Action = "Start Teams";
            var launcher = new TeamsLauncher(run.Machine);
            if (launcher.WhyNotHere(run.User) != null)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.RequiresUserContext, "Teams can be started only in " + run.User.UserName
                    + "'s own session. " + advice + " Or run as the user: "
                        + WorkAccountResetter.UserContextCommand(run.Machine, run.Options));
            }

            var installed = new TeamsInventory(run.Machine).Find(run.User, TeamsClientSelection.Installed, measureCache: false);
            var client = installed.Any(i => i.Client == TeamsClient.New) ? TeamsClient.New
                : installed.Any(i => i.Client == TeamsClient.Classic) ? TeamsClient.Classic : (TeamsClient?)null;
            if (client == null)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Skipped, "No installed Teams to start. " + advice);
            }

            var command = launcher.CommandFor(run.User, client.Value);
            if (!run.Approve(run.User.UserName, "Start Teams (" + command + ")", step))
            {
                return step;
            }

            if (!launcher.TryStart(command, out _, out var problem))
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, "Teams did not start: " + problem + " " + advice);
            }

            return AccountResetRun.Finish(step, AccountResetStatus.Done, "Started Teams. " + advice);
        }
    }
}
