using TeamsRemediation.Windows;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>The Entra ID token broker is registered for the user; registered again from its manifest when missing.</summary>
    internal sealed class BrokerPluginStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.BrokerPlugin;

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            if (!run.AsUser)
            {
                return run.NeedsUser(AccountResetStepName.BrokerPlugin, "Check the token broker registration");
            }

            var step = run.Step(AccountResetStepName.BrokerPlugin, "Check the token broker registration");
            var check = run.RunScript<BrokerScriptReport>(WindowsPowerShellScript.BrokerPlugin);
            if (check.Report == null)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, check.Problem);
            }

            switch (check.Report.Status)
            {
                case "Present":
                    return AccountResetRun.Finish(step, AccountResetStatus.NotNeeded, "Registered: " + check.Report.PackageFullName + ".");
                case "Missing":
                    break;
                default:
                    return AccountResetRun.Finish(step, AccountResetStatus.Failed, "Get-AppxPackage Microsoft.AAD.BrokerPlugin failed: "
                        + check.Report.Error);
            }

            step.Action = "Register the token broker again";
            if (!run.Approve(run.User.UserName, "Register Microsoft.AAD.BrokerPlugin again from its manifest (Add-AppxPackage -Register)", step))
            {
                return step;
            }

            var repair = run.RunScript<BrokerScriptReport>(WindowsPowerShellScript.BrokerPlugin, AccountResetRun.Parameter("Register", true));
            if (repair.Report == null)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, repair.Problem);
            }

            return repair.Report.Status == "Registered" || repair.Report.Status == "Present"
                ? AccountResetRun.Finish(step, AccountResetStatus.Done, "Was missing; registered again: " + repair.Report.PackageFullName + ".")
                : AccountResetRun.Finish(step, AccountResetStatus.Failed, "Was missing and could not be registered (" + repair.Report.Status + "): "
                    + repair.Report.Error);
        }
    }
}
