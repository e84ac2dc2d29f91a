using TeamsRemediation.Windows;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>
    /// With -ResetTeamsApp, new Teams' app package reset for the user with Reset-AppxPackage, as Settings > Apps > Reset does:
    /// the app's data and personal settings are deleted and cannot be put back. Only in the user's own session (Appx state is per user).
    /// </summary>
    internal sealed class TeamsAppStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.TeamsApp;

        private const string Action = "Reset new Teams (Reset-AppxPackage MSTeams)";

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            var step = run.Step(AccountResetStepName.TeamsApp, Action);
            if (!run.Options.ResetTeamsApp)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Skipped, "Not asked: -ResetTeamsApp resets new Teams for the user "
                    + "(Reset-AppxPackage: its data and personal settings are deleted, not restorable).");
            }

            if (!run.AsUser)
            {
                return run.NeedsUser(AccountResetStepName.TeamsApp, Action);
            }

            var check = run.RunScript<TeamsAppScriptReport>(WindowsPowerShellScript.ResetTeamsApp);
            if (check.Report == null)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, check.Problem);
            }

            switch (check.Report.Status)
            {
                case "Present":
                    break;
                case "Missing":
                    return AccountResetRun.Finish(step, AccountResetStatus.NotNeeded, "New Teams (MSTeams) is not installed for "
                        + run.User.UserName + ".");
                case "Unsupported":
                    return AccountResetRun.Finish(step, AccountResetStatus.Skipped, check.Report.Error
                        + " Reset it in Settings > Apps > Installed apps > Microsoft Teams > Advanced options > Reset instead.");
                default:
                    return AccountResetRun.Finish(step, AccountResetStatus.Failed, "Get-AppxPackage MSTeams failed: " + check.Report.Error);
            }

            var package = check.Report.PackageFullName;
            if (!run.Approve(run.User.UserName, "Reset " + package + " (Reset-AppxPackage: deletes new Teams' data and personal settings of "
                + run.User.UserName + "; not restorable)", step))
            {
                return step;
            }

            var reset = run.RunScript<TeamsAppScriptReport>(WindowsPowerShellScript.ResetTeamsApp, AccountResetRun.Parameter("Reset", true));
            if (reset.Report == null)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, reset.Problem);
            }

            return reset.Report.Status == "Reset"
                ? AccountResetRun.Finish(step, AccountResetStatus.Done, "Reset " + reset.Report.PackageFullName
                    + ": Teams starts as newly installed and the user signs in again. Not restorable (Reset-AppxPackage deletes the app's data).")
                : AccountResetRun.Finish(step, AccountResetStatus.Failed, "Reset-AppxPackage " + package + " failed (" + reset.Report.Status + "): "
                    + reset.Report.Error);
        }
    }
}
