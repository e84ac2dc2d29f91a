using System;
using System.Collections.Generic;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Account
{
    /// <summary>
    /// The diagnostics dsregcmd prints under AzureAdPrt in its SSO State (Windows 10 21H1 and later) for the last PRT request
    /// that failed after the last successful update (entra-docs troubleshoot-device-dsregcmd.md, "SSO state"): AcquirePrtDiagnostics
    /// or RefreshPrtDiagnostics : PRESENT, then Previous Prt Attempt, Attempt Status (an HRESULT), User Identity, Credential Type,
    /// Correlation ID, Endpoint URI, HTTP Method, HTTP Error (a WinHTTP error), HTTP status, Server Error Code and Server Error
    /// Description. Microsoft notes that on a shared device the attempt can be another user's: <see cref="UserIdentity"/> says whose.
    /// </summary>
    public sealed class PrtAttempt
    {
        /// <summary>The field names in dsregcmd's order, as Microsoft documents them.</summary>
        public static readonly IReadOnlyList<string> FieldNames = new[]
        {
            "Previous Prt Attempt", "Attempt Status", "User Identity", "Credential Type", "Correlation ID", "Endpoint URI", "HTTP Method",
            "HTTP Error", "HTTP status", "Server Error Code", "Server Error Description",
        };

        private PrtAttempt()
        {
        }

        public DateTime? AttemptedUtc { get; private set; }

        /// <summary>0xc000006d: the CloudAP status or HRESULT of the attempt.</summary>
        public string AttemptStatus { get; private set; } = string.Empty;

        /// <summary>The UPN the attempt was for.</summary>
        public string UserIdentity { get; private set; } = string.Empty;

        /// <summary>Password, NGC (Windows Hello), ...</summary>
        public string CredentialType { get; private set; } = string.Empty;

        public string CorrelationId { get; private set; } = string.Empty;

        public string EndpointUri { get; private set; } = string.Empty;

        public string HttpMethod { get; private set; } = string.Empty;

        /// <summary>The WinHTTP transport error ("0x0" when the server answered).</summary>
        public string HttpError { get; private set; } = string.Empty;

        public string HttpStatus { get; private set; } = string.Empty;

        /// <summary>The OAuth error (invalid_grant) the server answered.</summary>
        public string ServerErrorCode { get; private set; } = string.Empty;

        /// <summary>The server's text, with its AADSTS code.</summary>
        public string ServerErrorDescription { get; private set; } = string.Empty;

        /// <summary>The Attempt Status in Microsoft's PRT troubleshooting table, or null.</summary>
        public CloudApStatus? Status => CloudApStatuses.Find(AttemptStatus);

        /// <summary>The AADSTS code of the server's description, or empty.</summary>
        public string ServerCode
        {
            get
            {
                var codes = CodeCatalog.Extract(ServerErrorDescription);
                return codes.Count > 0 ? codes[0] : string.Empty;
            }
        }

        /// <summary>
        /// True when the request failed on the way (a WinHTTP error other than 0) rather than being answered: ERROR_WINHTTP_TIMEOUT (12002),
        /// NAME_NOT_RESOLVED (12007), CANNOT_CONNECT (12029), CONNECTION_ERROR (12030) and the others of winhttp.h.
        /// </summary>
        public bool FailedInTransport
        {
            get
            {
                var text = HttpError.Trim();
                if (text.Length == 0)
                {
                    return false;
                }

                var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
                return (hex ? long.TryParse(text.Substring(2), System.Globalization.NumberStyles.HexNumber,
                        System.Globalization.CultureInfo.InvariantCulture, out var number)
                    : long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out number))
                    && number != 0;
            }
        }

        /// <summary>The attempt dsregcmd printed in its SSO State, or null when it printed none (no failure since the last update).</summary>
        public static PrtAttempt? From(DsregStatus status)
        {
            var attemptStatus = status.Get(DsregStatus.SsoState, "Attempt Status");
            if (string.IsNullOrEmpty(attemptStatus))
            {
                return null;
            }

            string Field(string name) => status.Get(DsregStatus.SsoState, name) ?? string.Empty;
            return new PrtAttempt
            {
                AttemptedUtc = status.Time(DsregStatus.SsoState, "Previous Prt Attempt"),
                AttemptStatus = attemptStatus!,
                UserIdentity = Field("User Identity"),
                CredentialType = Field("Credential Type"),
                CorrelationId = Field("Correlation ID"),
                EndpointUri = Field("Endpoint URI"),
                HttpMethod = Field("HTTP Method"),
                HttpError = Field("HTTP Error"),
                HttpStatus = Field("HTTP status"),
                ServerErrorCode = Field("Server Error Code"),
                ServerErrorDescription = Field("Server Error Description"),
            };
        }

        /// <summary>
        /// Who acts and what to do, from Microsoft's table: the server's AADSTS code decides when the status says to read it and the code
        /// names someone (AADSTS50126 is the user's, AADSTS50034 the tenant admin's); a transport error is the network's; otherwise the
        /// status's own owner. Null when the status is not in the table and no known AADSTS code came with it.
        /// </summary>
        public (FindingOwner Owner, string Cause, string Remedy)? Diagnosis()
        {
            var status = Status;
            var server = ServerCode.Length > 0 ? CodeCatalog.Explain(ServerCode) : null;
            var serverKnown = server != null && server.Cause != CodeCause.Unknown;
            if (status == null)
            {
                return serverKnown ? (server!.Owner, server.Meaning, server.Advice) : ((FindingOwner, string, string)?)null;
            }

            var cause = status.Name + ": " + status.Cause;
            if (status.AsksForServerError && serverKnown)
            {
                return (server!.Owner, cause + "; the server said " + server.Code + " (" + server.Meaning + ")",
                    server.Advice.Length > 0 ? server.Advice : status.Remedy);
            }

            if (status.AsksForServerError && FailedInTransport)
            {
                return (FindingOwner.Network, cause + "; the request failed on the network (WinHTTP error " + HttpError + ")", status.Remedy);
            }

            return (status.Owner, cause, status.Remedy);
        }
    }
}
