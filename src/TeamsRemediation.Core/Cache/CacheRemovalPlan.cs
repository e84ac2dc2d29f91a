using System;
using TeamsRemediation.FileSystem;
using System.Collections.Generic;

namespace TeamsRemediation.Cache
{
    /// <summary>What happens to one item of a cache tree.</summary>
    public enum CacheItemDisposition
    {
        /// <summary>Left where it is (user data, logs, anything that contains them).</summary>
        Keep,

        /// <summary>Deleted for good.</summary>
        Delete,

        /// <summary>Moved into the backup folder at the same relative path, and journaled so it can be put back.</summary>
        Backup,
    }

    /// <summary>
    /// The decisions for one cache root: a default for everything, and exact paths that differ from it (kept
    /// user data, or user data that must be backed up before it goes; for a light clear, a default of Keep and the
    /// few folders that go). A folder that holds such a path is entered, never removed whole.
    /// </summary>
    public sealed class CacheRemovalPlan
    {
        private readonly List<KeyValuePair<string, CacheItemDisposition>> rules = new List<KeyValuePair<string, CacheItemDisposition>>();

        public CacheRemovalPlan(string root, CacheItemDisposition defaultDisposition, string? backupContentFolder)
        {
            Root = PathScope.Full(root);
            Default = defaultDisposition;
            BackupContentFolder = backupContentFolder;
        }

        public string Root { get; }

        public CacheItemDisposition Default { get; }

        /// <summary>Where backed-up items go (the item's path relative to Root is kept below it); null when nothing is backed up.</summary>
        public string? BackupContentFolder { get; }

        public IReadOnlyList<KeyValuePair<string, CacheItemDisposition>> Rules => rules;

        public bool NeedsBackup => Default == CacheItemDisposition.Backup || rules.Exists(r => r.Value == CacheItemDisposition.Backup);

        /// <summary>Sets the disposition of one exact path (a later rule for the same path wins).</summary>
        public CacheRemovalPlan Set(string path, CacheItemDisposition disposition)
        {
            var full = PathScope.Full(path);
            rules.RemoveAll(r => string.Equals(r.Key, full, StringComparison.OrdinalIgnoreCase));
            rules.Add(new KeyValuePair<string, CacheItemDisposition>(full, disposition));
            return this;
        }

        /// <summary>
        /// The disposition of an item; <paramref name="enter"/> is true for a real folder that holds a ruled path.
        /// Comparison ignores case, as Windows does; on a case-sensitive disk that can only keep more, never less.
        /// </summary>
        public CacheItemDisposition Decide(string fullPath, bool isRealDirectory, out bool enter)
        {
            enter = false;
            foreach (var rule in rules)
            {
                if (string.Equals(rule.Key, fullPath, StringComparison.OrdinalIgnoreCase))
                {
                    return rule.Value;
                }
            }

            var prefix = fullPath + System.IO.Path.DirectorySeparatorChar;
            foreach (var rule in rules)
            {
                // In a plan that keeps by default, only a folder on the way to something that goes needs entering.
                var matters = rule.Value != Default || Default != CacheItemDisposition.Keep;
                if (matters && rule.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    // A link that leads to user data is left alone too: removing it would lose the way to that data.
                    enter = isRealDirectory;
                    return CacheItemDisposition.Keep;
                }
            }

            return Default;
        }
    }
}
