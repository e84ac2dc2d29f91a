using System;
using TeamsRemediation.Hosting;

namespace TeamsRemediation.Repair.Ports
{
    /// <summary>
    /// What a rung 3 machine service found before acting (its cost, whether it may act at all), holding what it measured so that
    /// carrying it out does not measure again: the DNS plan's probes are the probes before the flush.
    /// </summary>
    public sealed class MachineRepairPlan
    {
        private readonly Func<IRemediationHost, RungOutcome>? carryOut;

        /// <param name="planned">WhatIf with the cost when the service may act; otherwise the step's outcome (NeedsAdmin, Skipped).</param>
        /// <param name="carryOut">The action, with the approved step's host; null when the service may not act.</param>
        public MachineRepairPlan(RungOutcome planned, Func<IRemediationHost, RungOutcome>? carryOut)
        {
            Planned = planned ?? throw new ArgumentNullException(nameof(planned));
            this.carryOut = carryOut;
        }

        public RungOutcome Planned { get; }

        public bool MayAct => carryOut != null;

        /// <summary>Carries the plan out once the step was approved; a plan that may not act has nothing to carry out.</summary>
        public RungOutcome CarryOut(IRemediationHost host) => carryOut != null ? carryOut(host)
            : throw new InvalidOperationException("This plan may not act: " + Planned.Detail);
    }
}
