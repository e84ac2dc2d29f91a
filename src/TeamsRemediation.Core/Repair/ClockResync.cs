using System;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Rung 3, the clock: when the clock check failed (off by more than its limit), asks the Windows Time service to
    /// resync now with `w32tm /resync`, which waits until the resync is done (Microsoft Learn, "Windows Time service tools
    /// and settings"; administrators only). It does not act on a domain controller, whose clock serves the domain, and it
    /// reports instead of acting when a Group Policy sets the time source. Only the exit code is read: w32tm's text is
    /// localized. Whether the clock is right afterwards is for the clock check to say again (the service refuses
    /// corrections larger than MaxPos/NegPhaseCorrection, 15 hours on a stand-alone PC, and still exits 0 then).
    /// </summary>
    public sealed class ClockResync
    {
        public const string Command = "w32tm /resync";

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

        /// <summary>HRESULT_FROM_WIN32(ERROR_SERVICE_NOT_ACTIVE): w32tm's exit code when the Windows Time service is stopped.</summary>
        public const int TimeServiceNotStarted = unchecked((int)0x80070426);

        private readonly IMachine machine;
        private readonly IRemediationHost host;
        private readonly MachineLog log;
        private readonly TimeSpan timeout;

        public ClockResync(IMachine machine, IRemediationHost host, MachineLog log, TimeSpan? timeout = null)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            this.host = host ?? throw new ArgumentNullException(nameof(host));
            this.log = log ?? throw new ArgumentNullException(nameof(log));
            this.timeout = timeout ?? DefaultTimeout;
        }

        /// <summary>Plans and, once the host agrees, resyncs.</summary>
        /// <param name="clockFinding">The Network.ClockSkew finding of the diagnosis; only a Fail calls for a resync.</param>
        public MachineActionResult Run(TeamsCaa20002Finding? clockFinding) => Resync(Plan(machine, clockFinding));

        /// <summary>
        /// Reads whether the resync may run, changing nothing and asking nothing: NotNeeded, NotAllowed (a domain controller, no
        /// rights) or ManagedByPolicy with the reason, else WhatIf, ready for <see cref="Resync"/>.
        /// </summary>
        public static MachineActionResult Plan(IMachine machine, TeamsCaa20002Finding? clockFinding)
        {
            if (machine is null)
            {
                throw new ArgumentNullException(nameof(machine));
            }

            var result = new MachineActionResult
            {
                Action = MachineAction.ClockResync,
                ComputerName = machine.ComputerName,
                Command = Command,
                Cost = "no one is signed out; the clock of " + machine.ComputerName + " jumps to the time of its time source",
            };
            if (clockFinding == null || clockFinding.CheckId != CheckIds.NetworkClockSkew || clockFinding.Status != FindingStatus.Fail)
            {
                result.Status = MachineActionStatus.NotNeeded;
                result.Reason = clockFinding == null || clockFinding.CheckId != CheckIds.NetworkClockSkew
                    ? "no clock check was given."
                    : "the clock check is " + clockFinding.Status + ": " + clockFinding.Summary;
                return result;
            }

            result.Evidence = clockFinding.Evidence.ToArray();
            if (TimeServicePolicy.IsDomainController(machine.Registry))
            {
                return NotDone(result, MachineActionStatus.NotAllowed, machine.ComputerName + " is a domain controller: its clock serves the "
                    + "domain, so the domain admin resyncs it, not this module.");
            }

            var policy = TimeServicePolicy.SourceSettings(machine.Registry);
            if (policy.Count > 0)
            {
                result.Evidence = result.Evidence.Concat(policy).ToArray();
                return NotDone(result, MachineActionStatus.ManagedByPolicy, "a Group Policy sets the time source ("
                    + string.Join("; ", policy) + "): ask the owner of the Windows Time Service policy to check that source.");
            }

            if (!JournalStorage.IsPrivileged(machine.Users.GetCurrentIdentity()))
            {
                return NotDone(result, MachineActionStatus.NotAllowed, "w32tm /resync needs an administrator or SYSTEM; this run has neither.");
            }

            return NotDone(result, MachineActionStatus.WhatIf, clockFinding.Summary);
        }

        /// <summary>Carries out a plan that may resync: asks, records, resyncs. Any other plan comes back as it is.</summary>
        public MachineActionResult Resync(MachineActionResult plan)
        {
            if (plan is null || plan.Action != MachineAction.ClockResync)
            {
                throw new ArgumentException("A plan of ClockResync.Plan is required.", nameof(plan));
            }

            if (plan.Status != MachineActionStatus.WhatIf)
            {
                return plan;
            }

            if (!MachineActionRecord.Approve(host, log, plan, machine.ComputerName + " (Windows Time service)", "Resync the clock now ("
                + Command + "): " + plan.Cost, "the clock is resynced"))
            {
                return plan;
            }

            var run = ResyncNow();
            if (run.Outcome == CommandOutcome.Completed && run.ExitCode == TimeServiceNotStarted)
            {
                // Outside a domain Windows starts the time service only on a trigger, so a stopped service is normal there and
                // not a failure of the clock: start it (net start waits until it runs) and ask once more.
                var start = machine.Commands.Run(Windows.SystemTools.Resolve(machine, "net.exe"), "start w32time", timeout);
                plan.Evidence = plan.Evidence.Concat(new[] { "The Windows Time service was stopped: 'net start w32time' "
                    + (start.Succeeded ? "started it." : start.Describe("net") + ".") }).ToArray();
                if (start.Succeeded)
                {
                    run = ResyncNow();
                }
            }

            plan.ExitCode = run.Outcome == CommandOutcome.Completed ? run.ExitCode : (int?)null;
            if (run.Succeeded)
            {
                plan.Status = MachineActionStatus.Done;
                host.Verbose("The Windows Time service of " + machine.ComputerName + " resynced the clock.");
            }
            else
            {
                plan.Status = MachineActionStatus.Failed;
                var outcome = run.Outcome == CommandOutcome.Completed
                    ? "w32tm exited with code 0x" + run.ExitCode.ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + "."
                    : run.Describe("w32tm");
                plan.Evidence = plan.Evidence.Concat(new[] { outcome }).ToArray();
                host.Error(ModuleErrors.ClockResyncFailed(machine.ComputerName, outcome));
            }

            MachineActionRecord.Outcome(log, plan);
            return plan;
        }

        private CommandResult ResyncNow() => machine.Commands.Run(Windows.SystemTools.Resolve(machine, "w32tm.exe"), "/resync", timeout);

        private static MachineActionResult NotDone(MachineActionResult result, MachineActionStatus status, string reason)
        {
            result.Status = status;
            result.Reason = reason;
            return result;
        }
    }
}
