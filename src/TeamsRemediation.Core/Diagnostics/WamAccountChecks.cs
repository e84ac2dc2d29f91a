using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Account.WamAccounts: the work accounts Web Account Manager holds for the Teams client id, listed the way Microsoft's
    /// signoutofwamaccounts.ps1 does (Scripts/SignOutWamAccounts.ps1 without -SignOut, through Windows PowerShell 5.1, in list
    /// mode: nothing is signed out). WAM answers only in the user's own session; as SYSTEM the check runs there through
    /// <see cref="UserSessionRead"/>.
    /// </summary>
    internal sealed class WamAccountChecks
    {
        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public WamAccountChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        public TeamsCaa20002Finding WamAccounts(TargetUser user, CallerIdentity caller, TimeSpan timeout)
        {
            if (!user.IsCaller)
            {
                return findings.Skipped(CheckIds.AccountWamAccounts, user, "Web Account Manager lists the work accounts only to the account that "
                    + "owns them (" + caller.UserName + " runs this, not " + user.UserName + "). Run Test-TeamsCaa20002 as that user, or as SYSTEM "
                    + "while the user is logged on (without -SkipUserSession).");
            }

            var list = new WindowsPowerShellScript(machine).Run<WamScriptReport>(WindowsPowerShellScript.SignOutWamAccounts,
                new[] { new KeyValuePair<string, object>("ClientId", AccountLayout.TeamsClientId) }, timeout);
            var report = list.Report;
            if (report == null)
            {
                return findings.Skipped(CheckIds.AccountWamAccounts, user, list.Problem);
            }

            if (report.Status == "NoProvider")
            {
                return findings.Make(CheckIds.AccountWamAccounts, user, FindingStatus.Warning,
                    "Web Account Manager has no work or school account provider for this user: Teams cannot sign in through it.",
                    new[] { "FindAccountProviderAsync: " + report.Error }, Remedies.ResetWorkAccount(user.Sid) + " re-registers the broker plugin.");
            }

            if (report.Status != "Ok")
            {
                return findings.Skipped(CheckIds.AccountWamAccounts, user, "Web Account Manager could not be asked (" + report.Status + "): "
                    + report.Error);
            }

            var teams = report.Clients.FirstOrDefault(c => c.ClientId.Equals(AccountLayout.TeamsClientId, StringComparison.OrdinalIgnoreCase));
            if (teams == null)
            {
                return findings.Skipped(CheckIds.AccountWamAccounts, user, "Web Account Manager's answer named no Teams client.");
            }

            if (teams.Status != "Success")
            {
                return findings.Make(CheckIds.AccountWamAccounts, user, FindingStatus.Warning,
                    "Web Account Manager did not list Teams' work accounts (" + teams.Status + ").",
                    new[] { "FindAllAccountsAsync: " + teams.Status + (teams.ProviderErrorMessage.Length > 0 ? ", " + teams.ProviderErrorMessage
                        : string.Empty) }, Remedies.ResetWorkAccount(user.Sid) + ".");
            }

            var accounts = teams.Accounts;
            var evidence = accounts.Select(a => a.UserName + " (" + (a.State.Length > 0 ? a.State : "state unknown") + ")").ToList();
            var names = accounts.Select(a => a.UserName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (names.Count == 0)
            {
                // Normal before the first sign-in to Teams: nothing is wrong with an empty list by itself.
                return findings.Make(CheckIds.AccountWamAccounts, user, FindingStatus.Pass,
                    "No work account in Web Account Manager has signed in to Teams yet; Teams asks for one at sign-in.");
            }

            var broken = accounts.Where(a => a.State.Equals("Error", StringComparison.OrdinalIgnoreCase)).Select(a => a.UserName).ToList();
            if (broken.Count > 0)
            {
                return findings.Make(CheckIds.AccountWamAccounts, user, FindingStatus.Warning,
                    "Web Account Manager marks the Teams work account " + string.Join(", ", broken) + " as in error.", evidence,
                    Remedies.ResetWorkAccount(user.Sid) + " signs it out, so the next sign-in starts clean.");
            }

            if (names.Count > 1)
            {
                return findings.Make(CheckIds.AccountWamAccounts, user, FindingStatus.Warning,
                    names.Count + " work accounts in Web Account Manager for Teams (" + string.Join(", ", names)
                        + "): Teams may sign in with a stale one.", evidence,
                    Remedies.ResetWorkAccount(user.Sid) + " signs them out; the user then signs in with the right one.");
            }

            return findings.Make(CheckIds.AccountWamAccounts, user, FindingStatus.Pass,
                "Teams has one work account in Web Account Manager: " + names[0] + ".", evidence);
        }
    }
}
