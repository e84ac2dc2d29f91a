using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Wiring
{
    /// <summary>Rung 1 on <see cref="EvidenceCollector"/>: this run's protected report folder, then the copy into it.</summary>
    public sealed class EvidenceCopier : IEvidenceCopier
    {
        private readonly IMachine machine;
        private readonly TimeSpan eventTimeout;
        private readonly string? reportRoot;

        /// <param name="machine">The PC.</param>
        /// <param name="eventTimeout">How long wevtutil may take.</param>
        /// <param name="reportRoot">Where the run's folder goes; null for the default (ProgramData when elevated, else the profile).</param>
        public EvidenceCopier(IMachine machine, TimeSpan eventTimeout, string? reportRoot = null)
        {
            this.machine = machine;
            this.eventTimeout = eventTimeout;
            this.reportRoot = reportRoot;
        }

        public string Describe(IReadOnlyList<TargetUser> users, TimeSpan since) => users.Count == 0
            ? "the event 1098 records of " + Diagnostics.TimeInWords.Last(since)
            : "the Teams logs, the newest collected WebLogs zip and the event 1098 records of " + Diagnostics.TimeInWords.Last(since)
                + " of " + string.Join(", ", users.Select(u => u.UserName));

        public RungOutcome Copy(IReadOnlyList<TargetUser> users, TimeSpan since)
        {
            string folder;
            try
            {
                folder = RepairReportFolder.Create(machine, reportRoot);
            }
            catch (RepairReportException e)
            {
                return RungOutcome.Failed(e.Error);
            }

            var collection = new EvidenceCollector(machine).Collect(folder, users, since, eventTimeout);
            var skipped = collection.Skipped.Count == 0 ? string.Empty
                : "; not copied: " + string.Join("; ", collection.Skipped.Take(5).Select(s => s.ToString()))
                    + (collection.Skipped.Count > 5 ? " and " + (collection.Skipped.Count - 5) + " more" : string.Empty);
            return new RungOutcome(RepairStepStatus.Done, "Copied " + collection + " into " + collection.Folder + skipped + ".",
                reportPath: folder);
        }
    }
}
