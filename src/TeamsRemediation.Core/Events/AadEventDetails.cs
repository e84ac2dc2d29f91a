using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace TeamsRemediation.Events
{
    /// <summary>The fields of an event 1098 description: Error: 0x..., Code:, AADSTS, Client ID:, Correlation ID.</summary>
    public sealed class AadEventDetails
    {
        // The Error field is a code by its place, but only a whole 32-bit value: "0xcaa2f00d-5b6e-..." is an identifier.
        private static readonly Regex ErrorLine = new Regex(@"^[ \t]*Error:[ \t]*(0x[0-9A-Fa-f]{1,8})(?![0-9A-Za-z-])[ \t]*(.*)$",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);
        private static readonly Regex CodeLine = new Regex(@"^\s*Code:\s*(\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        private static readonly Regex ClientLine = new Regex(@"^\s*Client ID:\s*([0-9A-Fa-f-]{36})",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);
        private static readonly Regex CorrelationLine = new Regex(@"^\s*Correlation ID[^:]*:\s*([0-9A-Fa-f-]{36})",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        private AadEventDetails()
        {
        }

        /// <summary>0xCAA2000C, as written.</summary>
        public string Error { get; private set; } = string.Empty;

        public string ErrorText { get; private set; } = string.Empty;

        /// <summary>The OAuth error: invalid_request, interaction_required, ...</summary>
        public string OAuthCode { get; private set; } = string.Empty;

        public string Aadsts { get; private set; } = string.Empty;

        public string ClientId { get; private set; } = string.Empty;

        public string CorrelationId { get; private set; } = string.Empty;

        public bool IsTeams => ClientId.Equals(Codes.CodeCatalog.TeamsClientId, StringComparison.OrdinalIgnoreCase);

        public static AadEventDetails Parse(string message)
        {
            var text = message ?? string.Empty;
            var error = ErrorLine.Match(text);
            return new AadEventDetails
            {
                Error = error.Success ? error.Groups[1].Value : string.Empty,
                ErrorText = error.Success ? Diagnostics.FindingText.Clean(error.Groups[2].Value).Trim() : string.Empty,
                OAuthCode = Diagnostics.FindingText.Clean(Group(CodeLine.Match(text))),
                Aadsts = Codes.CodeCatalog.Extract(text).FirstOrDefault(c => c.StartsWith("AADSTS", StringComparison.Ordinal)) ?? string.Empty,
                ClientId = Group(ClientLine.Match(text)),
                CorrelationId = Group(CorrelationLine.Match(text)),
            };
        }

        private static string Group(Match m) => m.Success ? m.Groups[1].Value : string.Empty;
    }
}
