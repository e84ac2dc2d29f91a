using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Hosting;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>The shape of a per-user step run by a user service: called for by that user's findings, asked once, those checks again.</summary>
    internal sealed class UserStep
    {
        public RepairRung Rung { get; set; }

        public RepairStepName Name { get; set; }

        public Func<TeamsCaa20002Finding, bool> Calls { get; set; } = f => false;

        /// <summary>Evidence of these causes is read again after the step (from the step's start on).</summary>
        public IReadOnlyList<CodeCause> EvidenceCauses { get; set; } = new CodeCause[0];

        /// <summary>The step's own opt-in switch (rung 6); false for the default rungs.</summary>
        public bool Switch { get; set; }

        public string SwitchName { get; set; } = string.Empty;

        /// <summary>True for a step that may destroy evidence: it waits for rung 1.</summary>
        public bool NeedsEvidence { get; set; }

        public Func<TargetUser, string> Action { get; set; } = u => string.Empty;

        public Func<TargetUser, string> Cost { get; set; } = u => string.Empty;

        public Func<IUserRepairs, TargetUser, IRemediationHost, RungOutcome> Repair { get; set; } =
            (s, u, h) => throw new InvalidOperationException("A user step names its service call.");

        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            foreach (var user in run.Users)
            {
                var calling = run.Matching(Calls, user);
                if (calling.Count > 0)
                {
                    yield return RunFor(run, user, calling);
                }
            }
        }

        private TeamsRepairStep RunFor(RepairRun run, TargetUser user, List<TeamsCaa20002Finding> calling)
        {
            var step = run.Step(Rung, Name, user, Action(user), calling);
            step.Cost = Cost(user);
            if (!run.Options.Allows(Rung, Switch))
            {
                return run.NotOptedIn(step, Rung, SwitchName);
            }

            if (NeedsEvidence && !run.EvidenceSecured)
            {
                return RepairRun.EvidenceNotCopied(step, "nothing that could destroy it was done.");
            }

            if (!run.Approve(step, user.UserName) || !run.RecordAnswer(step, EvidenceCauses, new[] { user }))
            {
                return step;
            }

            var start = run.Machine.Clock.UtcNow;
            var outcome = Repair(run.Services.User, user, StepHost.Approved(run.Host));
            run.Apply(step, outcome);
            if (outcome.Status == RepairStepStatus.NeedsUser || outcome.Status == RepairStepStatus.NeedsAdmin)
            {
                calling.ForEach(f => run.HandOver(f, outcome.Status == RepairStepStatus.NeedsUser ? FindingOwner.User : FindingOwner.TenantAdmin));
            }
            else if (outcome.Status == RepairStepStatus.Done || outcome.Status == RepairStepStatus.Failed)
            {
                // A failed step may still have changed part of what it covers (the values here, not the user's session): look again.
                run.Recheck(step, calling, EvidenceCauses, start, user);
            }

            return step;
        }
    }
}
