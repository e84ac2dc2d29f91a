using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace TeamsRemediation.Events
{
    /// <summary>
    /// The OAuth 2.0 and OpenID Connect error values (RFC 6749 sections 4.1.2.1 and 5.2, OpenID Connect Core 3.1.2.6,
    /// RFC 8628, and Entra's invalid_resource). They are protocol strings: no Windows language translates them, so
    /// they are found in a localized event text as well as in an English one.
    /// </summary>
    public static class OAuthErrorCodes
    {
        private static readonly string[] Known =
        {
            "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
            "invalid_scope", "access_denied", "unsupported_response_type", "server_error", "temporarily_unavailable",
            "interaction_required", "login_required", "account_selection_required", "consent_required",
            "invalid_request_uri", "invalid_request_object", "request_not_supported", "request_uri_not_supported",
            "registration_not_supported", "authorization_pending", "slow_down", "expired_token", "invalid_resource",
        };

        // Whole words only: "my_invalid_request_id" is an identifier, not an error.
        private static readonly Regex Token = new Regex(@"(?<![A-Za-z0-9_])(" + string.Join("|", Known) + @")(?![A-Za-z0-9_])",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>The first OAuth error value standing as a word in <paramref name="text"/>, lower case; empty when none.</summary>
        public static string FindFirst(string text)
        {
            var match = Token.Match(text ?? string.Empty);
            return match.Success ? match.Groups[1].Value.ToLowerInvariant() : string.Empty;
        }

        public static bool IsKnown(string value) => Known.Contains(value ?? string.Empty, StringComparer.OrdinalIgnoreCase);
    }
}
