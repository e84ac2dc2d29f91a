using TeamsRemediation.Repair.Ports;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The services the ladder's rungs call, each injected so the ladder is tested with any of them and wired to the real
    /// ones in the cmdlet. A service left null makes its steps report Unavailable and change nothing.
    /// </summary>
    public sealed class RepairServices
    {
        public IEvidenceCopier? Evidence { get; set; }

        public IAdminPack? AdminPack { get; set; }

        public IMachineRepairs? Machine { get; set; }

        public IUserRepairs? User { get; set; }
    }
}
