using System;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>
    /// Where the light clears of a user are backed up (inside the user's own backups, so Undo restores them like any cache
    /// backup), and when the last one was: a sign-in error logged after it means the light clear did not help.
    /// </summary>
    internal static class LightClears
    {
        public const string FolderName = "LightClear";

        public static string Root(TargetUser user) => Path.Combine(UserBackups.Root(user.Folders), FolderName);

        /// <summary>The time of the newest light clear, from its folder name (yyyyMMdd-HHmmss-...); names that do not parse are ignored.</summary>
        public static DateTimeOffset? Latest(TargetUser user)
        {
            var root = Root(user);
            if (!Directory.Exists(root) || SafeTree.IsLink(new DirectoryInfo(root)))
            {
                return null;
            }

            var times = Directory.GetDirectories(root)
                .Select(Path.GetFileName)
                .Where(n => n != null && n.Length >= 15)
                .Select(n => DateTime.TryParseExact(n!.Substring(0, 15), "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? (DateTime?)t : null)
                .Where(t => t.HasValue)
                .Select(t => new DateTimeOffset(t!.Value, TimeSpan.Zero))
                .ToList();
            return times.Count == 0 ? (DateTimeOffset?)null : times.Max();
        }
    }
}
