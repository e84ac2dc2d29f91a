using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 2: when every problem is the user's or the tenant admin's, nothing is changed and the admin pack is written.</summary>
    internal sealed class AdminPackRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            if (!PcFixability.NothingThePcCanFix(run.Findings))
            {
                yield break;
            }

            run.Stopped = true;
            var step = run.Step(RepairRung.NothingThePcCanFix, RepairStepName.AdminPack, null,
                "Change nothing and write the admin pack (failure times in UTC, correlation and request ids, AADSTS codes, tenant, device, "
                + "join type, user principal, client version)", run.Problems);
            step.Cost = "changes nothing on this PC";
            if (!run.Approve(step, run.ReportPath ?? run.Machine.ComputerName))
            {
                yield return step;
                yield break;
            }

            var outcome = run.Services.AdminPack.Write(run.Findings, run.Users, run.ReportPath);
            run.Apply(step, outcome);
            if (outcome.Status == RepairStepStatus.Done)
            {
                var owners = run.Problems.Select(f => f.Owner).Distinct().ToList();
                RepairRun.Finish(step, owners.All(o => o == FindingOwner.User) ? RepairStepStatus.NeedsUser : RepairStepStatus.NeedsAdmin,
                    outcome.Detail);
                run.ReportPath = run.ReportPath ?? (outcome.ReportPath.Length > 0 ? outcome.ReportPath : null);
            }

            yield return step;
        }
    }
}
