using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;
using TeamsRemediation.Processes;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>With -ClearBrokerState, the user's broker data moved aside (journaled) after Teams and the broker are closed.</summary>
    internal sealed class BrokerStateStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.BrokerState;

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            var step = run.Step(AccountResetStepName.BrokerState, "Move the token broker's data aside");
            if (!run.Options.ClearBrokerState)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Skipped,
                    "Not asked: -ClearBrokerState moves the broker's data aside (disruptive; restorable).");
            }

            var folder = AccountLayout.BrokerFolder(run.User.Folders);
            var info = new DirectoryInfo(folder);
            if (!info.Exists)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.NotNeeded, "No broker data in " + folder + ".");
            }

            if (SafeTree.IsLink(info))
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, folder + " is a junction or symbolic link; it was left alone.");
            }

            if (!run.AsUser && run.User.LoggedOn)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Skipped, run.User.UserName + " is signed in (session " + run.User.SessionId
                    + "): the broker of a live session "
                    + "holds its data and would write it again at once, so nothing was moved. Run again after the user signs out, "
                    + "or have the user run Reset-TeamsWorkAccount -ClearBrokerState -Force in their own session.");
            }

            var backup = UserBackups.UniquePath(run.Machine, UserBackups.Root(run.User.Folders), AccountLayout.BrokerPackageFamily);
            if (!run.Approve(folder, "Close Teams and the token broker of " + run.User.UserName + ", then move " + folder + " to " + backup, step))
            {
                return step;
            }

            var stillRunning = CloseTeamsAndBroker(run);
            if (stillRunning.Count > 0)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, "Still running after being ended: "
                    + string.Join(", ", stillRunning) + ". Nothing was moved; close Teams and run again.");
            }

            try
            {
                // As SYSTEM in the user's own tree: through handles from the top of that tree, never by a path a junction could redirect.
                run.Journal.MoveInside(run.User.Folders.TopFolderOf(folder) ?? run.User.ProfilePath, folder, backup);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, "Could not move " + folder + ": " + e.Message + " Nothing was moved.");
            }

            step.BackupPath = backup;
            return AccountResetRun.Finish(step, AccountResetStatus.Done, "Moved " + folder + " to " + backup
                + ". Windows makes it anew when the user signs in to Windows again. Undo-TeamsRemediation -Journal '" + run.Journal.Path
                    + "' moves it back.");
        }

        /// <summary>
        /// Closes the user's Teams (both clients, their WebView2 descendants) the way Clear-TeamsCache does, and the
        /// user's broker processes with them. Returns what is still there.
        /// </summary>
        private static List<string> CloseTeamsAndBroker(AccountResetRun run)
        {
            var stopper = new TeamsProcessStopper(run.Machine, _ => { }) { WebViewGrace = run.Options.StopTimeout,
                KillTimeout = run.Options.StopTimeout };
            var broker = run.Machine.Processes.List().Where(p => string.Equals(p.OwnerSid, run.User.Sid, StringComparison.OrdinalIgnoreCase)
                && p.Name.Equals(AccountLayout.BrokerProcessName, StringComparison.OrdinalIgnoreCase));
            var targets = stopper.Find(run.User, TeamsClient.Classic)
                .Concat(stopper.Find(run.User, TeamsClient.New))
                .Concat(broker)
                .GroupBy(p => p.Id)
                .Select(g => g.First())
                .ToList();
            return stopper.Stop(targets).StillRunning.Select(p => p.ToString()).ToList();
        }
    }
}
