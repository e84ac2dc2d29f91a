using System;
using System.Collections.Generic;

namespace TeamsRemediation.Platform
{
    /// <summary>Reads event 1098 (AadTokenBrokerPlugin Operation errors) of the Microsoft-Windows-AAD/Operational log.</summary>
    public interface IEventSource
    {
        /// <summary>The events of the last <paramref name="window"/>, newest first; a log that cannot be read is a result with an Error, not an
        /// exception.</summary>
        EventQueryResult ReadAadTokenErrors(TimeSpan window, TimeSpan timeout);
    }

    public sealed class AadEvent
    {
        public AadEvent(DateTimeOffset timeCreated, string userSid, string message)
        {
            TimeCreated = timeCreated;
            UserSid = userSid ?? string.Empty;
            Message = message ?? string.Empty;
        }

        public DateTimeOffset TimeCreated { get; }

        /// <summary>The event's User, the SID of the account whose token request failed.</summary>
        public string UserSid { get; }

        /// <summary>The rendered description (Error: 0x..., Code:, Description: AADSTS..., Client ID:, ...).</summary>
        public string Message { get; }
    }

    public sealed class EventQueryResult
    {
        private EventQueryResult(IReadOnlyList<AadEvent> events, string error)
        {
            Events = events;
            Error = error;
        }

        public IReadOnlyList<AadEvent> Events { get; }

        /// <summary>Why the log could not be read; empty when it was.</summary>
        public string Error { get; }

        public bool Succeeded => Error.Length == 0;

        public static EventQueryResult Read(IReadOnlyList<AadEvent> events) => new EventQueryResult(events, string.Empty);

        public static EventQueryResult Failed(string error) =>
            new EventQueryResult(new AadEvent[0], string.IsNullOrEmpty(error) ? "The event log could not be read." : error);
    }
}
