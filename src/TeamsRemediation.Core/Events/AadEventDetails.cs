using System;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Events
{
    /// <summary>
    /// The fields of an event 1098: from its structured data first (<see cref="AadEventData"/>, the same on every
    /// display language), then from the rendered description (Error: 0x..., Code:, AADSTS, Client ID:, Correlation ID).
    /// The description's labels are localized; where the English label is missing, the label-free reading applies:
    /// the error code of the first line, an OAuth error value anywhere, the Teams client id anywhere.
    /// </summary>
    public sealed class AadEventDetails
    {
        // The Error field is a code by its place, but only a whole 32-bit value: "0xcaa2f00d-5b6e-..." is an identifier.
        private static readonly Regex ErrorLine = new Regex(@"^[ \t]*Error:[ \t]*(0x[0-9A-Fa-f]{1,8})(?![0-9A-Za-z-])[ \t]*(.*)$",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);
        // The first line of every language's template is "<Error label>: 0x... <text>" ("Ошибка:", "Fehler:").
        private static readonly Regex FirstLineError = new Regex(@"\A[ \t]*[^\r\n:]{1,40}:[ \t]*(0x[0-9A-Fa-f]{1,8})(?![0-9A-Za-z-])[ \t]*([^\r\n]*)",
            RegexOptions.CultureInvariant);
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

        /// <summary>
        /// Why the sign-in failed: the AADSTS code when only the user or the admin can change it, whatever generic CAA code the
        /// client wrapped it in; otherwise the error code; null without either.
        /// </summary>
        public Codes.CodeInfo? Cause
        {
            get
            {
                var aadsts = Aadsts.Length > 0 ? Codes.CodeCatalog.Explain(Aadsts) : null;
                return aadsts != null && aadsts.IsOutsideThePc ? aadsts : Error.Length > 0 ? Codes.CodeCatalog.Explain(Error) : null;
            }
        }

        /// <summary>The event's fields: each one from the structured data when they hold it, else from the rendered text.</summary>
        public static AadEventDetails From(AadEvent e)
        {
            var rendered = Parse(e.Message);
            var data = AadEventData.Read(e.Data);
            return new AadEventDetails
            {
                Error = First(data.Error, rendered.Error),
                ErrorText = rendered.ErrorText,
                OAuthCode = First(data.OAuthCode, rendered.OAuthCode),
                Aadsts = First(data.Aadsts, rendered.Aadsts),
                ClientId = First(data.ClientId, rendered.ClientId),
                CorrelationId = First(data.CorrelationId, rendered.CorrelationId),
            };
        }

        /// <summary>The fields of a rendered description alone (an event without structured data, a pasted text).</summary>
        public static AadEventDetails Parse(string message)
        {
            var text = message ?? string.Empty;
            var error = ErrorLine.Match(text);
            if (!error.Success)
            {
                error = FirstLineError.Match(text);
            }

            var code = Group(CodeLine.Match(text));
            var client = Group(ClientLine.Match(text));
            return new AadEventDetails
            {
                Error = error.Success ? error.Groups[1].Value : string.Empty,
                ErrorText = error.Success ? Diagnostics.FindingText.Clean(error.Groups[2].Value).Trim() : string.Empty,
                OAuthCode = Diagnostics.FindingText.Clean(code.Length > 0 ? code : OAuthErrorCodes.FindFirst(text)),
                Aadsts = Codes.CodeCatalog.Extract(text).FirstOrDefault(c => c.StartsWith("AADSTS", StringComparison.Ordinal)) ?? string.Empty,
                ClientId = client.Length > 0 ? client : TeamsClientIdAnywhere(text),
                CorrelationId = Group(CorrelationLine.Match(text)),
            };
        }

        private static string TeamsClientIdAnywhere(string text) =>
            text.IndexOf(Codes.CodeCatalog.TeamsClientId, StringComparison.OrdinalIgnoreCase) >= 0 ? Codes.CodeCatalog.TeamsClientId : string.Empty;

        private static string First(string preferred, string fallback) => preferred.Length > 0 ? preferred : fallback;

        private static string Group(Match m) => m.Success ? m.Groups[1].Value : string.Empty;
    }
}
