using TeamsRemediation.Hosting;

namespace TeamsRemediation.Repair.Ports
{
    /// <summary>
    /// Rung 3's machine services besides TLS: the clock through the Windows Time service, and the DNS resolver cache. Each is
    /// called twice: with a host that answers WhatIf, for the plan, its cost and whether it may act at all, then with the host
    /// of the approved step.
    /// </summary>
    public interface IMachineRepairs
    {
        /// <summary>Resyncs the clock; NeedsAdmin (no change) when the time source is managed by policy or the PC is a domain controller.</summary>
        RungOutcome ResyncClock(TeamsCaa20002Finding clockFinding, IRemediationHost host);

        /// <summary>Flushes the resolver cache when a sign-in name does not resolve, then looks the names up again.</summary>
        RungOutcome FlushDns(IRemediationHost host);
    }
}
