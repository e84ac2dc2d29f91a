using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Wiring
{
    /// <summary>Rung 2 on <see cref="PcFixability"/> and <see cref="AdminPackBuilder"/>: the pack is a text file in the report folder.</summary>
    public sealed class AdminPackService : IAdminPack
    {
        private readonly IMachine machine;
        private readonly TimeSpan since;
        private readonly TimeSpan timeout;

        public AdminPackService(IMachine machine, TimeSpan since, TimeSpan timeout)
        {
            this.machine = machine;
            this.since = since;
            this.timeout = timeout;
        }

        public RungOutcome Write(IReadOnlyList<TeamsCaa20002Finding> findings, IReadOnlyList<TargetUser> users, string? reportFolder,
            IReadOnlyCollection<CodeCause> repaired)
        {
            string folder;
            try
            {
                folder = reportFolder ?? RepairReportFolder.Create(machine);
            }
            catch (RepairReportException e)
            {
                return RungOutcome.Failed(e.Error);
            }

            var builder = new AdminPackBuilder(machine);
            var sources = builder.Gather(users, findings, since, timeout);
            sources.Repaired = repaired;
            var pack = builder.Build(sources);
            string file;
            try
            {
                file = AdminPackFile.Write(pack, folder);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                return new RungOutcome(RepairStepStatus.Failed, "The admin pack could not be written into " + folder + ": " + e.Message);
            }

            var outside = PcFixability.OutsideThePc(findings);
            return new RungOutcome(RepairStepStatus.Done, "For the user or the tenant admin: "
                + string.Join("; ", outside.Select(f => RepairProblems.Name(f) + " (" + f.Owner + ")")) + ". Send " + file
                + " to the tenant admin: it holds what Entra ID's sign-in logs are searched by.", reportPath: folder, adminPack: pack);
        }
    }
}
