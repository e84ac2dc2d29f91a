using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// What each changing operation may touch, declared once: <see cref="ChangeJournal"/> refuses to record anything
    /// else, and <see cref="JournalRestorer"/> refuses to put back anything else. A journal is read back later, maybe
    /// as SYSTEM, from a file someone else could have edited; this table is what keeps it from steering the module
    /// into writing a Debugger value or moving a system file.
    /// </summary>
    public static class JournalScope
    {
        public const string EnableTls12 = "Enable-Tls12";
        public const string ResetWorkAccount = "ResetTeamsWorkAccount";
        public const string ClearCache = "ClearTeamsCache";

        public static IReadOnlyList<string> Operations { get; } = new[] { EnableTls12, ResetWorkAccount, ClearCache };

        public static bool IsKnown(string operation) => Operations.Contains(operation, StringComparer.Ordinal);

        /// <summary>What the operation may touch, in words for an error message.</summary>
        public static string Describe(string operation)
        {
            switch (operation)
            {
                case EnableTls12:
                    return "Enable-Tls12 changes only the DWORD values of its TLS table (SCHANNEL TLS 1.2, .NET, WinHTTP) "
                        + "and a user's Internet Options SecureProtocols under HKU\\<SID>";
                case ResetWorkAccount:
                    return "Reset-TeamsWorkAccount removes only DisableAADWAM, DisableADALatopWAMOverride and EnableADAL under HKU\\<SID>\\"
                        + AccountLayout.IdentityKeyPath + " and moves only that user's " + AccountLayout.BrokerPackageFamily
                        + " folder into the user's own TeamsRemediation\\Backups, and moves only the items of that user's "
                        + "AC\\TokenBroker\\Accounts of "
                        + string.Join(" and ", AccountLayout.TokenBrokerAccountPackages) + " into " + AccountLayout.TokenBrokerAccountsBackupPrefix
                        + "<time>\\<package> there, under the same name";
                case ClearCache:
                    return "Clear-TeamsCache moves only items of one user's Teams cache into the backup folder that holds the journal, "
                        + "at the same place below its Cache folder, and back into that same user's cache";
                default:
                    return "unknown operation";
            }
        }

        /// <summary>
        /// Whether <paramref name="entry"/> lies inside what <paramref name="operation"/> may touch. <paramref name="userSid"/>
        /// is the user whose own data it is, or null for a machine-wide value.
        /// </summary>
        /// <param name="operation">The operation the journal declares.</param>
        /// <param name="entry">One entry.</param>
        /// <param name="journalPath">Where the journal is: a cache backup's moves must go into the folder holding it.</param>
        /// <param name="profiles">The machine's user profiles: per-user scope is a known user's hive or profile.</param>
        /// <param name="userSid">The user the entry belongs to; null for machine-wide values.</param>
        public static bool Allows(string operation, JournalEntry entry, string journalPath, IReadOnlyList<UserProfile> profiles, out string? userSid)
        {
            userSid = null;
            switch (operation)
            {
                case EnableTls12:
                    return entry.Kind == JournalEntryKind.RegistryValue && IsTlsValue(entry, profiles, out userSid);
                case ResetWorkAccount:
                    return entry.Kind == JournalEntryKind.RegistryValue ? IsWamOverride(entry, profiles, out userSid)
                        : IsBrokerMove(entry, profiles, out userSid) || IsTokenBrokerAccountMove(entry, profiles, out userSid);
                case ClearCache:
                    return entry.Kind == JournalEntryKind.Move && IsCacheMove(entry, journalPath, profiles, out userSid);
                default:
                    return false;
            }
        }

        private static bool IsTlsValue(JournalEntry entry, IReadOnlyList<UserProfile> profiles, out string? userSid)
        {
            userSid = null;
            if (entry.After?.Kind != RegistryValueKind.DWord)
            {
                return false;
            }

            var key = entry.Key;
            string? sid = null;
            if (key.Hive == RegistryHive.Users && !SplitUserKey(key, profiles, out sid, out _))
            {
                return false;
            }

            // A journal of an earlier version may hold the SCHANNEL Server key it turned on: its Undo still puts that back.
            var match = TlsRegistryLocations.All.Concat(TlsRegistryLocations.ServerKeyOfEarlierVersions).Any(setting =>
                setting.Write != TlsWriteRule.Never
                && setting.Hive == key.Hive
                && setting.WriteViews.Contains(key.View)
                && setting.Name.Equals(entry.ValueName, StringComparison.OrdinalIgnoreCase)
                && setting.Key(key.View, sid).Path.Equals(key.Path, StringComparison.OrdinalIgnoreCase));
            userSid = sid;
            return match;
        }

        /// <summary>Only a removal of an override that had exactly the value that turns WAM off.</summary>
        private static bool IsWamOverride(JournalEntry entry, IReadOnlyList<UserProfile> profiles, out string? userSid)
        {
            userSid = null;
            if (entry.Key.Hive != RegistryHive.Users || entry.After != null || !SplitUserKey(entry.Key, profiles, out var sid, out var rest)
                || !rest.Equals(AccountLayout.IdentityKeyPath, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            userSid = sid;
            return AccountLayout.WamOverrideValues.Any(v =>
                v.Key.Equals(entry.ValueName, StringComparison.OrdinalIgnoreCase) && entry.Before?.AsDWord == v.Value);
        }

        private static bool IsBrokerMove(JournalEntry entry, IReadOnlyList<UserProfile> profiles, out string? userSid)
        {
            var owner = profiles.FirstOrDefault(p =>
                PathScope.IsSame(entry.OriginalPath, AccountLayout.BrokerFolder(p.Folders))
                && PathScope.IsSame(ParentOrEmpty(entry.BackupPath), UserBackups.Root(p.Folders))
                && Path.GetFileName(entry.BackupPath).StartsWith(AccountLayout.BrokerPackageFamily + "-", StringComparison.OrdinalIgnoreCase));
            userSid = owner?.Sid;
            return owner != null;
        }

        /// <summary>
        /// An item of a user's AC\TokenBroker\Accounts (broker plugin or CloudExperienceHost) moved, under its own name, into
        /// &lt;that user's backups&gt;\TokenBrokerAccounts-&lt;time&gt;\&lt;the same package family&gt;.
        /// </summary>
        private static bool IsTokenBrokerAccountMove(JournalEntry entry, IReadOnlyList<UserProfile> profiles, out string? userSid)
        {
            userSid = null;
            var familyFolder = ParentOrEmpty(entry.BackupPath);
            var runFolder = ParentOrEmpty(familyFolder);
            if (!Path.GetFileName(entry.BackupPath).Equals(Path.GetFileName(entry.OriginalPath), StringComparison.OrdinalIgnoreCase)
                || !Path.GetFileName(runFolder).StartsWith(AccountLayout.TokenBrokerAccountsBackupPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var owner = profiles.FirstOrDefault(p => AccountLayout.TokenBrokerAccountPackages.Any(family =>
                PathScope.IsSame(ParentOrEmpty(entry.OriginalPath),
                    AccountLayout.TokenBrokerAccountsFolder(p.Folders, family))
                && Path.GetFileName(familyFolder).Equals(family, StringComparison.OrdinalIgnoreCase)
                && PathScope.IsSame(ParentOrEmpty(runFolder), UserBackups.Root(p.Folders))));
            userSid = owner?.Sid;
            return owner != null;
        }

        /// <summary>
        /// A move from a user's cache into &lt;backup&gt;\Cache at the same relative place, where &lt;backup&gt; holds the
        /// journal; a backup inside a profile restores only into that profile's own cache.
        /// </summary>
        private static bool IsCacheMove(JournalEntry entry, string journalPath, IReadOnlyList<UserProfile> profiles, out string? userSid)
        {
            userSid = null;
            var backupFolder = ParentOrEmpty(PathScope.Full(journalPath));
            if (backupFolder.Length == 0
                || !Path.GetFileName(journalPath).Equals(CacheBackupFolder.JournalFileName, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var relative = PathScope.RelativeInside(entry.BackupPath, CacheBackupFolder.ContentFolderOf(backupFolder));
            if (relative == null)
            {
                return false;
            }

            var backupOwner = profiles.FirstOrDefault(p => p.Folders.TopFolderOf(backupFolder) != null);
            foreach (var profile in profiles)
            {
                if (backupOwner != null && !ReferenceEquals(backupOwner, profile))
                {
                    continue;
                }

                foreach (TeamsClient client in Enum.GetValues(typeof(TeamsClient)))
                {
                    var root = TeamsLayout.CacheRoot(client, profile.Folders);
                    if (PathScope.IsSame(entry.OriginalPath, Path.Combine(root, relative)))
                    {
                        userSid = profile.Sid;
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>HKU\&lt;SID&gt;\rest, where the SID is a known profile's (never .DEFAULT or a class hive).</summary>
        private static bool SplitUserKey(RegistryKeyPath key, IReadOnlyList<UserProfile> profiles, out string sid, out string rest)
        {
            var slash = key.Path.IndexOf('\\');
            sid = slash < 0 ? key.Path : key.Path.Substring(0, slash);
            rest = slash < 0 ? string.Empty : key.Path.Substring(slash + 1);
            var candidate = sid;
            return profiles.Any(p => p.Sid.Equals(candidate, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// The folder of an entry's path by its text (ExtendedLengthPath.ParentOf), empty for a path without one: entries are untrusted and
        /// may be deep, and .NET Framework's Path.GetDirectoryName refuses 260 characters and more.
        /// </summary>
        private static string ParentOrEmpty(string path)
        {
            var trimmed = path.TrimEnd('\\', '/');
            return trimmed.IndexOfAny(new[] { '\\', '/' }) < 0 ? string.Empty : ExtendedLengthPath.ParentOf(path);
        }
    }
}
