using System.Collections.Generic;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 1: before any change, the evidence a repair may destroy is copied into this run's protected report folder.</summary>
    internal sealed class EvidenceRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            if (run.PreviousHandover != null)
            {
                // Nothing the PC can fix, and these very problems were handed over with their evidence already: nothing to secure.
                yield break;
            }

            var step = run.Step(RepairRung.Evidence, RepairStepName.EvidenceCopy, null,
                "Copy the users' Teams logs, the newest collected WebLogs zip and the event 1098 records into this run's report folder",
                run.Problems);
            step.Cost = "changes nothing for the users";
            var copier = run.Services.Evidence;
            step.Action = "Copy " + copier.Describe(run.Users, run.Options.EvidenceWindow) + " into this run's report folder";
            if (!run.Approve(step, run.Machine.ComputerName))
            {
                // The plan of -WhatIf goes on to list every step; a declined copy keeps the destroying steps from running.
                run.EvidenceSecured = step.Status == RepairStepStatus.WhatIf;
                yield return step;
                yield break;
            }

            var outcome = copier.Copy(run.Users, run.Options.EvidenceWindow);
            run.Apply(step, outcome);
            run.EvidenceSecured = outcome.Status == RepairStepStatus.Done;
            if (outcome.ReportPath.Length > 0)
            {
                run.ReportPath = outcome.ReportPath;
            }

            yield return step;
        }
    }
}
