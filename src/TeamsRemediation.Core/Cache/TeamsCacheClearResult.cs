using System;
using TeamsRemediation.Targets;

namespace TeamsRemediation
{
    /// <summary>What Clear-TeamsCache did to one user's cache of one client.</summary>
    public enum CacheClearStatus
    {
        /// <summary>Everything that was to go is gone (deleted, or moved into the backup).</summary>
        Cleared,

        /// <summary>Some files could not be removed (locked or denied): see Failed. Never reported as Cleared.</summary>
        PartiallyCleared,

        /// <summary>The cache was absent or held only what is kept.</summary>
        NothingToClear,

        /// <summary>Nothing was touched: Teams was running without -Force, another run held the user's lock, or the cache root was unsafe.</summary>
        Skipped,

        /// <summary>-WhatIf: FilesRemoved and BytesFreed say what would go; nothing was changed.</summary>
        WhatIf,
    }

    /// <summary>
    /// One user's cache of one Teams client after Clear-TeamsCache. Flat on purpose: every property survives
    /// Invoke-Command and Export-Clixml.
    /// </summary>
    public sealed class TeamsCacheClearResult
    {
        public string ComputerName { get; internal set; } = string.Empty;

        public string User { get; internal set; } = string.Empty;

        public string UserSid { get; internal set; } = string.Empty;

        public TeamsClient Client { get; internal set; }

        public string CachePath { get; internal set; } = string.Empty;

        public CacheClearStatus Status { get; internal set; }

        /// <summary>Full, or Light (only what is free to lose: the default on virtual desktops and for a cache on a network share).</summary>
        public CacheScope Scope { get; internal set; }

        /// <summary>Why this scope: the caller's -Scope, the host's VDI evidence, a cache on a network share, or the default.</summary>
        public string ScopeReason { get; internal set; } = string.Empty;

        /// <summary>Files (and links) removed from the cache, or that would be with -WhatIf.</summary>
        public long FilesRemoved { get; internal set; }

        /// <summary>Bytes removed from the cache (moved into the backup when there is one), or that would be with -WhatIf.</summary>
        public long BytesFreed { get; internal set; }

        /// <summary>What was kept on purpose, relative to CachePath (backgrounds, settings, logs).</summary>
        public string[] Preserved { get; internal set; } = new string[0];

        /// <summary>"path: reason" for each file or folder that could not be removed.</summary>
        public string[] Failed { get; internal set; } = new string[0];

        /// <summary>The user's Teams processes that were stopped, as "name (id)".</summary>
        public string[] ProcessesStopped { get; internal set; } = new string[0];

        /// <summary>The backup folder of this run (its Cache folder holds what was moved, journal.xml restores it), or empty.</summary>
        public string BackupPath { get; internal set; } = string.Empty;

        /// <summary>
        /// The backup's journal, or empty without a backup: the name every changing cmdlet's result uses, so a piped result
        /// binds to Undo-TeamsRemediation by property name.
        /// </summary>
        public string JournalPath =>
            BackupPath.Length == 0 ? string.Empty : System.IO.Path.Combine(BackupPath, Cache.CacheBackupFolder.JournalFileName);

        public TimeSpan Duration { get; internal set; }

        public override string ToString() => User + " " + Client + ": " + Status + " (" + FilesRemoved + " files)";
    }
}
