using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Hosting;
using TeamsRemediation.Repair;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>One climb of the ladder on a simulated PC with <see cref="FakeRepairs"/> for the rung services, and the diagnosis after it.</summary>
    internal sealed class LadderScenario
    {
        private static readonly DiagnosisOptions Diagnosis = new DiagnosisOptions { Timeout = TimeSpan.FromSeconds(5) };

        public LadderScenario(SimulatedSession s, RepairOptions? options = null, Consent answer = Consent.Yes,
            Action<FakeRepairs>? arrange = null, Func<FindingFactory, TargetUser, IEnumerable<TeamsCaa20002Finding>>? alsoFound = null,
            Func<FakeRepairs, RepairServices>? wire = null)
        {
            var machine = s.Machine;
            Fakes = new FakeRepairs(machine);
            arrange?.Invoke(Fakes);
            Host = new ScriptedHost(machine, answer);
            Users = new TargetResolver(machine.Users).Resolve(new TargetRequest()).Users;
            Before = new Caa20002Diagnosis(machine, Diagnosis).Run(Users);
            if (alsoFound != null)
            {
                // Findings piped in as Repair-TeamsCaa20002 -Finding takes them, each in place of the diagnosis's row of its check and user.
                var also = alsoFound(new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime), Users[0]).ToList();
                Before = Before.Where(f => !also.Any(a => a.CheckId == f.CheckId && a.UserSid == f.UserSid)).Concat(also).ToList();
            }

            var services = wire?.Invoke(Fakes) ?? new RepairServices(Fakes, Fakes, Fakes, Fakes);
            var started = machine.Clock.UtcNow;
            var ladder = new RepairLadder(machine, Host, options ?? new RepairOptions(), services, new DiagnosisRecheck(machine, Diagnosis).Run);
            Steps = ladder.Climb(Users, Before).ToList();
            Summary = ladder.Summary!;
            AdminPack = ladder.AdminPack;

            // Diagnosed again as an admin would after the repair: evidence logged since the repair began.
            var window = machine.Clock.UtcNow - started;
            After = new Caa20002Diagnosis(machine, new DiagnosisOptions { Timeout = Diagnosis.Timeout, Since = window }).Run(Users);
        }

        public FakeRepairs Fakes { get; }

        public ScriptedHost Host { get; }

        public IReadOnlyList<TargetUser> Users { get; }

        public IReadOnlyList<TeamsCaa20002Finding> Before { get; }

        public List<TeamsRepairStep> Steps { get; }

        public TeamsRepairSummary Summary { get; }

        /// <summary>The pack the admin-pack service handed back, when rung 2 wrote one.</summary>
        public AdminPack? AdminPack { get; }

        public IReadOnlyList<TeamsCaa20002Finding> After { get; }

        public TeamsRepairStep Step(RepairStepName name) => Steps.Single(s => s.Step == name);

        public TeamsCaa20002Finding BeforeOf(string checkId) => Before.Single(f => f.CheckId == checkId);

        public TeamsCaa20002Finding AfterOf(string checkId) => After.Single(f => f.CheckId == checkId);
    }
}
