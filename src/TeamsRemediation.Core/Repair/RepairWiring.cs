using TeamsRemediation.Hosting;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The one place Repair-TeamsCaa20002's rung services are chosen for a real run. A rung whose service is not wired here
    /// reports its steps as Unavailable and changes nothing (TLS, the cache and the reinstall need no service of their own).
    /// </summary>
    public static class RepairWiring
    {
        public static RepairServices Services(IMachine machine, IRemediationHost host) => new RepairServices();
    }
}
