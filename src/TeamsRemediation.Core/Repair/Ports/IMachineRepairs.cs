namespace TeamsRemediation.Repair.Ports
{
    /// <summary>
    /// Rung 3's machine services besides TLS: the clock through the Windows Time service, and the DNS resolver cache. Each is
    /// planned once, without changing anything or asking, and the plan, once the step is approved, is carried out with what it
    /// already measured.
    /// </summary>
    public interface IMachineRepairs
    {
        /// <summary>Plans the resync; it may not act (NeedsAdmin) when policy manages the time source or the PC is a domain controller.</summary>
        MachineRepairPlan PlanClockResync(TeamsCaa20002Finding clockFinding);

        /// <summary>Probes the sign-in endpoints once: the plan flushes the resolver cache only when a sign-in name did not resolve.</summary>
        MachineRepairPlan PlanDnsFlush();
    }
}
