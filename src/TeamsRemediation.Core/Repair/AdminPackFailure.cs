using System;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// One failed Teams token request as the tenant admin looks it up in the Entra sign-in logs (filter by correlation
    /// id or request id, or by user and time). Only identifiers, codes and times: never the event's text.
    /// </summary>
    public sealed class AdminPackFailure
    {
        /// <summary>When the broker logged the failure (UTC).</summary>
        public DateTime TimeUtc { get; internal set; }

        /// <summary>DOMAIN\user of the event's SID when the user is a target; empty otherwise.</summary>
        public string User { get; internal set; } = string.Empty;

        public string UserSid { get; internal set; } = string.Empty;

        /// <summary>The app that asked (the Teams client id).</summary>
        public string ClientId { get; internal set; } = string.Empty;

        /// <summary>The broker's error, 0xCAA2000C.</summary>
        public string Error { get; internal set; } = string.Empty;

        public string ErrorMeaning { get; internal set; } = string.Empty;

        /// <summary>The OAuth error: invalid_request, interaction_required, ...</summary>
        public string OAuthCode { get; internal set; } = string.Empty;

        /// <summary>AADSTS50076: the code the sign-in log shows as the failure reason.</summary>
        public string Aadsts { get; internal set; } = string.Empty;

        public string AadstsMeaning { get; internal set; } = string.Empty;

        /// <summary>The sign-in log's Correlation ID.</summary>
        public string CorrelationId { get; internal set; } = string.Empty;

        /// <summary>The sign-in log's Request ID (Entra's "Trace ID" in the error text); empty when the event carries none.</summary>
        public string RequestId { get; internal set; } = string.Empty;

        /// <summary>Who must act on the code: Device, User, TenantAdmin or Network.</summary>
        public string Owner { get; internal set; } = string.Empty;

        public override string ToString() =>
            TimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + " " + User + " " + Error + " "
                + Aadsts + " correlation " + (CorrelationId.Length > 0 ? CorrelationId : "-") + " request "
                + (RequestId.Length > 0 ? RequestId : "-");
    }
}
