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
            else if (owners.All(o => o == FindingOwner.User || o == FindingOwner.TenantAdmin))
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
            };
        }

        /// <summary>
        /// "CAA20002 PC01 Repair NeedsReboot (exit 2): Machine/Tls Done | Cache/CacheLight CONTOSO\alice Done | left: ... | report ...",
        /// one line of at most 2048 characters for Intune's remediation output.
        /// </summary>
        public static string Line(TeamsRepairSummary summary)
        {
            var parts = new List<string> { string.Join("; ", summary.Steps.DefaultIfEmpty("no step")) };
            if (summary.ProblemsAfter.Length > 0)
            {
                parts.Add("left: " + string.Join("; ", summary.ProblemsAfter));
            }

            if (summary.ReportPath.Length > 0)
            {
                parts.Add("report " + summary.ReportPath);
            }

            var line = "CAA20002 " + summary.ComputerName + " Repair " + summary.Outcome + " (exit " + summary.ExitCode + "): "
                + string.Join(" | ", parts);
            line = line.Replace("\r", " ").Replace("\n", " ");
            var max = Diagnostics.DiagnosisSummary.MaxLineLength;
            return line.Length <= max ? line : line.Substring(0, max - 3) + "...";
        }
    }
}
