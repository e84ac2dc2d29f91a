using System;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>The Windows event source's TPM query, run against a wevtutil answer recorded on a simulated PC.</summary>
    public sealed class TpmEventSourceTests
    {
        [Fact]
        public void ItAsksTheSystemLogForTpmWmi1026InTheWindowOnlyAndReadsTheLockout()
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.CommandRunner.Record("wevtutil", CommandResult.Completed(0, Fixture.Text("wevtutil-system-tpm-1026.xml")));

            var result = new WevtutilEventSource(machine).ReadTpmLockouts(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5));

            Assert.True(result.Succeeded);
            var lockout = Assert.Single(result.Events);
            Assert.Equal(new DateTimeOffset(2026, 11, 24, 7, 41, 19, TimeSpan.Zero).AddTicks(5011230), lockout.TimeCreated);
            Assert.Contains("defending against dictionary attacks", lockout.Message);
            Assert.EndsWith("qe System /q:\"*[System[Provider[@Name='Microsoft-Windows-TPM-WMI'] and (EventID=1026) and "
                + "TimeCreated[timediff(@SystemTime) <= 604800000]]]\" /f:RenderedXml /rd:true /c:500 /e:Events",
                Assert.Single(machine.CommandRunner.Calls));
        }

        [Fact]
        public void AnUnreadableSystemLogIsAReasonNotAnException()
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.CommandRunner.Record("wevtutil", CommandResult.Completed(5, string.Empty, "Failed to query events. Access is denied."));

            var result = new WevtutilEventSource(machine).ReadTpmLockouts(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5));

            Assert.False(result.Succeeded);
            Assert.Contains("Access is denied", result.Error);
        }
    }
}
