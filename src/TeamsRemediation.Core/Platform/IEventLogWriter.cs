namespace TeamsRemediation.Platform
{
    public enum EventLogLevel
    {
        Information,
        Warning,
        Error,
    }

    /// <summary>Writes events to the Application log under a source registered for it (see Logging.EventLogSource).</summary>
    public interface IEventLogWriter
    {
        /// <exception cref="System.ComponentModel.Win32Exception">The event log refused the event.</exception>
        void Write(string source, EventLogLevel level, int eventId, string message);
    }
}
