using System;
using System.Linq;
using System.Xml.Linq;
using TeamsRemediation.Events;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Module;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// Event 1098 on a Russian and a German Windows: the rendered labels are translated ("Ошибка:", "Fehler:",
    /// "Идентификатор клиента:", "Client-ID:"), the event data and the protocol values in them are not.
    /// </summary>
    public sealed class LocalizedAadEventTests
    {
        private const string CorrelationId = "7d2c5b1e-4a8f-4f0e-9b7c-3e1a2d4f6a88";

        [Theory]
        [InlineData("ru-RU")]
        [InlineData("de-DE")]
        public void TheStructuredDataOfALocalizedEventNameTheTeamsClientAndItsCodes(string culture)
        {
            var e = Assert.Single(AadEventXml.Parse(Fixture.Text("wevtutil-aad-1098-" + culture + ".xml")));

            var details = AadEventDetails.From(e);

            Assert.True(details.IsTeams);
            Assert.Equal("0xCAA20002", details.Error);
            Assert.Equal("invalid_request", details.OAuthCode);
            Assert.Equal("AADSTS90014", details.Aadsts);
            Assert.Equal(CorrelationId, details.CorrelationId);
            Assert.Equal(4, e.Data.Count);
        }

        [Theory]
        [InlineData("ru-RU")]
        [InlineData("de-DE")]
        public void ALocalizedRenderedTextAloneStillNamesTheTeamsClientAndItsCodes(string culture)
        {
            var message = RenderedMessage(culture);
            Assert.DoesNotContain("Client ID:", message);

            var details = AadEventDetails.From(new AadEvent(DateTimeOffset.UtcNow, "S-1-5-21-1-2-3-1001", message));

            Assert.True(details.IsTeams);
            Assert.Equal("0xCAA20002", details.Error);
            Assert.Equal("invalid_request", details.OAuthCode);
            Assert.Equal("AADSTS90014", details.Aadsts);
        }

        [Fact]
        public void AnotherAppsLocalizedEventIsNotCountedAsTeams()
        {
            var message = "Ошибка: 0xCAA20002 Запрос недопустим.\nКод: invalid_request\n"
                + "Идентификатор клиента: d3590ed6-52b3-4102-aeff-aad2292ab01c";
            var data = new[] { new EventDataField("Error", "0xCAA20002"), new EventDataField("ClientId", "d3590ed6-52b3-4102-aeff-aad2292ab01c") };

            var details = AadEventDetails.From(new AadEvent(DateTimeOffset.UtcNow, "S-1-5-21-1-2-3-1001", message, data));

            Assert.False(details.IsTeams);
            Assert.Equal("d3590ed6-52b3-4102-aeff-aad2292ab01c", details.ClientId);
        }

        [Fact]
        public void ARussianEventReadThroughWevtutilIsExplainedByTheDiagnosis()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true, sid: "S-1-5-21-1004336348-1177238915-682003330-1001").InstallNewTeams();
            var now = s.Machine.Clock.UtcNow;
            var e = Assert.Single(AadEventXml.Parse(Fixture.Text("wevtutil-aad-1098-ru-RU.xml")));
            s.Machine.SimulatedEvents.Add(new AadEvent(now.AddHours(-1), e.UserSid, e.Message, e.Data));
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -CheckId Evidence.AadEvents"), "Evidence.AadEvents", alice);

            Assert.NotEqual(FindingStatus.Pass, finding.Status);
            var line = Assert.Single(finding.Evidence);
            Assert.Contains("0xCAA20002", line);
            Assert.Contains("AADSTS90014", line);
            Assert.Contains("correlation " + CorrelationId, line);
        }

        [Fact]
        public void TheWindowsEventSourceHandsTheEventDataOn()
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.CommandRunner.Record("wevtutil", CommandResult.Completed(0, Fixture.Text("wevtutil-aad-1098-de-DE.xml")));

            var result = new WevtutilEventSource(machine).ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5));

            var e = Assert.Single(result.Events);
            Assert.StartsWith("Fehler: 0xCAA20002", e.Message);
            Assert.Equal(new[] { "Error", "ErrorMessage", "AdditionalInformation", "Request" }, e.Data.Select(d => d.Name));
        }

        private static string RenderedMessage(string culture)
        {
            XNamespace ns = "http://schemas.microsoft.com/win/2004/08/events/event";
            return XDocument.Parse(Fixture.Text("wevtutil-aad-1098-" + culture + ".xml")).Descendants(ns + "Message").Single().Value;
        }
    }
}
