using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Who owns a file or folder and what accounts other than SYSTEM, Administrators and TrustedInstaller may do to
    /// it, read from its SDDL (learn.microsoft.com: Security Descriptor String Format, ACE Strings). Anything it
    /// cannot read (a null DACL, an unknown right, a conditional ACE) counts as writable: the answer decides whether
    /// SYSTEM trusts a file, so doubt means no.
    /// </summary>
    public sealed class StorageAccess
    {
        /// <summary>Rights that change a file's content or let a folder receive new entries.</summary>
        public const uint WriteRights = FileWriteData | FileAppendData | ReplaceRights;

        /// <summary>Rights that let someone remove, rename or re-permission what is already there (adding new entries is not one).</summary>
        public const uint ReplaceRights = FileDeleteChild | Delete | WriteDac | WriteOwner | GenericAll | GenericWrite | MaximumAllowed;

        private const uint FileWriteData = 0x2, FileAppendData = 0x4, FileDeleteChild = 0x40, Delete = 0x10000, WriteDac = 0x40000,
            WriteOwner = 0x80000;
        private const uint MaximumAllowed = 0x2000000, GenericAll = 0x10000000, GenericWrite = 0x40000000;
        private const uint AllRights = 0xFFFFFFFF;

        private static readonly Dictionary<string, string> SidAliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SY"] = WellKnownSids.LocalSystem,
            ["BA"] = "S-1-5-32-544",
            ["BU"] = "S-1-5-32-545",
            ["AU"] = "S-1-5-11",
            ["WD"] = "S-1-1-0",
            ["CO"] = "S-1-3-0",
            ["OW"] = "S-1-3-4",
        };

        private static readonly HashSet<string> AdministrativeSids = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            WellKnownSids.LocalSystem,
            "S-1-5-32-544",
            "S-1-5-80-956008885-3418522649-1831038044-1850103733-2299180599",
        };

        // Access-mask values of the two-letter rights (winnt.h; the DS names are reused for files: CC = FILE_READ_DATA ...).
        private static readonly Dictionary<string, uint> RightNames = new Dictionary<string, uint>(StringComparer.Ordinal)
        {
            ["GA"] = GenericAll, ["GR"] = 0x80000000, ["GW"] = GenericWrite, ["GX"] = 0x20000000,
            ["RC"] = 0x20000, ["SD"] = Delete, ["WD"] = WriteDac, ["WO"] = WriteOwner,
            ["RP"] = 0x10, ["WP"] = 0x20, ["CC"] = 0x1, ["DC"] = 0x2, ["LC"] = 0x4, ["SW"] = 0x8, ["LO"] = 0x80, ["DT"] = 0x40, ["CR"] = 0x100,
            ["FA"] = 0x1F01FF, ["FR"] = 0x120089, ["FW"] = 0x120116, ["FX"] = 0x1200A0,
        };

        private StorageAccess(string ownerSid, IReadOnlyDictionary<string, uint> othersRights)
        {
            OwnerSid = ownerSid;
            OthersRights = othersRights;
        }

        public string OwnerSid { get; }

        public bool OwnerIsAdministrative => AdministrativeSids.Contains(OwnerSid);

        /// <summary>Rights granted to accounts that are not administrative, by SID (inherit-only entries left out: they are not this
        /// object's).</summary>
        public IReadOnlyDictionary<string, uint> OthersRights { get; }

        public static bool IsAdministrative(string sid) => AdministrativeSids.Contains(sid);

        /// <summary>The accounts (not administrative) that hold any of <paramref name="rights"/>.</summary>
        public IReadOnlyList<string> Holders(uint rights) => OthersRights.Where(r => (r.Value & rights) != 0).Select(r => r.Key).ToList();

        /// <summary>True when the owner is administrative and nobody else holds any of <paramref name="rights"/>.</summary>
        public bool IsProtectedAgainst(uint rights) => OwnerIsAdministrative && Holders(rights).Count == 0;

        /// <summary>Owner and rights for people ("owned by S-1-5-21-..., writable by S-1-5-32-545"), for error messages.</summary>
        public string Describe(uint rights)
        {
            var holders = Holders(rights);
            return "owned by " + OwnerSid + (holders.Count > 0 ? ", writable by " + string.Join(", ", holders) : string.Empty);
        }

        public static StorageAccess FromSddl(string sddl)
        {
            var owner = Section(sddl, 'O') ?? string.Empty;
            var dacl = Section(sddl, 'D');
            var others = new Dictionary<string, uint>(StringComparer.OrdinalIgnoreCase);
            if (dacl == null || dacl.StartsWith("NO_ACCESS_CONTROL", StringComparison.Ordinal))
            {
                others["S-1-1-0"] = AllRights;
                return new StorageAccess(Sid(owner), others);
            }

            foreach (var ace in Aces(dacl))
            {
                var fields = ace.Split(';');
                if (fields.Length < 6)
                {
                    others["S-1-1-0"] = AllRights;
                    continue;
                }

                var type = fields[0];
                if (type == "D" || type == "OD" || type == "XD" || type == "AU" || type == "AL" || type == "ML" || type == "RA" || type == "SP")
                {
                    // Denials and audit entries never grant; ignoring a denial can only make the answer stricter.
                    continue;
                }

                if (HasFlag(fields[1], "IO"))
                {
                    continue;
                }

                var sid = Sid(fields[5]);
                if (AdministrativeSids.Contains(sid))
                {
                    continue;
                }

                others.TryGetValue(sid, out var held);
                others[sid] = held | Rights(fields[2]);
            }

            return new StorageAccess(Sid(owner), others);
        }

        private static string? Section(string sddl, char name)
        {
            var marker = sddl.IndexOf(name + ":", StringComparison.Ordinal);
            if (marker < 0)
            {
                return null;
            }

            var start = marker + 2;
            var end = start;
            var depth = 0;
            while (end < sddl.Length)
            {
                var c = sddl[end];
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0 && end + 1 < sddl.Length && sddl[end + 1] == ':' && "OGDS".IndexOf(c) >= 0 && end > start)
                {
                    break;
                }

                end++;
            }

            return sddl.Substring(start, end - start);
        }

        private static IEnumerable<string> Aces(string dacl)
        {
            var open = dacl.IndexOf('(');
            while (open >= 0)
            {
                var close = dacl.IndexOf(')', open);
                if (close < 0)
                {
                    yield return string.Empty;
                    yield break;
                }

                yield return dacl.Substring(open + 1, close - open - 1);
                open = dacl.IndexOf('(', close);
            }
        }

        private static uint Rights(string text)
        {
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return uint.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask) ? mask
                    : AllRights;
            }

            uint rights = 0;
            for (var i = 0; i + 1 < text.Length; i += 2)
            {
                rights |= RightNames.TryGetValue(text.Substring(i, 2), out var right) ? right : AllRights;
            }

            return text.Length % 2 == 0 ? rights : AllRights;
        }

        /// <summary>ACE flags are two-letter codes run together: "CIOI" holds CI and OI, not IO.</summary>
        private static bool HasFlag(string flags, string flag)
        {
            for (var i = 0; i + 1 < flags.Length; i += 2)
            {
                if (string.CompareOrdinal(flags, i, flag, 0, 2) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static string Sid(string text) => SidAliases.TryGetValue(text, out var sid) ? sid : text;
    }
}
