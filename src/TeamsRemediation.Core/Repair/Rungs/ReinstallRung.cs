using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>
    /// Rung 6 (opt-in, -BootstrapperPath): no working Teams client (classic only, past its end of availability, or none):
    /// new Teams is provisioned through the bootstrapper the admin gave. Without it, the step hands the problem to the admin.
    /// </summary>
    internal sealed class ReinstallRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            var calling = run.Users.SelectMany(u => run.Matching(RepairProblems.ClientMissing, u)).ToList();
            if (calling.Count == 0)
            {
                yield break;
            }

            var path = run.Options.BootstrapperPath;
            var step = run.Step(RepairRung.Disruptive, RepairStepName.Reinstall, null, "Provision new Teams for every user of this PC ("
                + (path ?? "teamsbootstrapper.exe") + " " + TeamsBootstrapper.ProvisionArgument + ")", calling);
            step.Cost = "installs new Teams for every user at their next sign-in; classic Teams and the users' data stay";
            if (path == null || !run.Options.Allows(RepairRung.Disruptive, explicitSwitch: true))
            {
                calling.ForEach(f => run.HandOver(f, FindingOwner.TenantAdmin));
                yield return RepairRun.Finish(step, RepairStepStatus.NeedsAdmin, "New Teams must be deployed for "
                    + string.Join(", ", calling.Select(f => f.User).Distinct()) + " (teamsbootstrapper.exe -p, or Intune/ConfigMgr); "
                    + "or run again with -BootstrapperPath <path of teamsbootstrapper.exe>.");
                yield break;
            }

            if (!run.EvidenceSecured)
            {
                yield return RepairRun.EvidenceNotCopied(step, "nothing disruptive was done.");
                yield break;
            }

            if (!run.Approve(step, path))
            {
                yield return step;
                yield break;
            }

            if (!run.Machine.Users.GetCurrentIdentity().IsElevated)
            {
                yield return RepairRun.Finish(step, RepairStepStatus.Failed,
                    "The bootstrapper provisions Teams for the whole PC, which needs administrator rights: run elevated or as SYSTEM.");
                yield break;
            }

            var start = run.Machine.Clock.UtcNow;
            var installer = new AdminInstallerRun
            {
                Action = "Teams provisioning",
                Program = "bootstrapper",
                CommandLine = path + " " + TeamsBootstrapper.ProvisionArgument,
                Judge = () => TeamsBootstrapper.Validate(run.Machine.Files, run.Machine.Signatures, path),
                Execute = () => (TeamsBootstrapper.Provision(run.Machine.Commands, path, run.Options.BootstrapperTimeout, out var said), said),
            };
            if (!installer.Run(run, step, calling, out var ok, out var detail))
            {
                yield return step;
                yield break;
            }

            run.Apply(step, new Ports.RungOutcome(ok ? RepairStepStatus.Done : RepairStepStatus.Failed, detail + (ok
                ? ". New Teams is registered for each user when they next sign in to Windows." : ".")));
            if (!ok)
            {
                yield return step;
                yield break;
            }

            run.Recheck(step, calling, start);

            // Provisioned packages register at the user's next sign-in: what still shows classic only is the user's next step.
            foreach (var left in run.Users.SelectMany(u => run.Matching(RepairProblems.ClientMissing, u)))
            {
                run.HandOver(left, FindingOwner.User);
            }

            yield return step;
        }
    }
}
