using System.Collections.Generic;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 6 (opt-in): the cache rung did not clear the stale state: new Teams is reset for the user (Reset-AppxPackage).</summary>
    internal sealed class AppResetRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run) => new UserStep
        {
            Rung = RepairRung.Disruptive,
            Name = RepairStepName.AppReset,
            Calls = RepairProblems.StaleCache,
            EvidenceCauses = new[] { CodeCause.Request, CodeCause.Account, CodeCause.Broker },
            Switch = run.Options.ResetApp,
            SwitchName = "-ResetApp",
            NeedsEvidence = true,
            Action = u => "Reset the new Teams app of " + u.UserName + " (Reset-AppxPackage MSTeams)",
            Cost = u => "closes Teams and resets it for " + u.UserName + ": the app's personal settings are lost and they sign in again",
            Repair = (s, u) => s.ResetApp(u),
        }.Run(run);
    }
}
