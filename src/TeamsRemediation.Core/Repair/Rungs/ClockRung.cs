using System.Collections.Generic;
using TeamsRemediation.Answers;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 3: a clock off by more than the limit is resynced through the Windows Time service (reported when policy manages it).</summary>
    internal sealed class ClockRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run) => MachineStep.Run(run, RepairStepName.ClockResync, RepairProblems.ClockSkew,
            AnsweredCauses.Clock, "Resync the clock through the Windows Time service", "Windows Time service", (s, f) => s.PlanClockResync(f));
    }
}
