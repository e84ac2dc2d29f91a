using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair
{
    /// <summary>The outcome of a repair and the exit code the shipped scripts end with: the one place the contract is written.</summary>
    public static class RepairVerdict
    {
        /// <summary>0 fixed or nothing to fix, 1 not fixed (or only improved, or -WhatIf), 2 needs reboot, 3 needs the admin (or the user).</summary>
        public static int ExitCode(RepairOutcome outcome)
        {
            switch (outcome)
            {
                case RepairOutcome.Fixed:
                case RepairOutcome.NothingToFix:
                    return 0;
                case RepairOutcome.NeedsReboot:
                    return 2;
                case RepairOutcome.NeedsAdmin:
                case RepairOutcome.NeedsUser:
                    return 3;
                default:
                    return 1;
            }
        }

        /// <summary>A step that changed, or tried to change, something: listed before the others on the line.</summary>
        private static bool Changed(TeamsRepairStep step) => step.Status == RepairStepStatus.Done || step.Status == RepairStepStatus.Failed;

        internal static TeamsRepairSummary Summarize(RepairRun run, IReadOnlyList<TeamsRepairStep> steps)
        {
            var before = PcFixability.Problems(run.Before, run.Options.IncludeDotNetTls);
            var after = run.Problems;
            var owners = after.Select(run.OwnerOf).Distinct().ToList();
            RepairOutcome outcome;
            if (before.Count == 0)
            {
                outcome = RepairOutcome.NothingToFix;
            }
            else if (run.WhatIf)
            {
                outcome = RepairOutcome.WhatIf;
            }
            else if (after.Count == 0)
            {
                outcome = run.RebootRequired ? RepairOutcome.NeedsReboot : RepairOutcome.Fixed;
            }
            else if (owners.All(o => o == FindingOwner.User))
            {
                outcome = RepairOutcome.NeedsUser;
            }
            else if (owners.All(PcFixability.IsOutsideThePc))
            {
                outcome = RepairOutcome.NeedsAdmin;
            }
            else if (run.RebootRequired)
            {
                outcome = RepairOutcome.NeedsReboot;
            }
            else
            {
                outcome = after.Count < before.Count ? RepairOutcome.Improved : RepairOutcome.NotFixed;
            }

            return new TeamsRepairSummary
            {
                ComputerName = run.Machine.ComputerName,
                Outcome = outcome,
                ExitCode = ExitCode(outcome),
                ProblemsBefore = before.Select(RepairProblems.Describe).ToArray(),
                ProblemsAfter = after.Select(RepairProblems.Describe).ToArray(),
                Steps = steps.Select(s => s.ToString()).ToArray(),
                JournalPaths = run.JournalPaths.ToArray(),
                ReportPath = run.ReportPath ?? string.Empty,
                RebootRequired = run.RebootRequired,
                LineItems = after.Select(f => Lines.SummaryLine.Item(f, run.OwnerOf(f)))
                    .Concat(steps.Where(Changed).Concat(steps.Where(s => !Changed(s))).Select(Lines.SummaryLine.Item)).ToList(),
            };
        }

        /// <summary>
        /// The repair's line in the versioned grammar of <see cref="Lines.SummaryLine"/> ("CAA20002/1 Repair PC01 NeedsAdmin+Restart exit=3
        /// dropped=0 restart=yes report=... | Warning Evidence.AadEvents TenantAdmin CAA20004 CONTOSO\alice | Step Machine/Tls - - - status=Done"),
        /// at most 2048 characters for Intune's remediation output, whole items only.
        /// </summary>
        public static string Line(TeamsRepairSummary summary) => Lines.SummaryLine.FromRepair(summary).ToLine();

        /// <summary>The same content as one line of compact JSON with a schema version.</summary>
        public static string Json(TeamsRepairSummary summary) => Lines.SummaryLine.FromRepair(summary).ToJson();
    }
}
