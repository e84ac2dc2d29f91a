using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Answers;
using TeamsRemediation.Cache;
using TeamsRemediation.Codes;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Inventory;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>
    /// Rung 5: a stale cache. The light clear (the no or low impact folders) comes first; the full clear, backed up, only when a
    /// sign-in error was logged after an earlier light clear, which is the only sign that the light one did not help. Both keep
    /// backgrounds, settings and logs, stop only that user's Teams, and are journaled for Undo-TeamsRemediation.
    /// </summary>
    internal sealed class CacheRung : IRepairRung
    {
        private static IReadOnlyList<CodeCause> StaleCauses => AnsweredCauses.CacheClear;

        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            foreach (var user in run.Users)
            {
                var calling = run.Matching(RepairProblems.StaleCache, user);
                if (calling.Count > 0)
                {
                    yield return RunFor(run, user, calling);
                }
            }
        }

        private static TeamsRepairStep RunFor(RepairRun run, TargetUser user, List<TeamsCaa20002Finding> calling)
        {
            var lastLight = LightClears.Latest(user);
            var full = false;
            if (lastLight.HasValue)
            {
                // Errors from before the last light clear say nothing about it; one logged since says it did not help.
                var probe = run.Step(RepairRung.Cache, RepairStepName.CacheLight, user, string.Empty, calling);
                run.Recheck(probe, calling, StaleCauses, lastLight.Value, user);
                full = run.Matching(RepairProblems.StaleCache, user).Count > 0;
                if (!full)
                {
                    probe.Action = "Clear the light cache folders of " + user.UserName;
                    return RepairRun.Finish(probe, RepairStepStatus.Skipped, "The light clear of "
                        + lastLight.Value.ToString("u", CultureInfo.InvariantCulture) + " was followed by no sign-in error; nothing more to do.");
                }

                calling = run.Matching(RepairProblems.StaleCache, user);
            }

            var installations = new TeamsInventory(run.Machine, run.Host.Verbose).Find(user, TeamsClientSelection.Installed, measureCache: false);
            var planned = Plan(run, user, installations, full);
            if (!full && planned.Sum(r => r.FilesRemoved) == 0)
            {
                // Nothing in the light folders: the light clear cannot help, so the full one is next.
                full = true;
                planned = Plan(run, user, installations, full);
            }

            var name = full ? RepairStepName.CacheFull : RepairStepName.CacheLight;
            var step = run.Step(RepairRung.Cache, name, user, full
                ? "Clear the whole Teams cache of " + user.UserName + " into a backup" + (lastLight.HasValue ? " (the light clear of "
                    + lastLight.Value.ToString("u", CultureInfo.InvariantCulture) + " did not help)" : " (the light folders are empty)")
                : "Clear the light cache folders of " + user.UserName + "'s Teams (GPUCache, WebStorage: free to lose)", calling);
            if (!run.Options.Allows(RepairRung.Cache))
            {
                return run.NotOptedIn(step, RepairRung.Cache);
            }

            if (!run.EvidenceSecured)
            {
                return RepairRun.EvidenceNotCopied(step, "the cache, which holds the logs, was left alone.");
            }

            if (installations.Count == 0)
            {
                return RepairRun.Finish(step, RepairStepStatus.Skipped, "No installed Teams client for " + user.UserName + "; nothing to clear.");
            }

            var options = Options(user, full);
            step.Cost = "removes " + ByteSize.Megabytes(planned.Sum(r => r.BytesFreed)) + " of cache"
                + (full ? " (Teams sets itself up again and " + user.UserName + " signs in again)" : " (Teams starts as fast as before)")
                + ", keeps backgrounds, settings and logs; moved into a backup"
                + (installations.Any(i => i.Running) ? "; closes " + user.UserName + "'s Teams" : string.Empty);
            if (!run.Approve(step, string.Join(", ", installations.Select(i => i.CachePath))) || !run.RecordAnswer(step, StaleCauses, new[] { user }))
            {
                return step;
            }

            var start = run.Machine.Clock.UtcNow;
            var results = installations.Select(i => new CacheCleaner(run.Machine, StepHost.Approved(run.Host), options).Clear(user, i)).ToList();
            var cleared = results.Where(r => r.Status == CacheClearStatus.Cleared || r.Status == CacheClearStatus.NothingToClear).ToList();
            var journal = results.Where(r => r.BackupPath.Length > 0).Select(r => Path.Combine(r.BackupPath, CacheBackupFolder.JournalFileName))
                .FirstOrDefault() ?? string.Empty;
            var status = cleared.Count == results.Count ? RepairStepStatus.Done : RepairStepStatus.Failed;
            run.Apply(step, new RungOutcome(status, string.Join("; ", results.Select(r => r.Client + " " + r.Status + ": "
                + r.FilesRemoved.ToString("N0", CultureInfo.InvariantCulture) + " files, " + ByteSize.Megabytes(r.BytesFreed)
                + (r.BackupPath.Length > 0 ? ", backup " + r.BackupPath : string.Empty) + (r.Failed.Length > 0 ? ", not removed: "
                + string.Join(", ", r.Failed.Take(3)) : string.Empty))), journal));
            if (status == RepairStepStatus.Done)
            {
                run.Recheck(step, calling, StaleCauses, start, user);
            }

            return step;
        }

        private static List<TeamsCacheClearResult> Plan(RepairRun run, TargetUser user, IReadOnlyList<TeamsInstallation> installations, bool full) =>
            installations.Select(i => new CacheCleaner(run.Machine, StepHost.Planning(run.Host), Options(user, full)).Clear(user, i)).ToList();

        private static CacheClearOptions Options(TargetUser user, bool full) => new CacheClearOptions
        {
            Force = true,
            Scope = full ? CacheScope.Full : CacheScope.Light,
            Backup = full,
            BackupRoot = full ? null : LightClears.Root(user),
        };
    }
}
