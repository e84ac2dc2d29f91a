using TeamsRemediation.Windows;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>dsregcmd /status: how the device is joined; as the user, also whether they have a Primary Refresh Token. Read only.</summary>
    internal sealed class DeviceRegistrationStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.DeviceRegistration;

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            var step = run.Step(AccountResetStepName.DeviceRegistration, "Read dsregcmd /status");
            var result = run.Machine.Commands.Run(SystemTools.Resolve(run.Machine, "dsregcmd.exe"), "/status", run.Options.CommandTimeout);
            if (!result.Succeeded)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, result.Describe("dsregcmd")
                    + " The device state is unknown; the other steps go on.");
            }

            var status = DsregStatus.Parse(result.StandardOutput);
            if (!status.IsRecognized)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed,
                    "dsregcmd /status gave no Device State section; the device state is unknown.");
            }

            var detail = status.JoinType + (status.TenantName != null ? " (tenant " + status.TenantName + ")" : string.Empty) + ".";
            if (!run.AsUser)
            {
                // As SYSTEM or an admin, the User and SSO sections describe that account, not the run.User: never report them as the run.User's.
                detail += " The user's PRT and registration are visible only as the user.";
            }
            else if (status.HasUserState)
            {
                if (status.Flag(DsregStatus.UserState, "WorkplaceJoined") == true)
                {
                    detail += " The user registered this device (WorkplaceJoined).";
                }

                var prt = status.Flag(DsregStatus.SsoState, "AzureAdPrt");
                if (prt == false && status.IsEntraJoined)
                {
                    var failure = status.PrtFailure;
                    detail += " AzureAdPrt NO: the user has no Primary Refresh Token, so Teams cannot sign in silently" + (failure.Length > 0 ? " ("
                        + failure + ")" : string.Empty) + ".";
                }
                else if (prt == true)
                {
                    detail += " AzureAdPrt YES.";
                }
            }

            return AccountResetRun.Finish(step, AccountResetStatus.Done, detail);
        }
    }
}
