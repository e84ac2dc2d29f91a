using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace TeamsRemediation.Codes
{
    /// <summary>What kind of cause a code points to, which decides the remedy.</summary>
    public enum CodeCause
    {
        Request,
        Clock,
        Policy,
        Interaction,
        Network,
        Tls,
        Proxy,
        Account,
        Broker,
        Unknown,
    }

    /// <summary>One known code: what it means, what kind of cause, and whether it alone means sign-in is broken.</summary>
    public sealed class CodeInfo
    {
        public CodeInfo(string code, string meaning, CodeCause cause, bool breaksSignIn)
        {
            Code = code;
            Meaning = meaning;
            Cause = cause;
            BreaksSignIn = breaksSignIn;
        }

        /// <summary>CAA20002, AADSTS50126, 80090016.</summary>
        public string Code { get; }

        public string Meaning { get; }

        public CodeCause Cause { get; }

        /// <summary>False for codes that ask the user to act (MFA) or that a tenant policy decides: a warning, not a local failure.</summary>
        public bool BreaksSignIn { get; }

        public override string ToString() => Code + " (" + Meaning + ")";
    }

    /// <summary>
    /// The one table of sign-in error codes (facts.md section 1), the facility classification of unknown 0xCAA
    /// codes, and the extraction of CAA and AADSTS codes from any text. Event 1098 and the Teams logs are both
    /// explained from here, so the same code never reads two ways.
    /// </summary>
    public static class CodeCatalog
    {
        /// <summary>Teams desktop client id, as event 1098 names it.</summary>
        public const string TeamsClientId = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

        public const string OfficeClientId = "d3590ed6-52b3-4102-aeff-aad2292ab01c";

        // A code counts only where it stands as a code: its own token, not a piece of an identifier. No letter,
        // digit or hyphen may touch it, so a group of a GUID (caa2f00d-5b6e-...), even one cut short at the end of
        // an excerpt, the middle of a hex run or a hash never reads as an error code.
        private const string Before = @"(?<![0-9A-Za-z-])";
        private const string After = @"(?![0-9A-Za-z-])";

        private static readonly Regex CaaPattern = new Regex(Before + @"(?:0x)?(CAA[0-9A-F]{5})" + After, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex AadstsPattern = new Regex(Before + @"AADSTS(\d{4,7})" + After, RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex KeysetPattern = new Regex(Before + @"(?:0x)?(80090016)" + After, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Dictionary<string, CodeInfo> Known = new[]
        {
            new CodeInfo("CAA20002", "invalid_request: Entra ID rejected the token request", CodeCause.Request, true),
            new CodeInfo("CAA20003", "invalid_grant: often the PC's clock is wrong", CodeCause.Clock, true),
            new CodeInfo("CAA20004", "access denied by a tenant policy (Conditional Access)", CodeCause.Policy, false),
            new CodeInfo("CAA2000C", "interaction required (MFA or Conditional Access)", CodeCause.Interaction, false),
            new CodeInfo("CAA70004", "server or proxy not found", CodeCause.Proxy, true),
            new CodeInfo("CAA70007", "connection interrupted", CodeCause.Network, true),
            new CodeInfo("CAA82EE2", "timeout reaching the sign-in service", CodeCause.Network, true),
            new CodeInfo("CAA82EE7", "name not resolved (DNS)", CodeCause.Network, true),
            new CodeInfo("CAA82EFD", "cannot connect to the sign-in service", CodeCause.Network, true),
            new CodeInfo("CAA82F7D", "secure channel failure (TLS)", CodeCause.Tls, true),
            new CodeInfo("CAA82F8F", "secure channel failure (TLS)", CodeCause.Tls, true),
            new CodeInfo("CAA60007", "malformed response (a proxy returning HTML)", CodeCause.Proxy, true),
            new CodeInfo("CAA90015", "unexpected response (a proxy returning HTML)", CodeCause.Proxy, true),
            new CodeInfo("CAA90019", "unexpected response (a proxy returning HTML)", CodeCause.Proxy, true),
            new CodeInfo("CAA5004B", "no device information: the work account's certificate is missing", CodeCause.Account, true),
            new CodeInfo("80090016", "keyset does not exist (TPM or Windows Hello key): WAM state is broken", CodeCause.Broker, true),
        }.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

        private static readonly Dictionary<string, string> KnownAadsts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["50011"] = "the reply address does not match the app",
            ["50053"] = "the account is locked (too many sign-in attempts)",
            ["50055"] = "the password has expired",
            ["50057"] = "the account is disabled",
            ["50058"] = "no signed-in user for a silent sign-in",
            ["50076"] = "multi-factor authentication required",
            ["50079"] = "the user must register for multi-factor authentication",
            ["50097"] = "device authentication required",
            ["50126"] = "invalid user name or password",
            ["50155"] = "device authentication failed",
            ["50173"] = "the grant expired (password changed or sessions revoked): sign in again",
            ["53003"] = "blocked by Conditional Access",
            ["65001"] = "consent missing for the app",
            ["70000"] = "invalid or expired grant",
            ["90014"] = "a required field is missing from the request (invalid_request)",
            ["135011"] = "the device is disabled in Entra ID",
            ["700082"] = "the refresh token expired after inactivity: sign in again",
            ["900144"] = "the request misses a required parameter (invalid_request)",
        };

        /// <summary>The facts for a CAA or other code: the table when known, else the facility classification.</summary>
        public static CodeInfo Explain(string code)
        {
            var normalized = Normalize(code);
            if (Known.TryGetValue(normalized, out var info))
            {
                return info;
            }

            if (normalized.StartsWith("CAA", StringComparison.Ordinal) && normalized.Length == 8)
            {
                return Classify(normalized);
            }

            return new CodeInfo(normalized, "unknown code", CodeCause.Unknown, true);
        }

        /// <summary>The meaning of an AADSTS number, with Microsoft's lookup page for the ones not in the table.</summary>
        public static string ExplainAadsts(string number)
        {
            var digits = number.StartsWith("AADSTS", StringComparison.Ordinal) ? number.Substring(6) : number;
            return KnownAadsts.TryGetValue(digits, out var meaning)
                ? meaning
                : "see https://login.microsoftonline.com/error?code=" + digits;
        }

        /// <summary>Every CAA code (as CAAxxxxx), AADSTS code (as AADSTSnnnnn) and 80090016 in a text, in order of first appearance.</summary>
        public static IReadOnlyList<string> Extract(string text)
        {
            var found = new List<string>();
            if (string.IsNullOrEmpty(text))
            {
                return found;
            }

            foreach (Match m in CaaPattern.Matches(text))
            {
                Add(found, m.Groups[1].Value.ToUpperInvariant());
            }

            foreach (Match m in AadstsPattern.Matches(text))
            {
                Add(found, "AADSTS" + m.Groups[1].Value);
            }

            foreach (Match m in KeysetPattern.Matches(text))
            {
                Add(found, m.Groups[1].Value);
            }

            return found;
        }

        /// <summary>One line for an admin: code and meaning (AADSTS or CAA alike).</summary>
        public static string Describe(string code) => code.StartsWith("AADSTS", StringComparison.Ordinal) ? code + " " + ExplainAadsts(code) : Explain(code).ToString();

        /// <summary>
        /// Unknown 0xCAA codes by facility (the third to fifth hex digits, AA?): AA2 Entra OAuth error, AA3 HTTP status,
        /// AA5 system, AA6 JSON (often a proxy's HTML), AA7/AA8 WinINet or WinHTTP network error (the low word is the
        /// WinINet error number), AA9 token flow, AAB token broker.
        /// </summary>
        private static CodeInfo Classify(string code)
        {
            var facility = code[3];
            var low = int.Parse(code.Substring(4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            switch (facility)
            {
                case '2': return new CodeInfo(code, "Entra ID OAuth error (request or account side)", CodeCause.Request, true);
                case '3': return new CodeInfo(code, "HTTP status " + (low & 0xFFF).ToString(CultureInfo.InvariantCulture) + " from the sign-in service", CodeCause.Network, true);
                case '5': return new CodeInfo(code, "system error in the sign-in stack", CodeCause.Broker, true);
                case '6': return new CodeInfo(code, "unreadable JSON answer (often a proxy returning HTML)", CodeCause.Proxy, true);
                case '7':
                case '8': return new CodeInfo(code, "network error (WinINet/WinHTTP " + (low & 0xFFFF).ToString(CultureInfo.InvariantCulture) + ")", CodeCause.Network, true);
                case '9': return new CodeInfo(code, "token flow or WS-Trust error", CodeCause.Request, true);
                case 'B': return new CodeInfo(code, "token broker (WAM) error", CodeCause.Broker, true);
                default: return new CodeInfo(code, "unclassified CAA code", CodeCause.Unknown, true);
            }
        }

        private static string Normalize(string code)
        {
            var c = (code ?? string.Empty).Trim().ToUpperInvariant();
            return c.StartsWith("0X", StringComparison.Ordinal) ? c.Substring(2) : c;
        }

        private static void Add(List<string> found, string code)
        {
            if (!found.Contains(code))
            {
                found.Add(code);
            }
        }
    }
}
