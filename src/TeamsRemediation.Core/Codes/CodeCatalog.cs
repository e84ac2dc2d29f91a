using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Platform;

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

    /// <summary>
    /// Who must act on a finding: the PC (a repair cmdlet), the user (sign in, MFA, password), the tenant's Entra ID
    /// admin (policy, account, app), the network team (DNS, firewall, proxy), or the PC's administrator (device policy).
    /// </summary>
    public enum FindingOwner
    {
        Device,
        User,
        TenantAdmin,
        Network,

        /// <summary>The PC's administrator: a device policy or configuration (Group Policy, Intune, FSLogix) the module never changes.</summary>
        DeviceAdmin,
    }

    /// <summary>One known code: what it means, what kind of cause, whether it alone means sign-in is broken, who acts, and the advice when that is
    /// not the PC.</summary>
    public sealed class CodeInfo
    {
        public CodeInfo(string code, string meaning, CodeCause cause, bool breaksSignIn, FindingOwner owner = FindingOwner.Device, string advice = "")
        {
            Code = code;
            Meaning = meaning;
            Cause = cause;
            BreaksSignIn = breaksSignIn;
            Owner = owner;
            Advice = advice;
        }

        /// <summary>CAA20002, AADSTS50126, 80090016.</summary>
        public string Code { get; }

        public string Meaning { get; }

        public CodeCause Cause { get; }

        /// <summary>False for codes that ask the user to act (MFA) or that a tenant policy decides: a warning, not a local failure.</summary>
        public bool BreaksSignIn { get; }

        public FindingOwner Owner { get; }

        /// <summary>What the user or admin does (Microsoft's guidance); empty for codes a repair cmdlet on the PC addresses.</summary>
        public string Advice { get; }

        /// <summary>Only the user or the tenant admin can fix it: a finding about it carries advice, never a device remedy.</summary>
        public bool IsOutsideThePc => Owner == FindingOwner.User || Owner == FindingOwner.TenantAdmin;

        public override string ToString() => Code + " (" + Meaning + ")";
    }

    /// <summary>
    /// The one table of sign-in error codes, the facility classification of unknown 0xCAA
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

        private static readonly Regex CaaPattern = new Regex(Before + @"(?:0x)?(CAA[0-9A-F]{5})" + After,
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex AadstsPattern = new Regex(Before + @"AADSTS(\d{4,7})" + After,
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex KeysetPattern = new Regex(Before + @"(?:0x)?(80090016)" + After,
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private const string AskAdmin = "Ask the Entra ID admin, with the correlation id and time from the evidence";

        // Sources: Microsoft's "Resolve sign-in errors in Teams" and "Microsoft 365 Apps activation error 0xCAA50021"
        // pages, the Entra authentication error code reference (AADSTS) and "Troubleshoot primary refresh token issues on
        // Windows devices" (AADSTS50034, AADSTS50126, AADSTS50155; its CloudAP statuses are in CloudApStatuses).
        private static readonly Dictionary<string, CodeInfo> Known = new[]
        {
            new CodeInfo("CAA20002", "invalid_request: Entra ID rejected the token request", CodeCause.Request, true),
            new CodeInfo("CAA20003", "invalid_grant: often the PC's clock is wrong", CodeCause.Clock, true),
            new CodeInfo("CAA20004", "access denied by a tenant policy (Conditional Access)", CodeCause.Policy, false, FindingOwner.TenantAdmin,
                AskAdmin + ": a Conditional Access policy denies this sign-in; nothing on this PC changes that."),
            new CodeInfo("CAA2000B", "invalid resource: the tenant does not know the app or resource Teams asked for", CodeCause.Policy, false,
                FindingOwner.TenantAdmin, AskAdmin + ": the resource or app registration is missing or disabled in the tenant."),
            new CodeInfo("CAA2000C", "interaction required (MFA or Conditional Access)", CodeCause.Interaction, false, FindingOwner.User,
                "Sign in to Teams interactively and complete the prompt (multi-factor authentication or terms of use)."),
            new CodeInfo("CAA50021", "the token broker's account store is damaged", CodeCause.Broker, true),
            new CodeInfo("CAA5001C", "token broker operation failed", CodeCause.Broker, true),
            new CodeInfo("CAA70004", "server or proxy not found", CodeCause.Proxy, true, FindingOwner.Network),
            new CodeInfo("CAA70007", "connection interrupted", CodeCause.Network, true, FindingOwner.Network),
            new CodeInfo("CAA82EE2", "timeout reaching the sign-in service", CodeCause.Network, true, FindingOwner.Network),
            new CodeInfo("CAA82EE7", "name not resolved (DNS)", CodeCause.Network, true, FindingOwner.Network),
            new CodeInfo("CAA82EFD", "cannot connect to the sign-in service", CodeCause.Network, true, FindingOwner.Network),
            new CodeInfo("CAA82F7D", "secure channel failure (TLS)", CodeCause.Tls, true),
            new CodeInfo("CAA82F8F", "secure channel failure (TLS)", CodeCause.Tls, true),
            new CodeInfo("CAA60007", "malformed response (a proxy returning HTML)", CodeCause.Proxy, true, FindingOwner.Network),
            new CodeInfo("CAA90015", "unexpected response (a proxy returning HTML)", CodeCause.Proxy, true, FindingOwner.Network),
            new CodeInfo("CAA90019", "unexpected response (a proxy returning HTML)", CodeCause.Proxy, true, FindingOwner.Network),
            new CodeInfo("CAA5004B", "no device information: the work account's certificate is missing", CodeCause.Account, true),
            new CodeInfo("80090016", "keyset does not exist (TPM or Windows Hello key): WAM state is broken", CodeCause.Broker, true),
        }.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

        private static readonly Dictionary<string, CodeInfo> KnownAadsts = new[]
        {
            Aadsts("50011", "the reply address does not match the app", CodeCause.Policy, FindingOwner.TenantAdmin,
                AskAdmin + ": the app's reply address is misconfigured."),
            Aadsts("50034", "the user account does not exist in the tenant's directory", CodeCause.Account, FindingOwner.TenantAdmin,
                AskAdmin + ": check the UPN the user signs in with (event 1144 of the AAD/Analytic log shows it) and that the on-premises "
                    + "account is synchronized to Entra ID."),
            Aadsts("50053", "the account is locked (too many sign-in attempts)", CodeCause.Account, FindingOwner.User,
                "Wait until the lockout ends or ask the help desk to unlock the account; change the password if it may have been guessed."),
            Aadsts("50055", "the password has expired", CodeCause.Account, FindingOwner.User,
                "Change the password (Ctrl+Alt+Del > Change a password, or the company's password page), then sign in again."),
            Aadsts("50057", "the account is disabled", CodeCause.Account, FindingOwner.TenantAdmin, AskAdmin + " to enable the account."),
            Aadsts("50058", "no signed-in user for a silent sign-in", CodeCause.Interaction, FindingOwner.User,
                "Sign in to Teams interactively once."),
            Aadsts("50076", "multi-factor authentication required", CodeCause.Interaction, FindingOwner.User,
                "Sign in to Teams interactively and complete multi-factor authentication."),
            Aadsts("50079", "the user must register for multi-factor authentication", CodeCause.Interaction, FindingOwner.User,
                "Register the security info (https://aka.ms/mysecurityinfo), then sign in to Teams again."),
            Aadsts("50097", "device authentication required", CodeCause.Account, FindingOwner.Device, string.Empty),
            Aadsts("50126", "invalid user name or password", CodeCause.Account, FindingOwner.User,
                "Sign in with the current password; after a password change, lock and unlock Windows with the new one (on a hybrid joined "
                    + "device with password hash sync, once the new password has reached Entra ID)."),
            Aadsts("50155", "device authentication failed", CodeCause.Account, FindingOwner.Device, string.Empty),
            Aadsts("50158", "an external security challenge (MFA provider or policy) was not satisfied", CodeCause.Interaction, FindingOwner.User,
                "Sign in to Teams interactively and complete the security challenge."),
            Aadsts("50173", "the grant expired (password changed or sessions revoked): sign in again", CodeCause.Account, FindingOwner.User,
                "Sign out of Teams and sign in again with the current password; lock and unlock Windows with it too."),
            Aadsts("53000", "the device is not compliant with the tenant's policy", CodeCause.Policy, FindingOwner.TenantAdmin,
                AskAdmin + ": the device must be compliant (Intune) before Conditional Access lets it sign in."),
            Aadsts("53003", "blocked by Conditional Access", CodeCause.Policy, FindingOwner.TenantAdmin,
                AskAdmin + ": a Conditional Access policy blocks this sign-in."),
            Aadsts("65001", "consent missing for the app", CodeCause.Policy, FindingOwner.TenantAdmin, AskAdmin + " to grant consent for the app."),
            Aadsts("70000", "invalid or expired grant", CodeCause.Request, FindingOwner.Device, string.Empty),
            Aadsts("70008", "the refresh token expired after inactivity", CodeCause.Account, FindingOwner.User, "Sign in to Teams again."),
            Aadsts("90014", "a required field is missing from the request (invalid_request)", CodeCause.Request, FindingOwner.Device, string.Empty),
            Aadsts("130004", "NgcKeyNotFound: the user has no Windows Hello (NGC) key configured", CodeCause.Broker, FindingOwner.Device,
                string.Empty),
            Aadsts("130005", "NgcInvalidSignature: the Windows Hello (NGC) key's signature did not verify", CodeCause.Broker, FindingOwner.Device,
                string.Empty),
            Aadsts("130006", "NgcTransportKeyNotFound: the Windows Hello (NGC) transport key is not configured on the device", CodeCause.Broker,
                FindingOwner.Device, string.Empty),
            Aadsts("130007", "NgcDeviceIsDisabled: the device of the Windows Hello (NGC) key is disabled", CodeCause.Policy,
                FindingOwner.TenantAdmin, AskAdmin + " to enable the device object (a Windows Hello key of a disabled device is refused)."),
            Aadsts("130008", "NgcDeviceIsNotFound: the device the Windows Hello (NGC) key refers to was not found", CodeCause.Policy,
                FindingOwner.TenantAdmin, AskAdmin + ": the device object was deleted; the device is registered again by its join type."),
            Aadsts("135010", "KeyNotFound: the device's key was not found", CodeCause.Broker, FindingOwner.Device, string.Empty),
            Aadsts("135011", "the device is disabled in Entra ID", CodeCause.Policy, FindingOwner.TenantAdmin,
                AskAdmin + " to enable the device object."),
            Aadsts("500133", "the token is not yet valid or expired: the PC's clock is wrong", CodeCause.Clock, FindingOwner.Device, string.Empty),
            Aadsts("500011", "the resource principal was not found in the tenant (the app Teams asked for)", CodeCause.Policy,
                FindingOwner.TenantAdmin, AskAdmin + ": the resource's service principal is missing in the tenant (it was never consented or was "
                    + "deleted); nothing on this PC changes that."),
            Aadsts("700082", "the refresh token expired after inactivity: sign in again", CodeCause.Account, FindingOwner.User,
                "Sign in to Teams again (the session expired after a long time without use)."),
            Aadsts("900144", "the request misses a required parameter (invalid_request)", CodeCause.Request, FindingOwner.Device, string.Empty),
        }.ToDictionary(c => c.Code, StringComparer.Ordinal);

        /// <summary>The facts for a CAA, AADSTS or other code: the tables when known, else the facility classification.</summary>
        public static CodeInfo Explain(string code)
        {
            var normalized = Normalize(code);
            if (Known.TryGetValue(normalized, out var info) || KnownAadsts.TryGetValue(normalized, out info))
            {
                return info;
            }

            if (normalized.StartsWith("AADSTS", StringComparison.Ordinal))
            {
                return new CodeInfo(normalized, ExplainAadsts(normalized), CodeCause.Unknown, true);
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
            return KnownAadsts.TryGetValue("AADSTS" + digits, out var info)
                ? info.Meaning
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

        /// <summary>
        /// The CAA code Teams shows for the network failure a probe met, from the table above, or empty when Teams
        /// shows none for it.
        /// </summary>
        public static string ClientCodeFor(ProbeOutcome outcome)
        {
            switch (outcome)
            {
                case ProbeOutcome.NameNotResolved: return Known["CAA82EE7"].Code;
                case ProbeOutcome.ConnectFailed: return Known["CAA82EFD"].Code;
                case ProbeOutcome.TimedOut: return Known["CAA82EE2"].Code;
                case ProbeOutcome.ProxyRefused: return Known["CAA70004"].Code;
                case ProbeOutcome.TlsFailed: return Known["CAA82F8F"].Code;
                case ProbeOutcome.HtmlInsteadOfService: return Known["CAA90015"].Code;
                default: return string.Empty;
            }
        }

        /// <summary>One line for an admin: code and meaning (AADSTS or CAA alike).</summary>
        public static string Describe(string code) => code.StartsWith("AADSTS", StringComparison.Ordinal) ? code + " " + ExplainAadsts(code)
            : Explain(code).ToString();

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
                case '3': return new CodeInfo(code,
                    "HTTP status " + (low & 0xFFF).ToString(CultureInfo.InvariantCulture)
                        + " from the sign-in service", CodeCause.Network, true, FindingOwner.Network);
                case '5': return new CodeInfo(code, "system error in the sign-in stack", CodeCause.Broker, true);
                case '6': return new CodeInfo(code, "unreadable JSON answer (often a proxy returning HTML)", CodeCause.Proxy, true,
                    FindingOwner.Network);
                case '7':
                case '8': return new CodeInfo(code, "network error (WinINet/WinHTTP " + (low & 0xFFFF).ToString(CultureInfo.InvariantCulture) + ")",
                    CodeCause.Network, true, FindingOwner.Network);
                case '9': return new CodeInfo(code, "token flow or WS-Trust error", CodeCause.Request, true);
                case 'B': return new CodeInfo(code, "token broker (WAM) error", CodeCause.Broker, true);
                default: return new CodeInfo(code, "unclassified CAA code", CodeCause.Unknown, true);
            }
        }

        private static CodeInfo Aadsts(string number, string meaning, CodeCause cause, FindingOwner owner, string advice) =>
            new CodeInfo("AADSTS" + number, meaning, cause, owner == FindingOwner.Device, owner, advice);

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
