using System.Collections.Generic;
using System.Linq;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>
    /// After the climb: when problems owned by the user or the tenant admin are left (beside what the rungs fixed, or what
    /// they could not), the admin pack is written for them, from the findings as the rungs' checks left them. Not when rung 2
    /// already had its admin-pack step in this run: a run writes (or asks about) one pack at most.
    /// </summary>
    internal sealed class AdminPackAfterRepairs : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            var theirs = run.Problems.Where(PcFixability.IsOutsideThePc).ToList();
            if (theirs.Count == 0 || run.Steps.Any(s => s.Step == RepairStepName.AdminPack))
            {
                yield break;
            }

            yield return AdminPackStep.Write(run, "Write the admin pack for what the repairs left to the user or the tenant admin", theirs,
                "Left after the repairs of this PC:");
        }
    }
}
