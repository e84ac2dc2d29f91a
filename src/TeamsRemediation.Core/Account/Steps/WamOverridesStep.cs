using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>The Office identity values that switch WAM off: reported, and removed (journaled) with -RemoveWamOverrides.</summary>
    internal sealed class WamOverridesStep : IAccountResetStep
    {
        public AccountResetStepName Name => AccountResetStepName.WamOverrides;

        public TeamsAccountResetStep Run(AccountResetRun run)
        {
            var step = run.Step(AccountResetStepName.WamOverrides, "Read the values that turn WAM off");
            if (!run.User.HiveLoaded)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Skipped, "The user's registry (HKU\\" + run.User.Sid
                    + ") is not loaded because they are not logged on; run again while they are.");
            }

            var key = new RegistryKeyPath(RegistryHive.Users, run.User.Sid + "\\" + AccountLayout.IdentityKeyPath);
            var found = new List<KeyValuePair<string, RegistryValue>>();
            try
            {
                foreach (var flag in AccountLayout.WamOverrideValues)
                {
                    var value = run.Machine.Registry.GetValue(key, flag.Key);
                    if (value != null && value.AsDWord == flag.Value)
                    {
                        found.Add(new KeyValuePair<string, RegistryValue>(flag.Key, value));
                    }
                }
            }
            catch (UnauthorizedAccessException e)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, e.Message);
            }

            if (found.Count == 0)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.NotNeeded,
                    "None of DisableAADWAM=1, DisableADALatopWAMOverride=1, EnableADAL=0 is set in " + key + ".");
            }

            var list = string.Join(", ", found.Select(f => f.Key + "=" + f.Value));
            if (!run.Options.RemoveWamOverrides)
            {
                return AccountResetRun.Finish(step, AccountResetStatus.Skipped, "Found " + list + " in " + key
                    + ": they turn WAM / modern authentication off for Office and Teams. "
                    + "Run again with -RemoveWamOverrides to remove them (recorded for Undo-TeamsRemediation).");
            }

            step.Action = "Remove " + string.Join(", ", found.Select(f => f.Key));
            if (!run.Approve(key.ToString(), step.Action, step))
            {
                return step;
            }

            var removed = new List<string>();
            try
            {
                foreach (var value in found)
                {
                    run.Journal.DeleteRegistryValue(key, value.Key, value.Value);
                    removed.Add(value.Key);
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
            {
                step.BackupPath = removed.Count > 0 ? run.Journal.Path : string.Empty;
                return AccountResetRun.Finish(step, AccountResetStatus.Failed, (removed.Count > 0 ? "Removed " + string.Join(", ", removed)
                    + ", then: " : string.Empty) + e.Message);
            }

            step.BackupPath = run.Journal.Path;
            return AccountResetRun.Finish(step, AccountResetStatus.Done, "Removed " + list + " from " + key + ". Undo-TeamsRemediation -Journal '"
                + run.Journal.Path + "' puts them back.");
        }
    }
}
