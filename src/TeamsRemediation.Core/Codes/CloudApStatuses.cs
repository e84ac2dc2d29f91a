using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TeamsRemediation.Codes
{
    /// <summary>One status the CloudAP plug-in reports for a failed PRT request (dsregcmd's Attempt Status), with Microsoft's cause and
    /// fix.</summary>
    public sealed class CloudApStatus
    {
        public CloudApStatus(string code, string name, string cause, FindingOwner owner, string remedy, bool askServerError = false)
        {
            Code = code;
            Name = name;
            Cause = cause;
            Owner = owner;
            Remedy = remedy;
            AsksForServerError = askServerError;
        }

        /// <summary>0xc000006d: as dsregcmd prints it, lower case.</summary>
        public string Code { get; }

        /// <summary>STATUS_LOGON_FAILURE, AAD_CLOUDAP_E_OAUTH_USERNAME_IS_MALFORMED.</summary>
        public string Name { get; }

        public string Cause { get; }

        /// <summary>Who acts when the server's own error (AADSTS) does not name someone else.</summary>
        public FindingOwner Owner { get; }

        public string Remedy { get; }

        /// <summary>Microsoft's fix starts from the server error code (AADSTS) of the same attempt: it decides the owner when present.</summary>
        public bool AsksForServerError { get; }

        public override string ToString() => Code + " " + Name + " (" + Cause + ")";
    }

    /// <summary>
    /// The CloudAP statuses of Microsoft's "Troubleshoot primary refresh token issues on Windows devices" (entra-docs
    /// docs/identity/devices/troubleshoot-primary-refresh-token.md, ms.date 02/23/2026), Step 3: the Attempt Status of
    /// dsregcmd's SSO State (Windows 10 21H1 and later) names one of them when the last PRT request failed.
    /// </summary>
    public static class CloudApStatuses
    {
        private const string ServerError = "Read the server error code and description (dsregcmd's Server Error Code/Description, or events 1081 "
            + "(Entra ID) and 1088 (WS-Trust, AD FS) of the AAD/Operational log) and follow that code's advice.";

        private const string ComputerProxy = "If the network needs an outbound proxy, make sure the device's computer account can discover it and "
            + "authenticate to it silently (the PRT is requested by the system, not by the user's browser).";

        private const string ProxyUntouched = "Make sure no proxy or TLS inspection changes the answer of the sign-in service.";

        private static readonly Dictionary<string, CloudApStatus> Table = new[]
        {
            new CloudApStatus("0xc000006d", "STATUS_LOGON_FAILURE",
                "the device cannot reach the Entra authentication service, or it or the WS-Trust endpoint answered 400 Bad Request",
                FindingOwner.Network, ComputerProxy + " " + ServerError, askServerError: true),
            new CloudApStatus("0xc000006a", "STATUS_WRONG_PASSWORD",
                "the device cannot reach the Entra authentication service, or it or the WS-Trust endpoint answered 400 Bad Request",
                FindingOwner.Network, ComputerProxy + " " + ServerError, askServerError: true),
            new CloudApStatus("0xc00000d0", "STATUS_REQUEST_NOT_ACCEPTED",
                "the Entra authentication service or the WS-Trust endpoint answered 400 Bad Request", FindingOwner.TenantAdmin, ServerError,
                askServerError: true),
            new CloudApStatus("0xc000023c", "STATUS_NETWORK_UNREACHABLE",
                "a network problem on the way to a required endpoint, or a 4xx answer from Entra ID or the WS-Trust endpoint", FindingOwner.Network,
                "Event 1084 of the AAD/Operational log names the network sub-error. " + ComputerProxy + " " + ServerError, askServerError: true),
            new CloudApStatus("0xc00000be", "STATUS_BAD_NETWORK_PATH",
                "a network problem on the way to a required endpoint, or a 4xx answer from Entra ID or the WS-Trust endpoint", FindingOwner.Network,
                "Event 1084 of the AAD/Operational log names the network sub-error. " + ComputerProxy + " " + ServerError, askServerError: true),
            new CloudApStatus("0xc00000c4", "STATUS_UNEXPECTED_NETWORK_ERROR",
                "a network problem on the way to a required endpoint, or a 4xx answer from Entra ID or the WS-Trust endpoint", FindingOwner.Network,
                "Event 1084 of the AAD/Operational log names the network sub-error. " + ComputerProxy + " " + ServerError, askServerError: true),
            new CloudApStatus("0xc000005f", "STATUS_NO_SUCH_LOGON_SESSION",
                "user realm discovery failed: Entra ID does not know the domain of the user's UPN", FindingOwner.TenantAdmin,
                "Add the UPN's domain as a custom domain in Entra ID; for a domain that cannot be routed (user@contoso.local) configure an "
                    + "Alternate Login ID."),
            new CloudApStatus("0xc004844c", "AAD_CLOUDAP_E_OAUTH_USERNAME_IS_MALFORMED",
                "the user's UPN is not an internet-style sign-in name (RFC 822)", FindingOwner.TenantAdmin,
                "Give the user an internet-style UPN (whoami /upn shows what the domain controller returns on a hybrid joined device); for a "
                    + "domain that cannot be routed configure an Alternate Login ID."),
            new CloudApStatus("0xc0048442", "AAD_CLOUDAP_E_OAUTH_USER_SID_IS_EMPTY",
                "the ID token from Entra ID has no user SID", FindingOwner.Network, ProxyUntouched),
            new CloudApStatus("0xc00484c1", "AAD_CLOUDAP_E_WSTRUST_SAML_TOKENS_ARE_EMPTY",
                "the WS-Trust endpoint (federation, AD FS) answered with an error", FindingOwner.TenantAdmin,
                ProxyUntouched + " Event 1088 of the AAD/Operational log holds the server's error code and description.", askServerError: true),
            new CloudApStatus("0xc004848b", "AAD_CLOUDAP_E_HTTP_PASSWORD_URI_IS_EMPTY",
                "the federation's metadata exchange (MEX) endpoint returns no password URL", FindingOwner.TenantAdmin,
                ProxyUntouched + " Fix the MEX configuration of the identity provider."),
            new CloudApStatus("0xc004848c", "AAD_CLOUDAP_E_HTTP_CERTIFICATE_URI_IS_EMPTY",
                "the federation's metadata exchange (MEX) endpoint returns no certificate URL", FindingOwner.TenantAdmin,
                ProxyUntouched + " Fix the MEX configuration of the identity provider."),
            new CloudApStatus("0xc00cee4f", "WC_E_DTDPROHIBITED",
                "the WS-Trust endpoint's XML answer carries a document type definition (DTD)", FindingOwner.TenantAdmin,
                "Configure the identity provider not to send a DTD in its answer."),
        }.ToDictionary(s => s.Code, StringComparer.Ordinal);

        /// <summary>Every status of the table, in Microsoft's order.</summary>
        public static IEnumerable<CloudApStatus> All => Table.Values;

        /// <summary>
        /// The status an Attempt Status names (0xc000006d, 0xC000006D, or 0x800484c1, the HRESULT form Microsoft lists next to 0xc00484c1),
        /// or null when it is not in the table or not a status at all.
        /// </summary>
        public static CloudApStatus? Find(string? attemptStatus)
        {
            var text = (attemptStatus ?? string.Empty).Trim();
            if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                || !uint.TryParse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            if (value == 0x800484c1)
            {
                value = 0xc00484c1;
            }

            return Table.TryGetValue("0x" + value.ToString("x8", CultureInfo.InvariantCulture), out var status) ? status : null;
        }
    }
}
