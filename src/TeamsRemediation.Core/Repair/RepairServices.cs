using System;
using TeamsRemediation.Repair.Ports;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The services the ladder's rungs call, each injected so the ladder is tested with twins of them and wired to the real
    /// ones in the cmdlet (<see cref="RepairWiring"/>). Every one is required: a rung never runs without its service.
    /// </summary>
    public sealed class RepairServices
    {
        public RepairServices(IEvidenceCopier evidence, IAdminPack adminPack, IMachineRepairs machine, IUserRepairs user)
        {
            Evidence = evidence ?? throw new ArgumentNullException(nameof(evidence));
            AdminPack = adminPack ?? throw new ArgumentNullException(nameof(adminPack));
            Machine = machine ?? throw new ArgumentNullException(nameof(machine));
            User = user ?? throw new ArgumentNullException(nameof(user));
        }

        public IEvidenceCopier Evidence { get; }

        public IAdminPack AdminPack { get; }

        public IMachineRepairs Machine { get; }

        public IUserRepairs User { get; }
    }
}
