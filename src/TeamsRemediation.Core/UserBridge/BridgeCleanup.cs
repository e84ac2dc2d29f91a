using System;
using System.IO;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// Removes what a run registered and created (its task, its run folder), and before a run what runs that died left behind.
    /// A run beside this one is never touched: only tasks and folders older than the longest run could be count as leftovers.
    /// </summary>
    internal sealed class BridgeCleanup
    {
        // A leftover is a task older than the longest run could be, plus this: a run beside this one is never touched.
        private static readonly TimeSpan LeftoverMargin = TimeSpan.FromMinutes(10);

        private readonly IMachine machine;
        private readonly BridgeLog log;

        public BridgeCleanup(IMachine machine, BridgeLog log)
        {
            this.machine = machine;
            this.log = log;
        }

        /// <summary>True when neither the task nor the folder is left.</summary>
        public bool CleanUp(BridgeTaskName name, string? folder, bool registered)
        {
            var clean = true;
            if (registered)
            {
                try
                {
                    machine.Tasks.Stop(name.TaskPath);
                    machine.Tasks.Delete(name.TaskPath);
                    clean = machine.Tasks.Query(name.TaskPath).State == ScheduledTaskState.NotFound;
                    log.Outcome(clean, (clean ? "Deleted " : "Could not delete ") + name.TaskPath + ".");
                }
                catch (Exception e) when (e is COMException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                {
                    clean = false;
                    log.Warn("Could not delete " + name.TaskPath + " (" + e.Message
                        + "); the next run removes it, or Task Scheduler when it expires.");
                }
            }

            if (folder != null)
            {
                var removed = BridgeRunFolder.TryDelete(machine, folder);
                clean &= removed;
                log.Outcome(removed, (removed ? "Removed " : "Could not remove ") + folder + ".");
            }

            return clean;
        }

        public void RemoveLeftovers()
        {
            var cutoff = machine.Clock.UtcNow - BridgeRequest.MaximumTimeout - LeftoverMargin;
            try
            {
                foreach (var task in machine.Tasks.List(BridgeTaskName.Prefix))
                {
                    var name = BridgeTaskName.TryParse(task);
                    if (name == null || name.StartedAt < cutoff)
                    {
                        machine.Tasks.Stop(task);
                        machine.Tasks.Delete(task);
                        log.Info("Deleted the leftover task " + task + " of a run that did not finish.");
                    }
                }
            }
            catch (Exception e) when (e is COMException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                log.Info("Could not look for leftover tasks: " + e.Message);
            }

            var bridgeFolder = BridgeRunFolder.BridgeFolder(machine);
            if (!Directory.Exists(bridgeFolder))
            {
                return;
            }

            foreach (var folder in Directory.GetDirectories(bridgeFolder))
            {
                var name = BridgeTaskName.TryParse(Path.GetFileName(folder));
                if (name == null || name.StartedAt < cutoff)
                {
                    var removed = BridgeRunFolder.TryDelete(machine, folder);
                    log.Info((removed ? "Removed the leftover folder " : "Could not remove the leftover folder ") + folder + ".");
                }
            }
        }
    }
}
