using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>
    /// Rung 3 (opt-in, -WebView2InstallerPath): the WebView2 Runtime new Teams needs is missing, broken or installed for one user only:
    /// it is installed for the whole PC from the installer the admin gave, never downloaded. Without a path the step hands the problem to
    /// the admin with the parameter to pass. The runtime is shared with other apps and updates itself, so Undo does not remove it: the
    /// machine log holds the decision, written before the installer runs, and its outcome.
    /// </summary>
    internal sealed class WebView2Rung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            var calling = run.Users.SelectMany(u => run.Matching(RepairProblems.WebView2Missing, u)).ToList();
            if (calling.Count == 0)
            {
                yield break;
            }

            var path = run.Options.WebView2InstallerPath;
            var step = run.Step(RepairRung.Machine, RepairStepName.WebView2Install, null, "Install the WebView2 Runtime for the whole PC ("
                + (path ?? "MicrosoftEdgeWebView2RuntimeInstallerX64.exe") + " " + WebView2Installer.SilentArguments + ")", calling);
            step.Cost = "installs a runtime shared with other apps; Teams picks it up when it starts again; not undone by Undo-TeamsRemediation";
            if (path == null)
            {
                calling.ForEach(f => run.HandOver(f, FindingOwner.DeviceAdmin));
                yield return RepairRun.Finish(step, RepairStepStatus.NeedsAdmin, "The WebView2 Runtime must be installed for the whole PC for "
                    + string.Join(", ", calling.Select(f => f.User).Distinct()) + ": run again with -WebView2InstallerPath <path of "
                    + "MicrosoftEdgeWebView2RuntimeInstallerX64.exe or MicrosoftEdgeWebview2Setup.exe>, or deploy it with Intune/ConfigMgr.");
                yield break;
            }

            if (!run.Approve(step, path))
            {
                yield return step;
                yield break;
            }

            if (!run.Machine.Users.GetCurrentIdentity().IsElevated)
            {
                yield return RepairRun.Finish(step, RepairStepStatus.Failed, "The WebView2 Runtime is installed for the whole PC only by an "
                    + "elevated installer (run without elevation it installs for one user): run elevated or as SYSTEM.");
                yield break;
            }

            var start = run.Machine.Clock.UtcNow;
            var installer = new AdminInstallerRun
            {
                Action = "WebView2 Runtime install",
                Program = "installer",
                CommandLine = path + " " + WebView2Installer.SilentArguments,
                Judge = () => WebView2Installer.Validate(run.Machine.Files, run.Machine.Signatures, path),
                Execute = () => (WebView2Installer.Install(run.Machine.Commands, path, run.Options.WebView2InstallerTimeout, out var said), said),
            };
            if (!installer.Run(run, step, calling, out var ok, out var detail))
            {
                yield return step;
                yield break;
            }

            run.Apply(step, new Ports.RungOutcome(ok ? RepairStepStatus.Done : RepairStepStatus.Failed, detail + (ok
                ? ". Restart Teams to use the runtime." : ".")));
            if (ok)
            {
                run.Recheck(step, calling, start);
            }

            yield return step;
        }
    }
}
