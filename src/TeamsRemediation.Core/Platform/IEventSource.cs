using System;
using System.Collections.Generic;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Reads event 1098 (AadTokenBrokerPlugin Operation errors) of the Microsoft-Windows-AAD/Operational log, and the System log's
    /// TPM dictionary-attack lockouts (Microsoft-Windows-TPM-WMI event 1026).
    /// </summary>
    public interface IEventSource
    {
        /// <summary>The events of the last <paramref name="window"/>, newest first; a log that cannot be read is a result with an Error, not an
        /// exception.</summary>
        EventQueryResult ReadAadTokenErrors(TimeSpan window, TimeSpan timeout);

        /// <summary>
        /// Event 1026 of Microsoft-Windows-TPM-WMI in the System log ("the TPM is in dictionary attack lockout") of the last
        /// <paramref name="window"/>, newest first; UserSid is empty (the event is the machine's). Errors as for the AAD events.
        /// </summary>
        EventQueryResult ReadTpmLockouts(TimeSpan window, TimeSpan timeout);
    }

    public sealed class AadEvent
    {
        public AadEvent(DateTimeOffset timeCreated, string userSid, string message)
            : this(timeCreated, userSid, message, null)
        {
        }

        public AadEvent(DateTimeOffset timeCreated, string userSid, string message, IReadOnlyList<EventDataField>? data)
        {
            TimeCreated = timeCreated;
            UserSid = userSid ?? string.Empty;
            Message = message ?? string.Empty;
            Data = data ?? new EventDataField[0];
        }

        public DateTimeOffset TimeCreated { get; }

        /// <summary>The event's User, the SID of the account whose token request failed.</summary>
        public string UserSid { get; }

        /// <summary>
        /// The rendered description (Error: 0x..., Code:, Description: AADSTS..., Client ID:, ...). Its labels come from
        /// the provider's message template in the display language of Windows: Russian or German on such a PC.
        /// </summary>
        public string Message { get; }

        /// <summary>The structured event data: the same values without the localized template; empty when not known.</summary>
        public IReadOnlyList<EventDataField> Data { get; }
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
