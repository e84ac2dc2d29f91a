using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>
    /// What one simulated PC broken one way reports through Intune's cycle, run for real in the engine: the detection's
    /// findings and line, the repair's summary, and the detection's findings and line after the repair.
    /// </summary>
    internal sealed class PcRun
    {
        public string Kind { get; set; } = string.Empty;

        public string ComputerName { get; set; } = string.Empty;

        public List<TeamsCaa20002Finding> Before { get; set; } = new List<TeamsCaa20002Finding>();

        public string BeforeLine { get; set; } = string.Empty;

        public TeamsRepairSummary Repair { get; set; } = new TeamsRepairSummary();

        public string RepairLine { get; set; } = string.Empty;

        public List<TeamsCaa20002Finding> After { get; set; } = new List<TeamsCaa20002Finding>();

        public string AfterLine { get; set; } = string.Empty;

        /// <summary>The detection found a cause, so Intune ran the remediation and the detection after it.</summary>
        public bool Remediated => Before.Any(f => f.Status == FindingStatus.Fail);
    }

    /// <summary>The simulated PCs of the fleet tests: Alice logged on with new Teams, Intune's scripts as SYSTEM, one break each.</summary>
    internal static class FleetPcs
    {
        public static readonly IReadOnlyDictionary<string, Action<SimulatedSession, SimulatedUserRef>> Breaks =
            new Dictionary<string, Action<SimulatedSession, SimulatedUserRef>>
            {
                ["healthy"] = (s, u) => { },
                ["tls-off"] = (s, u) => BrokenPc.TlsOff(s),
                ["stale-cache-caa20002"] = (s, u) => BrokenPc.AadError(s, u.User, "CAA20002"),
                ["wam-disabled"] = (s, u) => BrokenPc.WamDisabledByPolicy(u.User),
                ["clock-skew"] = (s, u) => BrokenPc.ClockSkew(s),
                ["dns-failure"] = (s, u) => BrokenPc.DnsFailure(s),
                ["conditional-access"] = (s, u) => BrokenPc.AadError(s, u.User, "CAA20004", "Code: AADSTS53003"),
                ["tls-off-and-dns-failure"] = (s, u) =>
                {
                    BrokenPc.TlsOff(s);
                    BrokenPc.DnsFailure(s);
                },
            };

        /// <summary>Detect, remediate, detect on a fresh PC broken one way.</summary>
        public static PcRun Run(string kind)
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            Breaks[kind](s, new SimulatedUserRef(alice));
            var run = new PcRun { Kind = kind, ComputerName = s.Machine.ComputerName };
            run.Before = s.Run("Test-TeamsCaa20002 -TimeoutSeconds 10").Objects<TeamsCaa20002Finding>().ToList();
            run.BeforeLine = s.Run("Test-TeamsCaa20002 -As Line -TimeoutSeconds 10").Objects<string>().Single();
            if (run.Remediated)
            {
                run.Repair = s.Run("Repair-TeamsCaa20002 -Force").Objects<TeamsRepairSummary>().Last();
                run.RepairLine = TeamsRemediation.Repair.RepairVerdict.Line(run.Repair);
                run.After = s.Run("Test-TeamsCaa20002 -TimeoutSeconds 10").Objects<TeamsCaa20002Finding>().ToList();
                run.AfterLine = s.Run("Test-TeamsCaa20002 -As Line -TimeoutSeconds 10").Objects<string>().Single();
            }

            return run;
        }
    }

    /// <summary>A simulated user handed to a break (the type lives in the simulation assembly).</summary>
    internal sealed class SimulatedUserRef
    {
        public SimulatedUserRef(TeamsRemediation.Simulation.SimulatedUser user)
        {
            User = user;
        }

        public TeamsRemediation.Simulation.SimulatedUser User { get; }
    }
}
