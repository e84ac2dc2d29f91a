using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace TeamsRemediation.Account
{
    /// <summary>One entry of the user's Credential Manager as <c>cmdkey /list</c> names it. No secret: cmdkey never prints one.</summary>
    public sealed class StoredCredential
    {
        public StoredCredential(string target, string kind, string name)
        {
            Target = target;
            Kind = kind;
            Name = name;
        }

        /// <summary>The full target as cmdkey prints it and takes it back in /delete, e.g.
        /// LegacyGeneric:target=msteams_adalsso/adal_context_0.</summary>
        public string Target { get; }

        /// <summary>The part before the colon: LegacyGeneric, Domain, MicrosoftAccount, WindowsLive...</summary>
        public string Kind { get; }

        /// <summary>The credential's own name, after "target=" or "user=".</summary>
        public string Name { get; }

        public override string ToString() => Name;
    }

    /// <summary>
    /// Reads <c>cmdkey /list</c>. Its labels are translated ("Target:", "Ziel:", "Cible :"), so lines are not
    /// recognised by label but by the untranslated value after it: "&lt;Kind&gt;:target=&lt;name&gt;" or
    /// "&lt;Kind&gt;:user=&lt;name&gt;". Limitation: a credential cmdkey prints without that prefix (older
    /// Windows) is not seen, so it is never removed either.
    /// </summary>
    public static class CredentialListing
    {
        public const string TeamsPrefix = "msteams_adalsso/";
        public const string OfficePrefix = "MicrosoftOffice16_Data:";

        private static readonly Regex TargetLine = new Regex(
            @"^[^:=]{1,40}?\s?:\s+(?<target>(?<kind>[A-Za-z][A-Za-z0-9_]*):(?:target|user)=(?<name>.+?))\s*$",
            RegexOptions.CultureInvariant);

        public static IReadOnlyList<StoredCredential> Parse(string output)
        {
            var found = new List<StoredCredential>();
            foreach (var line in (output ?? string.Empty).Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var match = TargetLine.Match(line.Trim());
                if (match.Success)
                {
                    found.Add(new StoredCredential(match.Groups["target"].Value, match.Groups["kind"].Value, match.Groups["name"].Value));
                }
            }

            return found;
        }

        /// <summary>
        /// Classic Teams' ADAL token cache, and Office's only when asked. Personal Microsoft accounts are never
        /// chosen, whatever their name.
        /// </summary>
        public static bool IsRemovable(StoredCredential credential, bool includeOffice)
        {
            if (credential.Kind.Equals("MicrosoftAccount", StringComparison.OrdinalIgnoreCase)
                || credential.Name.StartsWith("MicrosoftAccount:", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return credential.Name.StartsWith(TeamsPrefix, StringComparison.OrdinalIgnoreCase)
                || includeOffice && credential.Name.StartsWith(OfficePrefix, StringComparison.OrdinalIgnoreCase);
        }
    }
}
