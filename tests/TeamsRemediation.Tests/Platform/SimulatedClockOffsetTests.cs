using System;
using System.IO;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// The offset tests/stress/year-ahead sets: every simulated PC starts that far from the real time, and the files its users get
    /// are dated from its clock, so the year-ahead run really runs a year ahead.
    /// </summary>
    public sealed class SimulatedClockOffsetTests
    {
        [Fact]
        public void ASimulatedPcStartsAtTheRealTimeMovedByTheOffsetInForce()
        {
            var before = DateTimeOffset.UtcNow + SimulatedClockOffset.FromEnvironment();
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var after = DateTimeOffset.UtcNow + SimulatedClockOffset.FromEnvironment();

            var now = machine.Clock.UtcNow;

            Assert.InRange(now, before, after + TimeSpan.FromMinutes(1));
        }

        [Fact]
        public void TheSeededTeamsLogIsNamedAndDatedFromTheSimulatedClock()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            machine.SimulatedClock.Set(new DateTimeOffset(2031, 2, 3, 12, 0, 0, TimeSpan.Zero));

            var alice = pc.AddUser("alice").InstallNewTeams();

            // Two hours before the clock set above (which runs on: the seconds may have moved while the profile was laid out).
            Assert.Matches(@"^MSTeams_2031-02-03_10-00-0\d\.00\.log$", alice.NewTeamsLogName);
            var log = Path.Combine(TeamsLayout.NewLogFolder(alice.Folders), alice.NewTeamsLogName!);
            Assert.Matches(@"^2031-02-03T10:00:0\d\.\d{3}Z Inf Starting MSTeams\n$", File.ReadAllText(log));
            Assert.Equal(machine.Clock.UtcNow.UtcDateTime, File.GetLastWriteTimeUtc(log), TimeSpan.FromMinutes(1));
        }

        [Theory]
        [InlineData(null, 0)]
        [InlineData("", 0)]
        [InlineData("365", 365)]
        [InlineData(" -30 ", -30)]
        public void TheOffsetIsWholeDays(string? text, int days)
        {
            Assert.Equal(TimeSpan.FromDays(days), SimulatedClockOffset.Parse(text));
        }

        [Theory]
        [InlineData("1y")]
        [InlineData("365.5")]
        [InlineData("99999999")]
        public void AnythingElseIsRefusedWithItsIdAndTheVariableNamed(string text)
        {
            var error = Assert.Throws<FormatException>(() => SimulatedClockOffset.Parse(text));

            Assert.StartsWith("SimulatedClockOffsetInvalid: " + SimulatedClockOffset.Variable + " must be a whole number of days", error.Message);
            Assert.Contains("'" + text + "'", error.Message);
        }
    }
}
