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

            var listed = Table.List().Single(p => p.Id == teams.Process.Id);

            Assert.False(Table.WaitForExit(listed, TimeSpan.FromMilliseconds(100)), "a sleeping process does not exit by itself");
            Assert.Equal(ProcessKillOutcome.Ended, Table.Kill(listed));

            Assert.True(Table.WaitForExit(listed, TimeSpan.FromSeconds(10)));
            Assert.False(teams.IsAlive);
            Assert.DoesNotContain(Table.List(), p => p.Id == teams.Process.Id);
        }

        [ContractFact]
        public void KillingAndWaitingForAGoneProcessAreNoError()
        {
            using var teams = RealProcess.Start("ms-teams");
            Track(teams, "ms-teams");
            var listed = Table.List().Single(p => p.Id == teams.Process.Id);
            Table.Kill(listed);
            Assert.True(Table.WaitForExit(listed, TimeSpan.FromSeconds(10)));

            Assert.Equal(ProcessKillOutcome.AlreadyGone, Table.Kill(listed));

            Assert.True(Table.WaitForExit(listed, TimeSpan.Zero));
        }

        /// <summary>
        /// W18: the listing saw a process that started earlier under this id; the id now names a later process (Windows reuses ids).
        /// The kill checks the start time on the opened process and leaves the later one alone, and a wait for the listed one is over.
        /// </summary>
        [ContractFact]
        public void AnIdThatNowNamesALaterProcessIsNotKilled()
        {
            using var teams = RealProcess.Start("ms-teams");
            Track(teams, "ms-teams");
            var now = Table.List().Single(p => p.Id == teams.Process.Id);
            Assert.NotNull(now.StartTimeUtc);
            var listedEarlier = new ProcessInfo(now.Id, now.Name, now.ParentId, now.SessionId, now.OwnerSid, now.ExecutablePath,
                now.StartTimeUtc!.Value.AddSeconds(-30));

            Assert.Equal(ProcessKillOutcome.IdReused, Table.Kill(listedEarlier));

            Assert.True(Table.WaitForExit(listedEarlier, TimeSpan.Zero));
            Assert.False(Table.WaitForExit(now, TimeSpan.FromMilliseconds(200)), "the later process was left running");
            Assert.True(teams.IsAlive);
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
