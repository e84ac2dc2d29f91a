using System;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// Events 1081, 1084 and 1088 of the AAD/Operational log (the CloudAP plug-in's PRT errors, Microsoft's PRT troubleshooting guide),
    /// read next to 1098 by Evidence.AadEvents: from wevtutil's RenderedXml (Fixtures/wevtutil-aad-1081-1084-1088.xml), each by its own
    /// time, only codes and ids shown.
    /// </summary>
    public sealed class CloudApEventTests
    {
        private static readonly AadEvent[] Fixed = ReadFixture();

        private static AadEvent[] ReadFixture()
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.CommandRunner.Record("wevtutil", CommandResult.Completed(0, Fixture.Text("wevtutil-aad-1081-1084-1088.xml")));
            return new WevtutilEventSource(machine).ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5)).Events.ToArray();
        }

        /// <summary>The fixture's events moved to <paramref name="ago"/> before the simulated now, in their order.</summary>
        private static void AddFixture(SimulatedSession s, TimeSpan ago)
        {
            var now = s.Machine.Clock.UtcNow;
            for (var i = 0; i < Fixed.Length; i++)
            {
                var e = Fixed[i];
                s.Machine.SimulatedEvents.Add(new AadEvent(now - ago - TimeSpan.FromMinutes(i), e.UserSid, e.Message, e.Data, e.EventId));
            }
        }

        [Fact]
        public void WevtutilsXmlGivesEachEventItsId()
        {
            Assert.Equal(new[] { 1081, 1084, 1088 }, Fixed.Select(e => e.EventId));
            Assert.Equal(new[] { WellKnownSids.LocalSystem, WellKnownSids.LocalSystem, "S-1-5-21-1004336348-1177238915-682003330-1001" },
                Fixed.Select(e => e.UserSid));
        }

        [Fact]
        public void PrtErrorsWithoutATeamsErrorAreAWarningOwnedByTheirCodeAndShowOnlyCodes()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAsSystem();
            AddFixture(s, TimeSpan.FromHours(1));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Evidence.AadEvents"), "Evidence.AadEvents", alice);

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.StartsWith("No Teams token errors (event 1098) in the last 7 days, but 3 PRT errors of Windows (events 1081, 1084, 1088): "
                + "AADSTS50126, AADSTS50034 (latest: invalid user name or password).", finding.Summary);
            Assert.Equal(FindingOwner.User, finding.Owner);
            Assert.Equal(3, finding.Evidence.Length);
            Assert.Contains("event 1081 (PRT request refused by Entra ID), logged by SYSTEM; 0xC000006D; invalid_grant; AADSTS50126 invalid user "
                + "name or password; correlation aaaa0000-bb11-2222-33cc-444444dddddd", finding.Evidence[0]);
            Assert.Contains("event 1084 (PRT request failed on the network), logged by SYSTEM; 0x80072EE7 (WinHTTP error 12007)",
                finding.Evidence[1]);
            Assert.Contains("event 1088 (PRT request refused by the WS-Trust endpoint); 0xC00484C1; invalid_grant; AADSTS50034", finding.Evidence[2]);
            // Codes and ids only: no text of the event (paths, URLs, client ids of the request) leaves the log.
            Assert.DoesNotContain(finding.Evidence, e => e.Contains("httptransport") || e.Contains("login.microsoftonline.com")
                || e.Contains("38aa3b87"));
        }

        [Fact]
        public void AnotherUserSeesTheEventsSystemLoggedButNeverAnotherUsersOwn()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            var bob = HealthyUser(s, "bob");
            s.Pc.RunAsSystem();
            AddFixture(s, TimeSpan.FromHours(1));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Evidence.AadEvents"), "Evidence.AadEvents", bob);

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Equal(2, finding.Evidence.Length);
            Assert.DoesNotContain(finding.Evidence, e => e.Contains("event 1088"));
        }

        [Fact]
        public void PrtErrorsOlderThanTheWindowDoNotCount()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAsSystem();
            AddFixture(s, TimeSpan.FromDays(8));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Evidence.AadEvents"), "Evidence.AadEvents", alice);

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Equal("No Teams token errors (event 1098) in the last 7 days.", finding.Summary);
        }

        [Fact]
        public void NextToATeamsErrorThePrtErrorsAreEvidenceAndTheTeamsErrorDecides()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAsSystem();
            AddFixture(s, TimeSpan.FromHours(1));
            s.Machine.SimulatedEvents.Add(new AadEvent(s.Machine.Clock.UtcNow.AddMinutes(-10), alice.Sid,
                "Error: 0xCAA20002 The request is invalid.\nCode: invalid_request\nClient ID: " + CodeCatalog.TeamsClientId));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Evidence.AadEvents"), "Evidence.AadEvents", alice);

            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.StartsWith("1 Teams token error in the last 7 days: CAA20002", finding.Summary);
            Assert.Contains("event 1098: 0xCAA20002", finding.Evidence[0]);
            Assert.Contains(finding.Evidence, e => e.Contains("event 1081 (PRT request refused by Entra ID)"));
        }
    }
}
