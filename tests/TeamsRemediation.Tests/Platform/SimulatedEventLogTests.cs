using System;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// The simulated PC's event logs hold events by log, provider and id, and answer what the Windows adapter's wevtutil queries ask:
    /// an event with a read id in another log, from another provider, with an id that is not read, or outside the window is on the PC
    /// and not read, and at most as many events as wevtutil's /c: are, newest first.
    /// </summary>
    public sealed class SimulatedEventLogTests
    {
        private const string TpmText = "Error: The TPM is defending against dictionary attacks and is in a time-out period.";

        private static AadEvent Event(SimulatedMachine machine, int id, TimeSpan ago, string message = "Error: 0xCAA20002") =>
            Event(machine.Clock.UtcNow, id, ago, message);

        private static AadEvent Event(DateTimeOffset now, int id, TimeSpan ago, string message = "Error: 0xCAA20002") =>
            new AadEvent(now - ago, "S-1-5-21-1-2-3-1001", message, null, id);

        [Fact]
        public void OnlyTheAadLogsReadIdsInTheWindowAreReadNewestFirst()
        {
            using var machine = SimulatedPc.Create().Machine;
            var events = machine.SimulatedEvents;
            var hoursAgo = 1;
            foreach (var id in AadEvent.ReadIds)
            {
                events.Add(Event(machine, id, TimeSpan.FromHours(hoursAgo++)));
            }

            events.Add(Event(machine, 1097, TimeSpan.FromHours(1)));
            events.Add(Event(machine, AadEvent.TokenBrokerError, TimeSpan.FromDays(8)));
            events.Write(WevtutilEventSource.SystemLogName, SimulatedEventSource.AadProvider, Event(machine, AadEvent.TokenBrokerError,
                TimeSpan.FromHours(1)));

            var read = events.ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5));

            Assert.True(read.Succeeded);
            Assert.Equal(AadEvent.ReadIds, read.Events.Select(e => e.EventId));
            Assert.Equal(read.Events.OrderByDescending(e => e.TimeCreated), read.Events);
        }

        [Fact]
        public void ATpmLockoutIsOnlyTpmWmi1026InTheSystemLog()
        {
            using var machine = SimulatedPc.Create().Machine;
            var events = machine.SimulatedEvents;
            events.Write(WevtutilEventSource.SystemLogName, "Microsoft-Windows-Kernel-General", Event(machine, 1026, TimeSpan.FromHours(1), TpmText));
            events.Write(WevtutilEventSource.SystemLogName, WevtutilEventSource.TpmProvider, Event(machine, 1025, TimeSpan.FromHours(1), TpmText));
            events.Write(WevtutilEventSource.LogName, WevtutilEventSource.TpmProvider, Event(machine, 1026, TimeSpan.FromHours(1), TpmText));

            Assert.Empty(events.ReadTpmLockouts(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5)).Events);

            events.AddTpmLockout(machine.Clock.UtcNow - TimeSpan.FromHours(2), TpmText);
            var lockout = Assert.Single(events.ReadTpmLockouts(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5)).Events);
            Assert.Equal(WevtutilEventSource.TpmLockoutEventId, lockout.EventId);
        }

        [Fact]
        public void AtMostWevtutilsCountOfEventsIsReadTheNewest()
        {
            using var machine = SimulatedPc.Create().Machine;
            var now = machine.Clock.UtcNow;
            for (var i = 0; i < WevtutilEventSource.MaxEvents + 20; i++)
            {
                machine.SimulatedEvents.Add(Event(now, AadEvent.TokenBrokerError, TimeSpan.FromMinutes(i + 1)));
            }

            var read = machine.SimulatedEvents.ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5)).Events;

            Assert.Equal(WevtutilEventSource.MaxEvents, read.Count);
            Assert.Equal(now - TimeSpan.FromMinutes(1), read[0].TimeCreated);
            Assert.Equal(now - TimeSpan.FromMinutes(WevtutilEventSource.MaxEvents), read[read.Count - 1].TimeCreated);
        }

        [Fact]
        public void AnUnreadableLogFailsOnlyItsOwnReads()
        {
            using var machine = SimulatedPc.Create().Machine;
            var events = machine.SimulatedEvents;
            events.Add(Event(machine, AadEvent.TokenBrokerError, TimeSpan.FromHours(1)));
            events.AddTpmLockout(machine.Clock.UtcNow - TimeSpan.FromHours(1), TpmText);
            events.SystemLogFailureReason = "The System log could not be read: access denied.";

            Assert.Single(events.ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5)).Events);
            Assert.Equal("The System log could not be read: access denied.",
                events.ReadTpmLockouts(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5)).Error);

            events.SystemLogFailureReason = null;
            events.FailureReason = "The Microsoft-Windows-AAD/Operational log could not be read: 15007.";
            Assert.False(events.ReadAadTokenErrors(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5)).Succeeded);
            Assert.Single(events.ReadTpmLockouts(TimeSpan.FromDays(7), TimeSpan.FromSeconds(5)).Events);
        }

        [Fact]
        public void TheDiagnosisCountsNoEventOfAnotherLogOrProvider()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAsSystem();
            var machine = s.Machine;
            machine.SimulatedEvents.Write(WevtutilEventSource.SystemLogName, "Microsoft-Windows-Kernel-General",
                Event(machine, 1026, TimeSpan.FromHours(1), TpmText));
            machine.SimulatedEvents.Write(WevtutilEventSource.SystemLogName, SimulatedEventSource.AadProvider,
                new AadEvent(machine.Clock.UtcNow.AddHours(-1), alice.Sid, "Error: 0xCAA20002\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));

            var result = s.Run("Test-TeamsCaa20002 -SkipNetwork -SkipUserSession -CheckId Account.Tpm, Evidence.AadEvents");

            Assert.Equal(FindingStatus.Pass, Finding(result, CheckIds.AccountTpm).Status);
            Assert.Equal(FindingStatus.Pass, Finding(result, CheckIds.EvidenceAadEvents, alice).Status);

            BrokenPc.AadError(s, alice, "CAA20002");
            Assert.Equal(FindingStatus.Fail, Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -SkipUserSession -CheckId Evidence.AadEvents"),
                CheckIds.EvidenceAadEvents, alice).Status);
        }
    }
}
