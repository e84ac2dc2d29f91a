using System.Collections.Generic;
using TeamsRemediation.Answers;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 6 (opt-in): CAA50021 in the evidence: Microsoft's broker repair, backed up, restart flagged.</summary>
    internal sealed class BrokerRepairRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run) => new UserStep
        {
            Rung = RepairRung.Disruptive,
            Name = RepairStepName.BrokerRepair,
            Calls = RepairProblems.BrokerDamaged,
            EvidenceCauses = AnsweredCauses.BrokerRepair,
            Switch = run.Options.RepairBroker,
            SwitchName = "-RepairBroker",
            NeedsEvidence = true,
            Action = u => "Empty the token broker's and CloudExperienceHost's TokenBroker\\Accounts of " + u.UserName + " (backed up)",
            Cost = u => "signs " + u.UserName + " out of every work or school account in Windows apps (Teams, Outlook, Office); "
                + "Windows must restart",
            Repair = (s, u, h) => s.RepairBroker(u, h),
        }.Run(run);
    }
}
