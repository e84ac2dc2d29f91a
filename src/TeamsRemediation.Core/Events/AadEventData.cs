using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Events
{
    /// <summary>
    /// The fields of event 1098 read from its structured data (EventData), which no display language changes. The
    /// provider's field names differ between Windows builds, so nothing here depends on a name: the error is the
    /// value that is a whole 32-bit hex code, the Teams client id counts wherever it appears (client field, redirect
    /// URI, request summary), and the OAuth error and AADSTS code are protocol tokens found in any value.
    /// </summary>
    internal sealed class AadEventData
    {
        private static readonly Regex WholeHexCode = new Regex(@"^\s*(0x[0-9A-Fa-f]{1,8})\s*$", RegexOptions.CultureInvariant);
        private const string GuidPattern = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";
        private static readonly Regex Guid = new Regex("(?<![0-9A-Fa-f-])(" + GuidPattern + ")(?![0-9A-Fa-f-])", RegexOptions.CultureInvariant);

        // The broker writes the request summary itself ("correlation ID (request): <guid>"), in English on every Windows.
        private static readonly Regex CorrelationInValue = new Regex(@"correlation[ _]?id[^:]*:\s*(" + GuidPattern + ")",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private AadEventData()
        {
        }

        public string Error { get; private set; } = string.Empty;

        public string OAuthCode { get; private set; } = string.Empty;

        public string Aadsts { get; private set; } = string.Empty;

        public string ClientId { get; private set; } = string.Empty;

        public string CorrelationId { get; private set; } = string.Empty;

        public static AadEventData Read(IReadOnlyList<EventDataField> fields)
        {
            var data = new AadEventData();
            if (fields == null || fields.Count == 0)
            {
                return data;
            }

            var values = fields.Select(f => f.Value ?? string.Empty).ToList();
            var all = string.Join("\n", values);

            // Several fields may hold a hex value (a status, a sub-status): the one named as an error wins.
            var hexFields = fields.Where(f => WholeHexCode.IsMatch(f.Value)).ToList();
            var error = hexFields.FirstOrDefault(f => f.Name.IndexOf("Error", StringComparison.OrdinalIgnoreCase) >= 0) ?? hexFields.FirstOrDefault();
            data.Error = error != null ? WholeHexCode.Match(error.Value).Groups[1].Value : string.Empty;

            data.OAuthCode = OAuthErrorCodes.FindFirst(all);
            data.Aadsts = CodeCatalog.Extract(all).FirstOrDefault(c => c.StartsWith("AADSTS", StringComparison.Ordinal)) ?? string.Empty;
            data.ClientId = ClientIdOf(fields, all);
            data.CorrelationId = CorrelationOf(fields, all);
            return data;
        }

        private static string ClientIdOf(IReadOnlyList<EventDataField> fields, string all)
        {
            if (all.IndexOf(CodeCatalog.TeamsClientId, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return CodeCatalog.TeamsClientId;
            }

            // Another app: its id only where a field says it is one, never a guessed GUID (a correlation id is one too).
            var named = fields.FirstOrDefault(f => (f.Name.IndexOf("Client", StringComparison.OrdinalIgnoreCase) >= 0
                || f.Name.IndexOf("AppId", StringComparison.OrdinalIgnoreCase) >= 0) && Guid.IsMatch(f.Value));
            return named != null ? Guid.Match(named.Value).Groups[1].Value : string.Empty;
        }

        private static string CorrelationOf(IReadOnlyList<EventDataField> fields, string all)
        {
            var named = fields.FirstOrDefault(f => f.Name.IndexOf("Correlation", StringComparison.OrdinalIgnoreCase) >= 0 && Guid.IsMatch(f.Value));
            if (named != null)
            {
                return Guid.Match(named.Value).Groups[1].Value;
            }

            var inValue = CorrelationInValue.Match(all);
            return inValue.Success ? inValue.Groups[1].Value : string.Empty;
        }
    }
}
