using System;
using System.Collections.Generic;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Reads the errors of the Microsoft-Windows-AAD/Operational log the diagnosis weighs: event 1098 (AadTokenBrokerPlugin Operation, one
    /// app's token request) and the CloudAP plug-in's PRT errors 1081, 1084 and 1088 (<see cref="AadEvent.ReadIds"/>); and the System
    /// log's TPM dictionary-attack lockouts (Microsoft-Windows-TPM-WMI event 1026).
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
            : this(timeCreated, userSid, message, data, TokenBrokerError)
        {
        }

        public AadEvent(DateTimeOffset timeCreated, string userSid, string message, IReadOnlyList<EventDataField>? data, int eventId)
        {
            TimeCreated = timeCreated;
            UserSid = userSid ?? string.Empty;
            Message = message ?? string.Empty;
            Data = data ?? new EventDataField[0];
            EventId = eventId;
        }

        /// <summary>1098: the token broker plug-in's error for one app's token request (AadTokenBrokerPlugin Operation).</summary>
        public const int TokenBrokerError = 1098;

        /// <summary>1081: the CloudAP plug-in's PRT request got an error from Entra ID (server error code and description).</summary>
        public const int CloudApServerError = 1081;

        /// <summary>1084: the CloudAP plug-in's PRT request failed on the network (the network stack's sub-error).</summary>
        public const int CloudApNetworkError = 1084;

        /// <summary>1088: the CloudAP plug-in's PRT request got an error from a WS-Trust (federation, AD FS) endpoint.</summary>
        public const int CloudApWsTrustError = 1088;

        /// <summary>The ids read from Microsoft-Windows-AAD/Operational, as Microsoft's PRT troubleshooting guide names them.</summary>
        public static readonly IReadOnlyList<int> ReadIds = new[] { TokenBrokerError, CloudApServerError, CloudApNetworkError, CloudApWsTrustError };

        /// <summary>The event's id in Microsoft-Windows-AAD/Operational (<see cref="ReadIds"/>).</summary>
        public int EventId { get; }

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
