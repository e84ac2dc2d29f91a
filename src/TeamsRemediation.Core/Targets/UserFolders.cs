using System.IO;

namespace TeamsRemediation.Targets
{
    /// <summary>How the place of one of a user's folders was found.</summary>
    public enum FolderSource
    {
        /// <summary>Inside the profile, where Windows puts it when nothing moves it (no User Shell Folders value, or one saying the same).</summary>
        Default,

        /// <summary>Moved elsewhere by the user's User Shell Folders value (Folder Redirection, or a setting), expanded for that user.</summary>
        Redirected,
    }

    /// <summary>
    /// Where a user's folders really are: the profile from ProfileList, and AppData (roaming and local) and Downloads
    /// as the user's own User Shell Folders say, expanded for that user (never for the caller). Every reader of a
    /// user's Teams files (inventory, diagnosis, cache clear, account reset, logs, evidence, journals) takes its paths
    /// from here through <see cref="TeamsLayout"/>, so none of them can look at a default folder the user does not use.
    /// </summary>
    public sealed class UserFolders
    {
        public UserFolders(string profile, string roamingAppData, FolderSource roamingSource, string localAppData, FolderSource localSource,
            string downloads, FolderSource downloadsSource, string? roamingProfile = null, string? note = null)
        {
            Profile = profile;
            RoamingAppData = roamingAppData;
            RoamingAppDataSource = roamingSource;
            LocalAppData = localAppData;
            LocalAppDataSource = localSource;
            Downloads = downloads;
            DownloadsSource = downloadsSource;
            RoamingProfile = roamingProfile;
            Note = note;
        }

        /// <summary>The folders Windows uses when nothing redirects them: AppData\Roaming, AppData\Local, Downloads inside the profile.</summary>
        public static UserFolders Default(string profile, string? note = null, string? roamingProfile = null) => new UserFolders(
            profile,
            DefaultRoamingAppData(profile), FolderSource.Default,
            DefaultLocalAppData(profile), FolderSource.Default,
            DefaultDownloads(profile), FolderSource.Default,
            roamingProfile, note);

        public static string DefaultRoamingAppData(string profile) => Path.Combine(profile, "AppData", "Roaming");

        public static string DefaultLocalAppData(string profile) => Path.Combine(profile, "AppData", "Local");

        public static string DefaultDownloads(string profile) => Path.Combine(profile, "Downloads");

        /// <summary>The profile folder (ProfileImagePath); with FSLogix, the container is mounted here while the user is logged on.</summary>
        public string Profile { get; }

        /// <summary>%APPDATA% of the user: classic Teams' cache and settings.</summary>
        public string RoamingAppData { get; }

        public FolderSource RoamingAppDataSource { get; }

        /// <summary>%LOCALAPPDATA% of the user: new Teams' package data, classic Teams' install, the broker, the module's backups.</summary>
        public string LocalAppData { get; }

        public FolderSource LocalAppDataSource { get; }

        /// <summary>The user's Downloads folder, where Teams saves the logs collected with Ctrl+Alt+Shift+1.</summary>
        public string Downloads { get; }

        public FolderSource DownloadsSource { get; }

        /// <summary>The server copy of a roaming profile (ProfileList CentralProfile); null for a local profile.</summary>
        public string? RoamingProfile { get; }

        /// <summary>Why a folder could not be read as the user has it (defaults used), or null.</summary>
        public string? Note { get; }

        public bool AnyRedirected => RoamingAppDataSource == FolderSource.Redirected || LocalAppDataSource == FolderSource.Redirected
            || DownloadsSource == FolderSource.Redirected;

        /// <summary>
        /// The folder a path of this user lies in, to check for links from there down: the profile, or a redirected folder that
        /// holds it. Null when the path is in none of them.
        /// </summary>
        public string? TopFolderOf(string path)
        {
            foreach (var top in new[] { Profile, RoamingAppData, LocalAppData, Downloads })
            {
                if (FileSystem.PathScope.IsSameOrInside(path, top))
                {
                    return top;
                }
            }

            return null;
        }

        public override string ToString() => "profile " + Profile + ", AppData " + RoamingAppData + Mark(RoamingAppDataSource) + ", LocalAppData "
            + LocalAppData + Mark(LocalAppDataSource) + ", Downloads " + Downloads + Mark(DownloadsSource)
            + (RoamingProfile == null ? string.Empty : ", roaming profile " + RoamingProfile);

        private static string Mark(FolderSource source) => source == FolderSource.Redirected ? " (redirected)" : string.Empty;
    }
}
