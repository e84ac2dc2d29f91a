using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Answers;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>
    /// Rung 6 (opt-in): the cache rung ran for the user and the stale state is still there: new Teams is reset for the user
    /// (Reset-AppxPackage). Never instead of the cache rung.
    /// </summary>
    internal sealed class AppResetRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run) => new UserStep
        {
            Rung = RepairRung.Disruptive,
            Name = RepairStepName.AppReset,
            Calls = f => RepairProblems.StaleCache(f) && run.Users.Any(u => u.Sid == f.UserSid
                && run.Tried(u, RepairStepName.CacheLight, RepairStepName.CacheFull)),
            EvidenceCauses = AnsweredCauses.AppReset,
            Switch = run.Options.ResetApp,
            SwitchName = "-ResetApp",
            NeedsEvidence = true,
            Action = u => "Reset the new Teams app of " + u.UserName + " (Reset-AppxPackage MSTeams)",
            Cost = u => "closes Teams and resets it for " + u.UserName + ": the app's personal settings are lost and they sign in again",
            Repair = (s, u, h) => s.ResetApp(u, h),
        }.Run(run);
    }
}
