using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// The event logs of a simulated PC: every event is held by log, provider and id, and each read asks what the Windows adapter's
    /// wevtutil query asks (<see cref="WevtutilEventSource.Arguments"/>, <see cref="WevtutilEventSource.TpmArguments"/>): the log,
    /// the ids, the provider where the query names one, the window, newest first, at most <see cref="WevtutilEventSource.MaxEvents"/>.
    /// So an event of the right id in the wrong log or from another provider is on the PC and still not read, as on Windows.
    /// </summary>
    public sealed class SimulatedEventSource : IEventSource
    {
        /// <summary>The provider of Microsoft-Windows-AAD/Operational's events.</summary>
        public const string AadProvider = "Microsoft-Windows-AAD";

        private readonly object gate = new object();
        private readonly List<LoggedEvent> logged = new List<LoggedEvent>();
        private readonly Dictionary<string, string> unreadable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly IClock clock;

        public SimulatedEventSource(IClock clock)
        {
            this.clock = clock;
        }

        /// <summary>When set, every read of Microsoft-Windows-AAD/Operational fails with this reason (log missing, access denied).</summary>
        public string? FailureReason
        {
            get => Unreadable(WevtutilEventSource.LogName);
            set => SetUnreadable(WevtutilEventSource.LogName, value);
        }

        /// <summary>When set, every read of the System log fails with this reason.</summary>
        public string? SystemLogFailureReason
        {
            get => Unreadable(WevtutilEventSource.SystemLogName);
            set => SetUnreadable(WevtutilEventSource.SystemLogName, value);
        }

        /// <summary>Writes one event into <paramref name="log"/> as <paramref name="provider"/> would.</summary>
        public void Write(string log, string provider, AadEvent e)
        {
            if (e is null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            lock (gate)
            {
                logged.Add(new LoggedEvent(log, provider, e));
            }
        }

        /// <summary>An event of Microsoft-Windows-AAD/Operational (1098, 1081, 1084, 1088 or any other id the AAD provider writes).</summary>
        public void Add(AadEvent e) => Write(WevtutilEventSource.LogName, AadProvider, e);

        /// <summary>A TPM-WMI event 1026 ("dictionary attack lockout") in the System log, with its rendered message.</summary>
        public void AddTpmLockout(DateTimeOffset timeCreated, string message) => Write(WevtutilEventSource.SystemLogName,
            WevtutilEventSource.TpmProvider, new AadEvent(timeCreated, string.Empty, message, null, WevtutilEventSource.TpmLockoutEventId));

        public EventQueryResult ReadAadTokenErrors(TimeSpan window, TimeSpan timeout) =>
            Query(WevtutilEventSource.LogName, null, AadEvent.ReadIds, window);

        public EventQueryResult ReadTpmLockouts(TimeSpan window, TimeSpan timeout) => Query(WevtutilEventSource.SystemLogName,
            WevtutilEventSource.TpmProvider, new[] { WevtutilEventSource.TpmLockoutEventId }, window);

        private EventQueryResult Query(string log, string? provider, IReadOnlyList<int> ids, TimeSpan window)
        {
            var failure = Unreadable(log);
            if (failure != null)
            {
                return EventQueryResult.Failed(failure);
            }

            var since = clock.UtcNow - window;
            lock (gate)
            {
                return EventQueryResult.Read(logged
                    .Where(l => l.Log.Equals(log, StringComparison.OrdinalIgnoreCase)
                        && (provider == null || l.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase))
                        && ids.Contains(l.Event.EventId) && l.Event.TimeCreated >= since)
                    .Select(l => l.Event).OrderByDescending(e => e.TimeCreated).Take(WevtutilEventSource.MaxEvents).ToList());
            }
        }

        private string? Unreadable(string log)
        {
            lock (gate)
            {
                return unreadable.TryGetValue(log, out var reason) ? reason : null;
            }
        }

        private void SetUnreadable(string log, string? reason)
        {
            lock (gate)
            {
                if (reason == null)
                {
                    unreadable.Remove(log);
                }
                else
                {
                    unreadable[log] = reason;
                }
            }
        }

        private sealed class LoggedEvent
        {
            public LoggedEvent(string log, string provider, AadEvent e)
            {
                Log = log;
                Provider = provider;
                Event = e;
            }

            public string Log { get; }

            public string Provider { get; }

            public AadEvent Event { get; }
        }
    }
}
