using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 2: when every problem is the user's or the tenant admin's, nothing is changed and the admin pack is written.</summary>
    internal sealed class AdminPackRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            if (!PcFixability.NothingThePcCanFix(run.Findings))
            {
                yield break;
            }

            run.Stopped = true;
            if (run.PreviousHandover is KeyValuePair<DateTime, string> before)
            {
                // The same problems were handed over already: no new evidence copy (rung 1 skipped it), no new pack.
                var step = run.Step(RepairRung.NothingThePcCanFix, RepairStepName.AdminPack, null,
                    "Point at the admin pack already written for these problems", run.Problems);
                step.Cost = "changes nothing on this PC";
                step.ReportPath = before.Value;
                run.ReportPath = before.Value;
                var owners = run.Problems.Select(f => f.Owner).Distinct().ToList();
                var whose = owners.All(o => o == FindingOwner.User) ? RepairStepStatus.NeedsUser : RepairStepStatus.NeedsAdmin;
                yield return RepairRun.Finish(step, whose, "Handed over already at "
                    + before.Key.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) + ", with nothing new since: the admin pack is in "
                    + before.Value + ". Nothing on this PC was changed or written.");
                yield break;
            }

            yield return AdminPackStep.Write(run, "Change nothing and write the admin pack", run.Problems, "Nothing on this PC was changed.");
        }
    }
}
