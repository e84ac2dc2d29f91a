using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>The Teams (and Office) work accounts in Web Account Manager, signed out so the next sign-in starts clean.</summary>
    internal sealed class WamSignOutStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.WamAccounts;

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            if (!run.AsUser)
            {
                return run.NeedsUser(AccountResetStepName.WamAccounts, "Sign out the WAM accounts of " + run.ClientNames);
            }

            var step = run.Step(AccountResetStepName.WamAccounts, "Find the WAM accounts of " + run.ClientNames);
            // One comma-separated string: -File hands every value to the script as one literal string, never as a list.
            var clientIds = string.Join(",", run.ClientIds);
            var list = run.RunScript<WamScriptReport>(WindowsPowerShellScript.SignOutWamAccounts, AccountResetRun.Parameter("ClientId", clientIds));
            var problem = WamProblem(list, run.Scripts.ScriptsFolder);
            if (list.Report == null || problem != null && list.Report.Status != "Ok")
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, problem ?? list.Problem);
            }

            var accounts = list.Report.Clients.SelectMany(c => c.Accounts.Select(a => c.ClientId + "|" + a.UserName)).ToList();
            if (accounts.Count == 0)
            {
                return problem != null
                    ? AccountResetRun.Finish(step, AccountResetStatus.Failed, problem)
                    : AccountResetRun.Finish(step, AccountResetStatus.NotNeeded, "WAM holds no work account for " + run.ClientNames + ".");
            }

            var names = string.Join(", ",
                list.Report.Clients.SelectMany(c => c.Accounts).Select(a => a.UserName).Distinct(StringComparer.OrdinalIgnoreCase));
            step.Action = "Sign out " + Text.Wording.Count(accounts.Count, "WAM account") + " of " + run.ClientNames;
            if (!run.Approve(run.User.UserName, step.Action + ": " + names, step))
            {
                return step;
            }

            var signOut = run.RunScript<WamScriptReport>(WindowsPowerShellScript.SignOutWamAccounts, AccountResetRun.Parameter("ClientId", clientIds),
                AccountResetRun.Parameter("SignOut", true));
            var signOutProblem = WamProblem(signOut, run.Scripts.ScriptsFolder);
            if (signOut.Report == null || signOut.Report.Status != "Ok")
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, signOutProblem ?? signOut.Problem);
            }

            var done = signOut.Report.Clients.SelectMany(c => c.Accounts.Where(a => a.SignedOut).Select(a => a.UserName + " ("
                + AccountResetRun.ClientName(c.ClientId) + ")")).ToList();
            var failed = signOut.Report.Clients.SelectMany(c => c.Accounts.Where(a => !a.SignedOut).Select(a => a.UserName + " ("
                + AccountResetRun.ClientName(c.ClientId) + "): " + (a.Error.Length > 0 ? a.Error : "not signed out"))).ToList();
            var text = (done.Count > 0 ? "Signed out: " + string.Join(", ", done) + "." : "Nothing was signed out.")
                + (failed.Count > 0 ? " Failed: " + string.Join("; ", failed) + "." : string.Empty)
                + (signOutProblem != null ? " " + signOutProblem : string.Empty);
            return AccountResetRun.Finish(step, failed.Count == 0 && signOutProblem == null ? AccountResetStatus.Done : AccountResetStatus.Failed,
                text);
        }

        /// <summary>What kept WAM from answering fully, in one sentence per client; null when every client listed fine.</summary>
        private static string? WamProblem(ScriptRun<WamScriptReport> run, string scriptsFolder)
        {
            if (run.Report == null)
            {
                return null;
            }

            // The mode the script measured inside itself: not FullLanguage means the policy did not allow the script file.
            var languageMode = run.Report.LanguageMode;
            if (languageMode.Length > 0 && !languageMode.Equals("FullLanguage", StringComparison.Ordinal))
            {
                return "Windows PowerShell ran the Web Account Manager sign-out in " + languageMode + " mode, and it needs FullLanguage: "
                    + ShippedScripts.ConstrainedLanguageRemedy(scriptsFolder) + ". Until then, sign the user out in Settings > Accounts > "
                    + "Access work or school.";
            }

            switch (run.Report.Status)
            {
                case "Ok":
                    break;
                case "NoProvider":
                    return "WAM has no work or school account provider for this user (" + run.Report.Error
                        + ") Check the BrokerPlugin step, or reconnect the account in Settings > Accounts > Access work or school.";
                case "Unsupported":
                    return "This Windows cannot list WAM accounts: " + run.Report.Error;
                default:
                    return "The WAM script failed: " + run.Report.Error;
            }

            var problems = new List<string>();
            foreach (var client in run.Report.Clients.Where(c => c.Status != "Success"))
            {
                var name = AccountResetRun.ClientName(client.ClientId);
                switch (client.Status)
                {
                    case "NotAllowedByProvider":
                        problems.Add("The work account provider does not let " + name
                            + "'s accounts be listed (NotAllowedByProvider); reconnect the account in Settings > Accounts > Access work or school.");
                        break;
                    case "NotSupportedByProvider":
                        problems.Add("The work account provider cannot list " + name + "'s accounts (NotSupportedByProvider).");
                        break;
                    case "ProviderError":
                        problems.Add("The work account provider failed for " + name + " (ProviderError 0x" + client.ProviderErrorCode.ToString("X8",
                            CultureInfo.InvariantCulture) + ": " + client.ProviderErrorMessage + ").");
                        break;
                    default:
                        problems.Add("Unexpected answer for " + name + ": '" + client.Status + "'.");
                        break;
                }
            }

            return problems.Count == 0 ? null : string.Join(" ", problems);
        }
    }
}
