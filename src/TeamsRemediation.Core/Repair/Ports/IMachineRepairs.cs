namespace TeamsRemediation.Repair.Ports
{
    /// <summary>Rung 3's machine services besides TLS: the clock through the Windows Time service, and the DNS resolver cache.</summary>
    public interface IMachineRepairs
    {
        /// <summary>Resyncs the clock; NeedsAdmin (no change) when the time source is managed by policy or the PC is a domain controller.</summary>
        RungOutcome ResyncClock();

        RungOutcome FlushDns();
    }
}
