using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>Recorded event 1098 entries and System-log TPM-WMI 1026 lockouts of a simulated PC, or a log that cannot be read.</summary>
    public sealed class SimulatedEventSource : IEventSource
    {
        private readonly object gate = new object();
        private readonly List<AadEvent> events = new List<AadEvent>();
        private readonly List<AadEvent> tpmLockouts = new List<AadEvent>();
        private readonly IClock clock;

        public SimulatedEventSource(IClock clock)
        {
            this.clock = clock;
        }

        /// <summary>When set, every read fails with this reason (log missing, access denied).</summary>
        public string? FailureReason { get; set; }

        /// <summary>When set, every read of the System log fails with this reason.</summary>
        public string? SystemLogFailureReason { get; set; }

        /// <summary>A TPM-WMI event 1026 ("dictionary attack lockout") in the System log, with its rendered message.</summary>
        public void AddTpmLockout(DateTimeOffset timeCreated, string message)
        {
            lock (gate)
            {
                tpmLockouts.Add(new AadEvent(timeCreated, string.Empty, message));
            }
        }

        public EventQueryResult ReadTpmLockouts(TimeSpan window, TimeSpan timeout)
        {
            if (SystemLogFailureReason != null)
            {
                return EventQueryResult.Failed(SystemLogFailureReason);
            }

            var since = clock.UtcNow - window;
            lock (gate)
            {
                return EventQueryResult.Read(tpmLockouts.Where(e => e.TimeCreated >= since).OrderByDescending(e => e.TimeCreated).ToList());
            }
        }

        public void Add(AadEvent e)
        {
            lock (gate)
            {
                events.Add(e);
            }
        }

        public EventQueryResult ReadAadTokenErrors(TimeSpan window, TimeSpan timeout)
        {
            if (FailureReason != null)
            {
                return EventQueryResult.Failed(FailureReason);
            }

            var since = clock.UtcNow - window;
            lock (gate)
            {
                return EventQueryResult.Read(events.Where(e => e.TimeCreated >= since).OrderByDescending(e => e.TimeCreated).ToList());
            }
        }
    }
}
