using System;
using System.Collections.Generic;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair.Wiring;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair
{
    /// <summary>The one place Repair-TeamsCaa20002's rung services are chosen for a real run (TLS, cache and reinstall need none).</summary>
    public static class RepairWiring
    {
        /// <param name="machine">The PC.</param>
        /// <param name="diagnosis">What the diagnosis probes and how long it waits: the DNS step probes the same.</param>
        /// <param name="users">The target users (their proxy settings route the DNS step's probes).</param>
        /// <param name="evidenceWindow">How far back evidence and the admin pack's events reach.</param>
        /// <param name="moduleManifestPath">The manifest a user's session imports for the per-user steps.</param>
        public static RepairServices Services(IMachine machine, DiagnosisOptions diagnosis, IReadOnlyList<TargetUser> users, TimeSpan evidenceWindow,
            string moduleManifestPath) => new RepairServices(
            new EvidenceCopier(machine, diagnosis.Timeout),
            new AdminPackService(machine, evidenceWindow, diagnosis.Timeout),
            new MachineRepairServices(machine, diagnosis, users),
            new UserSessionRepairs(machine, moduleManifestPath));
    }
}
