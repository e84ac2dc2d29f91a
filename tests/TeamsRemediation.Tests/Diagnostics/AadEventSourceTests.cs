using System;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>The Windows event source itself, run here against wevtutil answers recorded on a simulated PC.</summary>
    public sealed class AadEventSourceTests
    {
        [Fact]
        public void ItRunsTheFilteredQueryAndReadsTimeUserAndMessage()
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.CommandRunner.Record("wevtutil", CommandResult.Completed(0, Fixture.Text("wevtutil-aad-1098.xml")));

            var result = new WevtutilEventSource(machine).ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5));

            Assert.True(result.Succeeded);
            Assert.Equal(2, result.Events.Count);
            var first = result.Events[0];
            Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 12, 3, TimeSpan.Zero).AddTicks(1234567), first.TimeCreated);
            Assert.Equal("S-1-5-21-1004336348-1177238915-682003330-1001", first.UserSid);
            Assert.StartsWith("Error: 0xCAA2000C", first.Message);
            var call = Assert.Single(machine.CommandRunner.Calls);
            Assert.Contains("System32", call.Split(' ')[0]);
            Assert.EndsWith("qe Microsoft-Windows-AAD/Operational /q:\"*[System[(EventID=1098 or EventID=1081 or EventID=1084 or EventID=1088) "
                + "and TimeCreated[timediff(@SystemTime) <= " +
                "604800000]]]\" /f:RenderedXml /rd:true /c:500 /e:Events", call);
        }

        [Fact]
        public void A32BitHostReachesWevtutilThroughSysnative()
        {
            using var machine = SimulatedPc.Create().Bitness32().Machine;
            machine.CommandRunner.Record("wevtutil", CommandResult.Completed(0, "<Events></Events>"));

            var result = new WevtutilEventSource(machine).ReadAadTokenErrors(TimeSpan.FromHours(1), TimeSpan.FromSeconds(5));

            Assert.True(result.Succeeded);
            Assert.Empty(result.Events);
            Assert.Contains("Sysnative", Assert.Single(machine.CommandRunner.Calls));
        }

        [Fact]
        public void AMissingChannelIsAReasonNotAnException()
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.CommandRunner.Record("wevtutil", CommandResult.Completed(15007, string.Empty,
                "Failed to query events. The specified channel could not be found."));

            var result = new WevtutilEventSource(machine).ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5));

            Assert.False(result.Succeeded);
            Assert.Contains("15007", result.Error);
            Assert.Contains("channel could not be found", result.Error);
        }

        [Fact]
        public void TextThatIsNotEventXmlIsAReason()
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.CommandRunner.Record("wevtutil", CommandResult.Completed(0, "Zugriff verweigert <<<"));

            var result = new WevtutilEventSource(machine).ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5));

            Assert.False(result.Succeeded);
            Assert.Contains("not event XML", result.Error);
        }
    }
}
