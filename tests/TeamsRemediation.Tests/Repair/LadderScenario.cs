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

        public LadderScenario(SimulatedSession s, RepairOptions? options = null, Consent answer = Consent.Yes, bool withServices = true,
            Action<FakeRepairs>? arrange = null)
        {
            var machine = s.Machine;
            Fakes = new FakeRepairs(machine);
            arrange?.Invoke(Fakes);
            Host = new ScriptedHost(machine, answer);
            Users = new TargetResolver(machine.Users).Resolve(new TargetRequest()).Users;
            Before = new Caa20002Diagnosis(machine, Diagnosis).Run(Users);
            var services = withServices
                ? new RepairServices { Evidence = Fakes, AdminPack = Fakes, Machine = Fakes, User = Fakes }
                : new RepairServices();
            var started = machine.Clock.UtcNow;
            var ladder = new RepairLadder(machine, Host, options ?? new RepairOptions(), services, new DiagnosisRecheck(machine, Diagnosis).Run);
            Steps = ladder.Climb(Users, Before).ToList();
            Summary = ladder.Summary!;

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

        public IReadOnlyList<TeamsCaa20002Finding> After { get; }

        public TeamsRepairStep Step(RepairStepName name) => Steps.Single(s => s.Step == name);

        public TeamsCaa20002Finding BeforeOf(string checkId) => Before.Single(f => f.CheckId == checkId);

        public TeamsCaa20002Finding AfterOf(string checkId) => After.Single(f => f.CheckId == checkId);
    }
}
