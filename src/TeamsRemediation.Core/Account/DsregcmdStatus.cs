using System;
using System.Collections.Generic;

namespace TeamsRemediation.Account
{
    /// <summary>
    /// The few facts Reset-TeamsWorkAccount needs from <c>dsregcmd /status</c>: how the device is joined and
    /// whether the user has a Primary Refresh Token. Lines are "Name : Value" under "| Section |" boxes
    /// (entra-docs troubleshoot-device-dsregcmd.md); dsregcmd prints them in English on every Windows language.
    /// User State and SSO State mean something only when dsregcmd ran as the user.
    /// </summary>
    public sealed class DsregcmdStatus
    {
        private readonly Dictionary<string, string> values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private DsregcmdStatus()
        {
        }

        /// <summary>Reads the output; null when it holds no Device State section (not dsregcmd output, or an error text).</summary>
        public static DsregcmdStatus? Parse(string output)
        {
            var status = new DsregcmdStatus();
            var section = string.Empty;
            foreach (var raw in (output ?? string.Empty).Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var line = raw.Trim();
                if (line.StartsWith("|", StringComparison.Ordinal) && line.EndsWith("|", StringComparison.Ordinal) && line.Length > 2)
                {
                    section = line.Trim('|', ' ');
                    status.sections.Add(section);
                    continue;
                }

                // " : " with its spaces: values such as URLs and timestamps hold colons of their own.
                var separator = line.IndexOf(" : ", StringComparison.Ordinal);
                if (separator <= 0 || section.Length == 0)
                {
                    continue;
                }

                var name = line.Substring(0, separator).Trim();
                var value = line.Substring(separator + 3).Trim();
                if (!status.values.ContainsKey(name))
                {
                    status.values[name] = value;
                }
            }

            return status.sections.Contains("Device State") ? status : null;
        }

        /// <summary>A line's value by its name as dsregcmd prints it, or null.</summary>
        public string? this[string name] => values.TryGetValue(name, out var value) ? value : null;

        public bool? AzureAdJoined => YesNo("AzureAdJoined");

        public bool? EnterpriseJoined => YesNo("EnterpriseJoined");

        public bool? DomainJoined => YesNo("DomainJoined");

        /// <summary>The user registered the device ("Access work or school" account added on a personal device).</summary>
        public bool? WorkplaceJoined => YesNo("WorkplaceJoined");

        /// <summary>The user holds a Primary Refresh Token; NO on a joined device is a strong sign-in failure signal.</summary>
        public bool? AzureAdPrt => YesNo("AzureAdPrt");

        /// <summary>True when the output carries the sections that are valid only when run as the user.</summary>
        public bool HasUserState => sections.Contains("User State") || sections.Contains("SSO State");

        public string? TenantName => this["TenantName"];

        /// <summary>Entra joined, Hybrid Entra joined, Domain joined, Not joined; by the three join lines as Microsoft's table reads them.</summary>
        public string JoinType
        {
            get
            {
                var entra = AzureAdJoined;
                var domain = DomainJoined;
                if (entra == true)
                {
                    return domain == true ? "Hybrid Entra joined" : "Entra joined";
                }

                if (entra == false)
                {
                    return domain == true ? "Domain joined" : "Not joined";
                }

                return "Unknown";
            }
        }

        /// <summary>Why the last PRT request failed, in one line: the attempt status and the server's error, when dsregcmd printed them.</summary>
        public string PrtFailure
        {
            get
            {
                var parts = new List<string>();
                foreach (var name in new[] { "Attempt Status", "Server Error Code", "Server Error Description" })
                {
                    var value = this[name];
                    if (!string.IsNullOrEmpty(value))
                    {
                        parts.Add(name + " " + value);
                    }
                }

                return string.Join("; ", parts);
            }
        }

        private bool? YesNo(string name)
        {
            var value = this[name];
            if (string.Equals(value, "YES", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return string.Equals(value, "NO", StringComparison.OrdinalIgnoreCase) ? false : (bool?)null;
        }
    }
}
