using System;
using TeamsRemediation.Targets;

namespace TeamsRemediation
{
    /// <summary>
    /// One Teams client of one user on one computer. Flat on purpose: every property survives Invoke-Command
    /// and Export-Clixml. Clear-TeamsCache and the other cmdlets bind UserSid and Client from it by property name.
    /// </summary>
    public sealed class TeamsInstallation
    {
        public string ComputerName { get; internal set; } = string.Empty;

        public string User { get; internal set; } = string.Empty;

        public string UserSid { get; internal set; } = string.Empty;

        public TeamsClient Client { get; internal set; }

        /// <summary>Version when Windows records one (classic: the user's uninstall entry; new: the package name).</summary>
        public string? Version { get; internal set; }

        /// <summary>Installed for this user; false for a folder left behind by an uninstalled client.</summary>
        public bool Installed { get; internal set; }

        /// <summary>The client's folders exist in the profile (an installed client, or a leftover).</summary>
        public bool FolderPresent { get; internal set; }

        public bool Running { get; internal set; }

        /// <summary>The user's Teams processes as "name (id)".</summary>
        public string[] Processes { get; internal set; } = new string[0];

        public string ProfilePath { get; internal set; } = string.Empty;

        public string InstallPath { get; internal set; } = string.Empty;

        public string CachePath { get; internal set; } = string.Empty;

        public string LogPath { get; internal set; } = string.Empty;

        public long CacheSizeBytes { get; internal set; }

        public long CacheFileCount { get; internal set; }

        /// <summary>
        /// False when the walk that measured the cache stopped at a deadline: size and count are then lower bounds.
        /// </summary>
        public bool CacheMeasuredFully { get; internal set; } = true;

        /// <summary>Newest write below the cache root (UTC), null when the cache is empty or absent.</summary>
        public DateTime? CacheLastWriteTimeUtc { get; internal set; }

        /// <summary>The user is logged on now (has an interactive session).</summary>
        public bool UserLoggedOn { get; internal set; }

        public override string ToString() => User + " " + Client + (Installed ? string.Empty : " (not installed)");
    }
}
