using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Hosting;
using TeamsRemediation.Repair.Ports;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 3's clock and DNS steps: called for by machine findings, planned once, carried out once approved, those checks again.</summary>
    internal static class MachineStep
    {
        public static IEnumerable<TeamsRepairStep> Run(RepairRun run, RepairStepName name, Func<TeamsCaa20002Finding, bool> calls,
            IReadOnlyList<CodeCause> evidenceCauses, string action, string target,
            Func<IMachineRepairs, TeamsCaa20002Finding, MachineRepairPlan> planner)
        {
            var calling = run.Matching(calls);
            if (calling.Count == 0)
            {
                yield break;
            }

            var step = run.Step(RepairRung.Machine, name, null, action, calling);
            step.Cost = "no cost to the users";
            if (!run.Options.Allows(RepairRung.Machine))
            {
                yield return run.NotOptedIn(step, RepairRung.Machine);
                yield break;
            }

            // The service's own plan first: its cost, and whether it may act at all (a policy, a domain controller, missing rights).
            var plan = planner(run.Services.Machine, calling[0]);
            step.Cost = plan.Planned.Cost.Length > 0 ? plan.Planned.Cost : step.Cost;
            if (!plan.MayAct)
            {
                run.Apply(step, plan.Planned);
                if (plan.Planned.Status == RepairStepStatus.NeedsAdmin)
                {
                    calling.ForEach(f => run.HandOver(f, FindingOwner.TenantAdmin));
                }

                yield return step;
                yield break;
            }

            if (!run.Approve(step, target) || !run.RecordAnswer(step, evidenceCauses, null))
            {
                yield return step;
                yield break;
            }

            var start = run.Machine.Clock.UtcNow;
            var outcome = plan.CarryOut(StepHost.Approved(run.Host));
            run.Apply(step, outcome);
            if (outcome.Status == RepairStepStatus.NeedsAdmin)
            {
                calling.ForEach(f => run.HandOver(f, FindingOwner.TenantAdmin));
            }
            else if (outcome.Status == RepairStepStatus.Done)
            {
                run.Recheck(step, calling, evidenceCauses, start);
            }

            yield return step;
        }
    }
}
