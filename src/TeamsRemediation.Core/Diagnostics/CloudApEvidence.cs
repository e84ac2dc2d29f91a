using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Events;
using TeamsRemediation.Platform;
using TeamsRemediation.Text;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// The CloudAP plug-in's PRT errors of the AAD/Operational log, read next to event 1098 for one user (Microsoft's PRT
    /// troubleshooting guide): 1081 carries Entra ID's error code and description, 1088 the same from a WS-Trust (AD FS)
    /// endpoint, 1084 the network stack's sub-error. Like 1098, each event counts by its own time, and only the codes, the
    /// OAuth error and the correlation id are shown, never the event's text (no token or URL parameter leaves the log).
    /// An event logged by SYSTEM (the plug-in runs in LSA) cannot be told apart by user: it counts for each user, and says so.
    /// </summary>
    internal sealed class CloudApEvidence
    {
        private CloudApEvidence(IReadOnlyList<string> lines, IReadOnlyList<CodeInfo> codes, int count)
        {
            Lines = lines;
            Codes = codes;
            Count = count;
        }

        /// <summary>One line per event, newest first, at most the number asked for, then how many were left out.</summary>
        public IReadOnlyList<string> Lines { get; }

        /// <summary>The AADSTS codes the events carried (1081, 1088), newest first, each once.</summary>
        public IReadOnlyList<CodeInfo> Codes { get; }

        public int Count { get; }

        public static CloudApEvidence Read(IEnumerable<AadEvent> events, string userSid, DateTimeOffset cutoff, int maxLines)
        {
            var mine = events.Where(e => e.EventId != AadEvent.TokenBrokerError && AadEvent.ReadIds.Contains(e.EventId) && e.TimeCreated >= cutoff
                    && (e.UserSid.Equals(userSid, StringComparison.OrdinalIgnoreCase) || e.UserSid.Length == 0
                        || e.UserSid.Equals(WellKnownSids.LocalSystem, StringComparison.OrdinalIgnoreCase)))
                .OrderByDescending(e => e.TimeCreated)
                .ToList();
            var lines = new List<string>();
            var codes = new List<CodeInfo>();
            foreach (var e in mine)
            {
                var details = AadEventDetails.From(e);
                var info = details.Aadsts.Length > 0 ? CodeCatalog.Explain(details.Aadsts) : null;
                if (info != null && !codes.Any(c => c.Code == info.Code))
                {
                    codes.Add(info);
                }

                if (lines.Count < maxLines)
                {
                    lines.Add(Line(e, details, info));
                }
            }

            if (mine.Count > maxLines)
            {
                lines.Add(Wording.Count(mine.Count - maxLines, "older PRT error event") + " not listed.");
            }

            return new CloudApEvidence(lines, codes, mine.Count);
        }

        private static string Line(AadEvent e, AadEventDetails details, CodeInfo? info)
        {
            var parts = new List<string>
            {
                e.TimeCreated.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " event "
                    + e.EventId.ToString(CultureInfo.InvariantCulture) + " (" + What(e.EventId) + ")"
                    + (e.UserSid.Length == 0 || e.UserSid == WellKnownSids.LocalSystem ? ", logged by SYSTEM" : string.Empty),
            };
            if (details.Error.Length > 0)
            {
                parts.Add(details.Error + WinHttpName(details.Error));
            }

            if (details.OAuthCode.Length > 0)
            {
                parts.Add(details.OAuthCode);
            }

            if (info != null)
            {
                parts.Add(info.Code + " " + info.Meaning);
            }

            if (details.CorrelationId.Length > 0)
            {
                parts.Add("correlation " + details.CorrelationId);
            }

            return string.Join("; ", parts);
        }

        private static string What(int id) => id == AadEvent.CloudApServerError ? "PRT request refused by Entra ID"
            : id == AadEvent.CloudApWsTrustError ? "PRT request refused by the WS-Trust endpoint" : "PRT request failed on the network";

        /// <summary>An HRESULT of the WinHTTP facility (0x80072Exx/0x80072Fxx) as its winhttp.h number, e.g. 0x80072EE7 = 12007.</summary>
        private static string WinHttpName(string error)
        {
            if (!error.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                || !uint.TryParse(error.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
                || (value & 0xFFFF0000) != 0x80070000)
            {
                return string.Empty;
            }

            var code = value & 0xFFFF;
            return code >= 12000 && code < 12200 ? " (WinHTTP error " + code.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty;
        }
    }
}
