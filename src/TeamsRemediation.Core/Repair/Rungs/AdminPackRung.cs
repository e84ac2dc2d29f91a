using System.Collections.Generic;

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
            yield return AdminPackStep.Write(run, "Change nothing and write the admin pack", run.Problems, "Nothing on this PC was changed.");
        }
    }
}
