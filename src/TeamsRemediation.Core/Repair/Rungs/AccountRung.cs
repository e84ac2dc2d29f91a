using System.Collections.Generic;
using TeamsRemediation.Answers;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 4: the user's account state, reset without losing data, in the user's own session.</summary>
    internal sealed class AccountRung : IRepairRung
    {
        private static readonly UserStep Step = new UserStep
        {
            Rung = RepairRung.UserAccount,
            Name = RepairStepName.AccountReset,
            Calls = RepairProblems.AccountState,
            EvidenceCauses = AnsweredCauses.AccountReset,
            Action = u => "Reset " + u.UserName + "'s work account in their session: WAM overrides, broker registration, "
                + "WAM sign-out for Teams, cached Teams credentials",
            Cost = u => "signs " + u.UserName + " out of Teams (they sign in again); removed values are journaled",
            Repair = (s, u, h) => s.ResetAccount(u, h),
        };

        public IEnumerable<TeamsRepairStep> Run(RepairRun run) => Step.Run(run);
    }
}
