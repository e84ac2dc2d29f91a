using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.FileSystem;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>
    /// With -ClearTokenBrokerAccounts, Microsoft's CAA50021 broker repair: the files of AC\TokenBroker\Accounts of the broker
    /// plugin and of CloudExperienceHost moved (journaled, one rename each, never copied) into the user's own backup folder,
    /// and a restart flagged. Only in the user's own session: the files are the user's, and the broker that reads them runs there.
    /// </summary>
    internal sealed class TokenBrokerAccountsStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.TokenBrokerAccounts;

        private const string Action = "Empty the token broker's accounts (CAA50021 repair)";

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            var step = run.Step(AccountResetStepName.TokenBrokerAccounts, Action);
            if (!run.Options.ClearTokenBrokerAccounts)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Skipped,
                    "Not asked: -ClearTokenBrokerAccounts empties AC\\TokenBroker\\Accounts "
                    + "of the broker plugin and CloudExperienceHost (Microsoft's CAA50021 repair; restorable; Windows must restart).");
            }

            if (!run.AsUser)
            {
                return run.NeedsUser(AccountResetStepName.TokenBrokerAccounts, Action);
            }

            var profile = run.User.Folders;
            var found = new List<KeyValuePair<string, FileSystemInfo>>();
            foreach (var family in AccountLayout.TokenBrokerAccountPackages)
            {
                var folder = AccountLayout.TokenBrokerAccountsFolder(profile, family);
                var link = SafeTree.FirstLinkOnTheWay(run.Machine.Files, profile.TopFolderOf(folder) ?? folder, folder);
                if (link != null)
                {
                    return AccountResetRun.Finish(step, AccountResetStatus.Failed, folder + " is reached through the junction or symbolic link "
                        + link + "; nothing was moved.");
                }

                if (Directory.Exists(folder))
                {
                    found.AddRange(new DirectoryInfo(folder).GetFileSystemInfos().Select(i => new KeyValuePair<string, FileSystemInfo>(family, i)));
                }
            }

            var folders = string.Join(" and ",
                AccountLayout.TokenBrokerAccountPackages.Select(f => AccountLayout.TokenBrokerAccountsFolder(profile, f)));
            if (found.Count == 0)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.NotNeeded, "No token broker accounts in " + folders + ".");
            }

            var backup = UserBackups.UniquePath(run.Machine, UserBackups.Root(profile), AccountLayout.TokenBrokerAccountsBackupPrefix.TrimEnd('-'));
            step.Action = "Move " + Text.Wording.Count(found.Count, "token broker account file") + " aside";
            if (!run.Approve(run.User.UserName, step.Action + " from " + folders + " to " + backup + "; Windows must restart afterwards", step))
            {
                return step;
            }

            var failed = new List<string>();
            var moved = 0;
            foreach (var item in found)
            {
                var target = Path.Combine(backup, item.Key, item.Value.Name);
                try
                {
                    // A file, a folder, or a link moved as the link itself; through handles from the top of the user's tree.
                    run.Journal.MoveInside(profile.TopFolderOf(item.Value.FullName) ?? profile.Profile, item.Value.FullName, target);

                    moved++;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    failed.Add(item.Value.FullName + " (" + e.Message + ")");
                }
            }

            step.BackupPath = moved > 0 ? backup : string.Empty;
            step.RestartRequired = moved > 0;
            var text = "Moved " + moved + " of " + Text.Wording.Count(found.Count, "file") + " from " + folders + " to " + backup + "."
                + (moved > 0 ? " Restart Windows, then sign in to Teams again (the broker reads its accounts at sign-in). "
                    + "Undo-TeamsRemediation -Journal '" + run.Journal.Path + "', run as " + run.User.UserName
                    + " (or as SYSTEM while " + run.User.UserName + " is logged on), moves them back." : string.Empty)
                + (failed.Count > 0 ? " Not moved: " + string.Join("; ", failed) + "." : string.Empty);
            return AccountResetRun.Finish(step, failed.Count == 0 ? AccountResetStatus.Done : AccountResetStatus.Failed, text);
        }
    }
}
