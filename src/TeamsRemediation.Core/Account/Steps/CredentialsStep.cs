using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>Classic Teams' (and Office's) cached credentials in Credential Manager, removed.</summary>
    internal sealed class CredentialsStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.Credentials;

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            if (!run.AsUser)
            {
                return run.NeedsUser(AccountResetStepName.Credentials, "Remove cached Teams credentials");
            }

            var step = run.Step(AccountResetStepName.Credentials, "List Credential Manager");
            var cmdkey = SystemTools.Resolve(run.Machine, "cmdkey.exe");
            var listing = run.Machine.Commands.Run(cmdkey, "/list", run.Options.CommandTimeout);
            if (!listing.Succeeded)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, listing.Describe("cmdkey /list"));
            }

            var all = CredentialListing.Parse(listing.StandardOutput);
            var removable = all.Where(c => CredentialListing.IsRemovable(c, run.Options.IncludeOffice)).ToList();
            if (removable.Count == 0)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.NotNeeded, Text.Wording.Count(all.Count, "stored credential")
                    + ", none of classic Teams" + (run.Options.IncludeOffice ? " or Office" : string.Empty) + ".");
            }

            step.Action = "Remove " + Text.Wording.Count(removable.Count, "cached credential");
            if (!run.Approve(run.User.UserName, step.Action + ": " + string.Join(", ", removable.Select(c => c.Name)), step))
            {
                return step;
            }

            var removed = new List<string>();
            var failed = new List<string>();
            foreach (var credential in removable)
            {
                var result = run.Machine.Commands.Run(cmdkey, "/delete:" + (credential.Target.IndexOf(' ') >= 0 ? "\"" + credential.Target + "\""
                    : credential.Target), run.Options.CommandTimeout);
                if (result.Succeeded)
                {
                    removed.Add(credential.Name);
                }
                else
                {
                    failed.Add(credential.Name + " (" + result.Describe("cmdkey /delete") + ")");
                }
            }

            // Token caches: not backed up on purpose, a secret is never copied to disk. Teams rebuilds them at sign-in.
            var text = (removed.Count > 0 ? "Removed " + string.Join(", ", removed) + "; Teams rebuilds them at the next sign-in." : string.Empty)
                + (failed.Count > 0 ? " Not removed: " + string.Join("; ", failed) + "." : string.Empty);
            return AccountResetRun.Finish(step, failed.Count == 0 ? AccountResetStatus.Done : AccountResetStatus.Failed, text.Trim());
        }
    }
}
