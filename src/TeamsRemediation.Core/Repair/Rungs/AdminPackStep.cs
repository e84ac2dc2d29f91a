using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>
    /// Writes the admin pack as one step, the same way wherever the ladder writes it (rung 2 before any repair, or after the
    /// climb for what is left): asked once, written by the admin-pack service from the findings as they stand now, into the
    /// report folder of the evidence copy, and finished as NeedsAdmin, or NeedsUser when only the user is left.
    /// </summary>
    internal static class AdminPackStep
    {
        /// <summary>The action every admin-pack step names, after the words that say when it runs.</summary>
        public const string Contents = "(failure times in UTC, correlation and request ids, AADSTS codes, tenant, device, join type, "
            + "user principal, client version)";

        public static TeamsRepairStep Write(RepairRun run, string action, IReadOnlyList<TeamsCaa20002Finding> theirs, string changed)
        {
            var step = run.Step(RepairRung.NothingThePcCanFix, RepairStepName.AdminPack, null, action + " " + Contents, theirs);
            step.Cost = "changes nothing on this PC";
            if (!run.Approve(step, run.ReportPath ?? run.Machine.ComputerName))
            {
                return step;
            }

            var outcome = run.Services.AdminPack.Write(run.Findings, run.Users, run.ReportPath, run.Addressed);
            run.Apply(step, outcome);
            if (outcome.Status == RepairStepStatus.Done)
            {
                var owners = theirs.Select(f => f.Owner).Distinct().ToList();
                RepairRun.Finish(step, owners.All(o => o == FindingOwner.User) ? RepairStepStatus.NeedsUser : RepairStepStatus.NeedsAdmin,
                    changed + " " + outcome.Detail);
                run.ReportPath = run.ReportPath ?? (outcome.ReportPath.Length > 0 ? outcome.ReportPath : null);

                // The next run that finds exactly these problems, and nothing the PC can fix, repeats none of this.
                var warning = Answers.HandoverLedger.Write(run.Machine, theirs, run.ReportPath ?? string.Empty);
                if (warning != null)
                {
                    run.Host.Warning(warning);
                }
            }

            return step;
        }
    }
}
