using System;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// What every <see cref="IProcessTable"/> must do with a real running process: list it, wait for it, kill it, and
    /// take a process that is already gone calmly. Run against the simulated table (which stands a real process in for
    /// a Teams one) everywhere and against the Windows table on Windows.
    /// </summary>
    public abstract class ProcessTableContractTests
    {
        protected abstract IProcessTable Table { get; }

        /// <summary>Makes the table know the process, as Windows knows every process by itself.</summary>
        protected abstract void Track(RealProcess process, string name);

        [ContractFact]
        public void ARunningProcessIsListedByIdAndName()
        {
            using var teams = RealProcess.Start("ms-teams");
            Track(teams, "ms-teams");

            var listed = Table.List().Single(p => p.Id == teams.Process.Id);

            Assert.Equal("ms-teams", listed.Name);
        }

        [ContractFact]
        public void WaitingForARunningProcessTimesOutAndKillEndsIt()
        {
            using var teams = RealProcess.Start("ms-teams");
            Track(teams, "ms-teams");

            Assert.False(Table.WaitForExit(teams.Process.Id, TimeSpan.FromMilliseconds(100)), "a sleeping process does not exit by itself");
            Table.Kill(teams.Process.Id);

            Assert.True(Table.WaitForExit(teams.Process.Id, TimeSpan.FromSeconds(10)));
            Assert.False(teams.IsAlive);
            Assert.DoesNotContain(Table.List(), p => p.Id == teams.Process.Id);
        }

        [ContractFact]
        public void KillingAndWaitingForAGoneProcessAreNoError()
        {
            using var teams = RealProcess.Start("ms-teams");
            Track(teams, "ms-teams");
            Table.Kill(teams.Process.Id);
            Assert.True(Table.WaitForExit(teams.Process.Id, TimeSpan.FromSeconds(10)));

            Table.Kill(teams.Process.Id);

            Assert.True(Table.WaitForExit(teams.Process.Id, TimeSpan.Zero));
        }
    }

    public sealed class SimulatedProcessTableContractTests : ProcessTableContractTests
    {
        private readonly SimulatedProcessTable table = new SimulatedProcessTable();

        protected override IProcessTable Table => table;

        protected override void Track(RealProcess process, string name) => table.AddReal(process.Process, name, 1, "S-1-5-21-1000-2000-3000-1001");
    }

    [WindowsOnlyContract]
    public sealed class WindowsProcessTableContractTests : ProcessTableContractTests
    {
        protected override IProcessTable Table => WindowsMachine.Local.Processes;

        protected override void Track(RealProcess process, string name)
        {
        }
    }
}
