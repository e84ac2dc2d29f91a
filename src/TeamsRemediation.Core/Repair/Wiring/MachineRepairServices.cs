using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Hosting;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Wiring
{
    /// <summary>Rung 3's clock and DNS steps on <see cref="ClockResync"/> and <see cref="DnsCacheFlush"/>, probing what the diagnosis does.</summary>
    public sealed class MachineRepairServices : IMachineRepairs
    {
        private readonly IMachine machine;
        private readonly DiagnosisOptions diagnosis;
        private readonly IReadOnlyList<TargetUser> users;
        private readonly MachineLog log;

        public MachineRepairServices(IMachine machine, DiagnosisOptions diagnosis, IReadOnlyList<TargetUser> users)
        {
            this.machine = machine;
            this.diagnosis = diagnosis;
            this.users = users;
            log = new MachineLog(machine);
        }

        public MachineRepairPlan PlanClockResync(TeamsCaa20002Finding clockFinding)
        {
            var plan = ClockResync.Plan(machine, clockFinding);
            return Planned(plan, host => new ClockResync(machine, host, log).Resync(plan));
        }

        public MachineRepairPlan PlanDnsFlush()
        {
            var route = new NetworkSettingsChecks(machine, new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime))
                .ReadProxies(users).Route;
            var plan = DnsCacheFlush.Plan(machine, diagnosis.Endpoints, route, diagnosis.Timeout);
            return Planned(plan, host => new DnsCacheFlush(machine, host, log).Flush(plan));
        }

        /// <summary>A plan ready to act (WhatIf) carries its action; any other is the step's outcome as it stands.</summary>
        private static MachineRepairPlan Planned(MachineActionResult plan, Func<IRemediationHost, MachineActionResult> carryOut) =>
            new MachineRepairPlan(Outcome(plan), plan.Status == MachineActionStatus.WhatIf ? host => Outcome(carryOut(host)) : null);

        /// <summary>A machine action in the ladder's terms: a policy or a domain controller is the admin's, a refusal is the step's.</summary>
        internal static RungOutcome Outcome(MachineActionResult result)
        {
            var detail = result.Command + ": " + result.Status + ", " + result.Reason
                + (result.Evidence.Length > 0 ? " " + string.Join("; ", result.Evidence) : string.Empty);
            RepairStepStatus status;
            switch (result.Status)
            {
                case MachineActionStatus.WhatIf:
                    status = RepairStepStatus.WhatIf;
                    break;
                case MachineActionStatus.Done:
                    // Still unresolved after a flush is the network's answer, which the check run again reports.
                    status = RepairStepStatus.Done;
                    break;
                case MachineActionStatus.ManagedByPolicy:
                case MachineActionStatus.NotAllowed:
                    status = RepairStepStatus.NeedsAdmin;
                    break;
                case MachineActionStatus.Failed:
                    status = RepairStepStatus.Failed;
                    break;
                default:
                    status = RepairStepStatus.Skipped;
                    break;
            }

            return new RungOutcome(status, detail, cost: result.Cost);
        }
    }
}
