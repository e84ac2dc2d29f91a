using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>
    /// How both installer rungs run the installer the admin named (-WebView2InstallerPath, -BootstrapperPath), once approved and elevated:
    /// judged again just before it runs (the file the command checked at its start may have been swapped since, on a share), its decision
    /// written to the machine log before it runs (an install cannot be undone, so it runs only once its record is written), run, and its
    /// outcome logged.
    /// </summary>
    internal sealed class AdminInstallerRun
    {
        /// <summary>What the machine log calls the action ("WebView2 Runtime install").</summary>
        public string Action { get; set; } = string.Empty;

        /// <summary>What the admin calls the program ("installer", "bootstrapper").</summary>
        public string Program { get; set; } = string.Empty;

        /// <summary>The command line as logged: the path and its arguments.</summary>
        public string CommandLine { get; set; } = string.Empty;

        /// <summary>The installer's own judgement of its path (<see cref="AdminGivenInstaller"/> with its error ids); null when it may run.</summary>
        public Func<ModuleError?> Judge { get; set; } = () => null;

        /// <summary>Runs the installer: whether it succeeded, and how it ended.</summary>
        public Func<(bool Ok, string Detail)> Execute { get; set; } = () => (false, string.Empty);

        /// <summary>
        /// Runs it for the problems in <paramref name="calling"/>. False when it did not run: <paramref name="step"/> is then finished as
        /// Failed with the reason. True when it ran, with its outcome in <paramref name="ok"/> and <paramref name="detail"/>.
        /// </summary>
        public bool Run(RepairRun run, TeamsRepairStep step, IEnumerable<TeamsCaa20002Finding> calling, out bool ok, out string detail)
        {
            ok = false;
            detail = string.Empty;
            var problem = Judge();
            if (problem != null)
            {
                run.Host.Error(problem);
                RepairRun.Finish(step, RepairStepStatus.Failed, problem.Message);
                return false;
            }

            var log = new MachineLog(run.Machine);
            var prefix = Action + " on " + run.Machine.ComputerName + ": ";
            if (!log.Write(MachineActionRecord.Source, prefix + "running '" + CommandLine + "' because "
                + string.Join("; ", calling.Select(RepairProblems.Describe))))
            {
                RepairRun.Finish(step, RepairStepStatus.Failed, "The machine log could not be written, so the " + Program + " was not run (it "
                    + "cannot be undone, so it runs only once its record is written). Nothing was changed.");
                return false;
            }

            (ok, detail) = Execute();
            log.Write(MachineActionRecord.Source, prefix + (ok ? "Done" : "Failed") + " (" + detail + ")",
                ok ? EventLogLevel.Information : EventLogLevel.Warning);
            return true;
        }
    }
}
