using System;
using System.Collections.Generic;

namespace TeamsRemediation.Account
{
    /// <summary>
    /// The output of `dsregcmd /status`: `| Section |` boxes of `Name : Value` lines. Lines it does not
    /// understand (other languages, new fields, banners) are ignored, never an error; a value is looked up by
    /// section and name, case-insensitively.
    /// </summary>
    /// <remarks>
    /// Localization: the section titles and field names are identifiers (Microsoft's dsregcmd article documents
    /// them by these names, AzureAdJoined, TenantName, AuthCodeUrl) and stay English on a Russian or German Windows;
    /// the values are not: a tenant, device or user name is in any script, which is why the bytes must be decoded
    /// with the code page dsregcmd wrote them in (<see cref="Platform.ConsoleOutputDecoder"/>).
    /// </remarks>
    public sealed class DsregStatus
    {
        public const string DeviceState = "Device State";
        public const string DeviceDetails = "Device Details";
        public const string UserState = "User State";
        public const string SsoState = "SSO State";
        public const string TenantDetails = "Tenant Details";

        private readonly Dictionary<string, Dictionary<string, string>> sections = new Dictionary<string, Dictionary<string,
            string>>(StringComparer.OrdinalIgnoreCase);

        private DsregStatus()
        {
        }

        /// <summary>True when the output has the Device State section with its join flags: anything else is not an output we can read.</summary>
        public bool IsRecognized => Get(DeviceState, "AzureAdJoined") != null && Get(DeviceState, "DomainJoined") != null;

        public static DsregStatus Parse(string output)
        {
            var status = new DsregStatus();
            var current = string.Empty;
            foreach (var raw in (output ?? string.Empty).Split('\n'))
            {
                var line = raw.TrimEnd('\r').Trim();
                if (line.Length == 0 || line.StartsWith("+-", StringComparison.Ordinal))
                {
                    continue;
                }

                if (line.StartsWith("|", StringComparison.Ordinal) && line.EndsWith("|", StringComparison.Ordinal) && line.Length > 2)
                {
                    current = line.Trim('|').Trim();
                    continue;
                }

                var colon = line.IndexOf(" : ", StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }

                // A garbled or re-encoded output must not carry control characters into findings and one-line reports.
                var name = Diagnostics.FindingText.Clean(line.Substring(0, colon)).Trim();
                var value = Diagnostics.FindingText.Clean(line.Substring(colon + 3)).Trim();
                if (!status.sections.TryGetValue(current, out var values))
                {
                    values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    status.sections[current] = values;
                }

                if (!values.ContainsKey(name))
                {
                    values[name] = value;
                }
            }

            return status;
        }

        public string? Get(string section, string name) => sections.TryGetValue(section, out var values)
            && values.TryGetValue(name, out var value) ? value : null;

        /// <summary>YES is true, NO is false, anything else (absent, NOT SET) is null.</summary>
        public bool? Flag(string section, string name)
        {
            var value = Get(section, name);
            if (string.Equals(value, "YES", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return string.Equals(value, "NO", StringComparison.OrdinalIgnoreCase) ? false : (bool?)null;
        }

        public bool HasSection(string section) => sections.ContainsKey(section);

        /// <summary>Entra joined, Hybrid Entra joined, Domain joined only, or Not joined (entra-docs troubleshoot-device-dsregcmd).</summary>
        public string JoinType
        {
            get
            {
                var entra = Flag(DeviceState, "AzureAdJoined") == true;
                var enterprise = Flag(DeviceState, "EnterpriseJoined") == true;
                var domain = Flag(DeviceState, "DomainJoined") == true;
                if (entra && domain)
                {
                    return "Hybrid Entra joined";
                }

                if (entra)
                {
                    return "Entra joined";
                }

                if (enterprise)
                {
                    return "Enterprise joined (on-premises DRS)";
                }

                return domain ? "Domain joined only" : "Not joined";
            }
        }

        public bool IsEntraJoined => Flag(DeviceState, "AzureAdJoined") == true;

        /// <summary>
        /// How the device (and, in User State, the user's work account) is tied to Entra ID. Registered wins over
        /// domain only: a domain PC with a registered work account signs in through that account.
        /// </summary>
        public DeviceJoinKind JoinKind
        {
            get
            {
                if (IsEntraJoined)
                {
                    return Flag(DeviceState, "DomainJoined") == true ? DeviceJoinKind.Hybrid : DeviceJoinKind.EntraJoined;
                }

                if (Flag(UserState, "WorkplaceJoined") == true)
                {
                    return DeviceJoinKind.Registered;
                }

                var onPremises = Flag(DeviceState, "DomainJoined") == true || Flag(DeviceState, "EnterpriseJoined") == true;
                return onPremises ? DeviceJoinKind.DomainOnly : DeviceJoinKind.None;
            }
        }

        /// <summary>The user's Entra PRT as dsregcmd shows it: YES within its expiry, YES past it, NO, or no readable line.</summary>
        public PrtState PrtStateAt(DateTime utcNow)
        {
            var prt = Flag(SsoState, "AzureAdPrt");
            if (prt == false)
            {
                return PrtState.Absent;
            }

            if (prt != true)
            {
                return PrtState.Unreadable;
            }

            var expiry = PrtExpiryUtc;
            return expiry.HasValue && expiry.Value <= utcNow ? PrtState.Expired : PrtState.Present;
        }

        /// <summary>AzureAdPrtExpiryTime ("2026-12-01 09:12:01.000 UTC"), when printed and readable.</summary>
        public DateTime? PrtExpiryUtc => Time(SsoState, "AzureAdPrtExpiryTime");

        /// <summary>AzureAdPrtUpdateTime: when Windows last got or refreshed the PRT, when printed and readable.</summary>
        public DateTime? PrtUpdateUtc => Time(SsoState, "AzureAdPrtUpdateTime");

        /// <summary>The diagnostics of the last PRT request (AcquirePrtDiagnostics : PRESENT, Windows 10 21H1 and later), or null when dsregcmd
        /// printed none.</summary>
        public PrtAttempt? LastPrtAttempt => PrtAttempt.From(this);

        /// <summary>A dsregcmd time ("2026-12-01 09:12:01.000 UTC") as UTC, or null when absent or in another shape.</summary>
        public DateTime? Time(string section, string name)
        {
            var text = Get(section, name);
            return text != null && DateTime.TryParseExact(
                text.Trim(),
                new[] { "yyyy-MM-dd HH:mm:ss.fff 'UTC'", "yyyy-MM-dd HH:mm:ss 'UTC'" },
                System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal,
                out var time)
                ? time
                : (DateTime?)null;
        }

        /// <summary>True when the output carries the sections that are valid only when dsregcmd ran as the user.</summary>
        public bool HasUserState => HasSection(UserState) || HasSection(SsoState);

        public string? TenantName => Get(TenantDetails, "TenantName");

        /// <summary>Why the last PRT request failed, in one line: the attempt status and the server's error, when dsregcmd printed them.</summary>
        public string PrtFailure
        {
            get
            {
                var parts = new List<string>();
                foreach (var name in new[] { "Attempt Status", "Server Error Code", "Server Error Description" })
                {
                    var value = Get(SsoState, name);
                    if (!string.IsNullOrEmpty(value))
                    {
                        parts.Add(name + " " + value);
                    }
                }

                return string.Join("; ", parts);
            }
        }
    }

    /// <summary>Entra joined, hybrid Entra joined, Entra registered (work account added), domain joined only, or none of them.</summary>
    public enum DeviceJoinKind
    {
        EntraJoined,
        Hybrid,
        Registered,
        DomainOnly,
        None,
    }

    /// <summary>The user's primary refresh token: present and valid, past its expiry, absent (AzureAdPrt NO), or not readable.</summary>
    public enum PrtState
    {
        Present,
        Expired,
        Absent,
        Unreadable,
    }
}
