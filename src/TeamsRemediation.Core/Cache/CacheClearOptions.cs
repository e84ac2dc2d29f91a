using System;

namespace TeamsRemediation.Cache
{
    /// <summary>How Clear-TeamsCache goes about one run.</summary>
    public sealed class CacheClearOptions
    {
        /// <summary>Stop the user's running Teams (otherwise the user is skipped with TeamsRunning).</summary>
        public bool Force { get; set; }

        /// <summary>Also remove Backgrounds\Uploads; they are user-created, so they are always backed up first.</summary>
        public bool IncludeBackgrounds { get; set; }

        /// <summary>Also remove the logs (classic logs.txt, new Teams Logs\).</summary>
        public bool IncludeLogs { get; set; }

        /// <summary>Move everything removed into a backup instead of deleting it.</summary>
        public bool Backup { get; set; }

        /// <summary>Where backups go; null means the default place in the user's own profile (LocalAppData\TeamsRemediation\Backups).</summary>
        public string? BackupRoot { get; set; }

        /// <summary>Full or Light as the caller asked; null lets <see cref="CacheScopePolicy"/> decide from the machine (Light on VDI).</summary>
        public CacheScope? Scope { get; set; }

        /// <summary>Start Teams again afterwards, where the user's session is the caller's.</summary>
        public bool Restart { get; set; }

        /// <summary>How long to wait for another run on the same user before giving up.</summary>
        public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>How long Teams' WebView2 processes get to leave with their ended host before they are ended too.</summary>
        public TimeSpan WebViewGrace { get; set; } = TimeSpan.FromSeconds(5);

        public TimeSpan KillTimeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
