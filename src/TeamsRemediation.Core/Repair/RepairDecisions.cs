using System.Linq;
using TeamsRemediation.Text;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// What the ladder tells the admin while it climbs: a progress record per rung (rung k of n, problems left) and one verbose
    /// line per decision, saying why a rung ran (the problems that called for it) or why it did not (nothing called for it, not
    /// opted in, declined, and the step's own reason).
    /// </summary>
    internal static class RepairDecisions
    {
        public static string Activity(string computerName) => "Repairing Teams sign-in on " + computerName;

        public static string Climbing(IRepairRung rung, int number, int count, int problemsLeft) =>
            "Rung " + number + " of " + count + ": " + Name(rung) + " (" + Wording.Count(problemsLeft, "problem") + " left)";

        /// <summary>"Machine/Tls: Done, for Fail Tls.Schannel: ..." or "Disruptive/AppReset CONTOSO\alice: NotOptedIn: Disruptive, so ...".</summary>
        public static string Step(TeamsRepairStep step)
        {
            var ran = step.Status == RepairStepStatus.Done || step.Status == RepairStepStatus.WhatIf || step.Status == RepairStepStatus.Failed;
            return step.Rung + "/" + step.Step + (step.User.Length > 0 ? " " + step.User : string.Empty) + ": " + step.Status
                + (step.Before.Length > 0 ? ", for " + string.Join("; ", step.Before.Take(3))
                    + (step.Before.Length > 3 ? " and " + (step.Before.Length - 3) + " more" : string.Empty) : string.Empty)
                + (ran || step.Detail.Length == 0 ? "." : ": " + step.Detail);
        }

        public static string NotRun(IRepairRung rung) => Name(rung) + ": not run, no problem left calls for it.";

        /// <summary>The rung's name as the admin reads it: its class without "Rung" ("Clock", "BrokerRepair").</summary>
        private static string Name(IRepairRung rung)
        {
            var name = rung.GetType().Name;
            return name.EndsWith("Rung", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 4) : name;
        }
    }
}
