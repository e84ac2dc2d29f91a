using System.Collections.Generic;
using TeamsRemediation.Answers;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 3: a sign-in name that did not resolve: the DNS resolver cache is flushed and the endpoints probed again.</summary>
    internal sealed class DnsRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run) => MachineStep.Run(run, RepairStepName.DnsFlush, RepairProblems.NameNotResolved,
            AnsweredCauses.DnsFlush, "Flush the DNS resolver cache", "DNS client resolver cache", (s, f) => s.PlanDnsFlush());
    }
}
