using System;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>The service on its own, where a test needs short timeouts.</summary>
    public sealed class WorkAccountResetterTests
    {
        [Fact]
        public void AWamScriptThatHangsIsStoppedAndBecomesAFailedStep()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice", loggedOn: true);
            pc.RunAs(alice, elevated: false);
            AccountPc.RecordHealthyUser(machine);
            AccountPc.RecordWam(machine, "wam-list-success.json", takes: TimeSpan.FromSeconds(2));
            var user = new TargetResolver(machine.Users).Resolve(new TargetRequest()).Users.Single();
            var options = new WorkAccountResetOptions { ScriptTimeout = TimeSpan.FromMilliseconds(50) };
            var resetter = new WorkAccountResetter(machine, new ScriptedHost(machine), options);

            var steps = resetter.Reset(user).ToList();

            var wam = steps.Single(s => s.Step == AccountResetStepName.WamAccounts);
            Assert.Equal(AccountResetStatus.Failed, wam.Status);
            Assert.Contains("did not finish", wam.Detail);
            Assert.Equal(AccountResetStatus.Done, steps.Single(s => s.Step == AccountResetStepName.Credentials).Status);
        }

        [Fact]
        public void ADsregcmdThatIsMissingIsAFailedReadAndTheOtherStepsGoOn()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice", loggedOn: true);
            pc.RunAs(alice, elevated: false);
            AccountPc.RecordCmdkey(machine);
            AccountPc.RecordWam(machine, "wam-list-none.json");
            AccountPc.RecordBroker(machine, "broker-present.json");
            var user = new TargetResolver(machine.Users).Resolve(new TargetRequest()).Users.Single();
            var resetter = new WorkAccountResetter(machine, new ScriptedHost(machine), new WorkAccountResetOptions());

            var steps = resetter.Reset(user).ToList();

            Assert.Equal(AccountResetStatus.Failed, steps.Single(s => s.Step == AccountResetStepName.DeviceRegistration).Status);
            Assert.Equal(AccountResetStatus.NotNeeded, steps.Single(s => s.Step == AccountResetStepName.WamAccounts).Status);
        }

        [Fact]
        public void AsTheUserThePrtFailureFromDsregcmdIsReported()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice", loggedOn: true);
            pc.RunAs(alice, elevated: false);
            AccountPc.RecordHealthyUser(machine);
            var user = new TargetResolver(machine.Users).Resolve(new TargetRequest()).Users.Single();
            var resetter = new WorkAccountResetter(machine, new ScriptedHost(machine, Consent.WhatIf), new WorkAccountResetOptions());

            var device = resetter.Reset(user).First();

            Assert.Equal(AccountResetStepName.DeviceRegistration, device.Step);
            Assert.Contains("AzureAdPrt NO", device.Detail);
            Assert.Contains("AADSTS50126", device.Detail);
        }
    }
}
