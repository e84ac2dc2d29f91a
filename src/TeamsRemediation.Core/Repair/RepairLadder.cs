using System.Collections.Generic;
using TeamsRemediation.Hosting;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair.Rungs;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Repair-TeamsCaa20002's service: climbs the rungs least disruptive first, each only where a finding calls for it, runs
    /// the checks of a rung again after it, and stops climbing once no problem is left. Evidence is copied before anything
    /// that could destroy it; when nothing is the PC's to fix, nothing changes and the admin pack is written, and when the climb
    /// leaves problems that are the user's or the tenant admin's, the pack is written then, for those. Each rung is one class of
    /// <see cref="Rungs"/>; adding a rung is a class and a line here.
    /// </summary>
    public sealed class RepairLadder
    {
        private static readonly IRepairRung[] Ladder =
        {
            new EvidenceRung(),
            new AdminPackRung(),
            new ClockRung(),
            new DnsRung(),
            new TlsRung(),
            new WebView2Rung(),
            new AccountRung(),
            new CacheRung(),
            new BrokerRepairRung(),
            new AppResetRung(),
            new ReinstallRung(),
        };

        private static readonly IRepairRung AfterTheClimb = new AdminPackAfterRepairs();

        private readonly IMachine machine;
        private readonly IRemediationHost host;
        private readonly RepairOptions options;
        private readonly RepairServices services;
        private readonly Recheck recheck;

        /// <param name="machine">The PC repaired.</param>
        /// <param name="host">Asked once per step, with what the step costs the user; journals every change.</param>
        /// <param name="options">How high the ladder may go.</param>
        /// <param name="services">The rungs' services.</param>
        /// <param name="recheck">Runs a rung's checks again after it.</param>
        public RepairLadder(IMachine machine, IRemediationHost host, RepairOptions options, RepairServices services, Recheck recheck)
        {
            this.machine = machine;
            this.host = host;
            this.options = options;
            this.services = services;
            this.recheck = recheck;
        }

        /// <summary>The summary of the last <see cref="Climb"/>, once it has been enumerated to its end.</summary>
        public TeamsRepairSummary? Summary { get; private set; }

        /// <summary>The admin pack of the last <see cref="Climb"/>, when rung 2 or the step after the climb wrote one.</summary>
        public AdminPack? AdminPack { get; private set; }

        /// <summary>Climbs for these users from the findings of a diagnosis; each step is yielded as soon as it is done.</summary>
        public IEnumerable<TeamsRepairStep> Climb(IReadOnlyList<TargetUser> users, IReadOnlyList<TeamsCaa20002Finding> findings)
        {
            var run = new RepairRun(machine, host, options, services, recheck, users, findings);
            var activity = RepairDecisions.Activity(machine.ComputerName);
            for (var r = 0; r < Ladder.Length; r++)
            {
                var rung = Ladder[r];
                if (run.Problems.Count == 0)
                {
                    host.Verbose("No problem is left: the ladder stops here.");
                    break;
                }

                host.Progress(activity, RepairDecisions.Climbing(rung, r + 1, Ladder.Length, run.Problems.Count), completed: false);
                var stepsOfRung = 0;
                foreach (var step in rung.Run(run))
                {
                    stepsOfRung++;
                    host.Verbose(RepairDecisions.Step(step));
                    run.Steps.Add(step);
                    yield return step;
                }

                if (stepsOfRung == 0)
                {
                    host.Verbose(RepairDecisions.NotRun(rung));
                }

                if (run.Stopped)
                {
                    break;
                }
            }

            foreach (var step in AfterTheClimb.Run(run))
            {
                run.Steps.Add(step);
                yield return step;
            }

            host.Progress(activity, "Done", completed: true);
            Summary = RepairVerdict.Summarize(run, run.Steps);
            AdminPack = run.AdminPack;
        }
    }
}
