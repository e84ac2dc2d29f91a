using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>The Application log of a simulated PC: events are kept in order; a source that is not registered is refused.</summary>
    public sealed class SimulatedEventLogWriter : IEventLogWriter
    {
        private readonly object gate = new object();
        private readonly List<(string Source, EventLogLevel Level, int EventId, string Message)> entries =
            new List<(string Source, EventLogLevel Level, int EventId, string Message)>();
        private readonly SimulatedRegistry registry;

        public SimulatedEventLogWriter(SimulatedRegistry registry)
        {
            this.registry = registry;
        }

        public IReadOnlyList<(string Source, EventLogLevel Level, int EventId, string Message)> Entries
        {
            get
            {
                lock (gate)
                {
                    return entries.ToList();
                }
            }
        }

        public void Write(string source, EventLogLevel level, int eventId, string message)
        {
            if (source == EventLogSource.Name && registry.GetValue(EventLogSource.Key, "EventMessageFile") == null)
            {
                // What Event Viewer shows for an unregistered source is useless; the module never writes under one.
                throw new System.ComponentModel.Win32Exception(1168, "The source " + source + " is not registered.");
            }

            lock (gate)
            {
                entries.Add((source, level, eventId, message));
            }
        }
    }
}
