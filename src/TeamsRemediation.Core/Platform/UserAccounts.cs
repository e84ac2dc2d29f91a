namespace TeamsRemediation.Platform
{
    /// <summary>A local profile from ProfileList.</summary>
    public sealed class UserProfile
    {
        private readonly System.Lazy<Targets.UserFolders> folders;

        /// <param name="sid">The profile's SID (the ProfileList subkey).</param>
        /// <param name="userName">DOMAIN\user, or the profile folder's name.</param>
        /// <param name="profilePath">ProfileImagePath, expanded.</param>
        /// <param name="hiveLoaded">HKEY_USERS\&lt;SID&gt; is loaded.</param>
        /// <param name="folders">Reads where the user's folders really are, once, when first asked (it may load a logged-off user's
        /// NTUSER.DAT); null for a profile whose folders are all where Windows puts them by default.</param>
        public UserProfile(string sid, string userName, string profilePath, bool hiveLoaded, System.Func<Targets.UserFolders>? folders = null)
        {
            Sid = sid;
            UserName = userName;
            ProfilePath = profilePath;
            HiveLoaded = hiveLoaded;
            this.folders = new System.Lazy<Targets.UserFolders>(folders ?? (() => Targets.UserFolders.Default(profilePath)));
        }

        /// <summary>Where AppData and Downloads of this user really are (see <see cref="Targets.UserFolderReader"/>).</summary>
        public Targets.UserFolders Folders => folders.Value;

        public string Sid { get; }

        /// <summary>DOMAIN\user when the SID could be resolved, else the profile folder's name.</summary>
        public string UserName { get; }

        public string ProfilePath { get; }

        /// <summary>True when HKEY_USERS\&lt;SID&gt; is loaded, i.e. the user's registry can be read and written now.</summary>
        public bool HiveLoaded { get; }
    }

    /// <summary>A logged-on desktop session (console or RDP).</summary>
    public sealed class InteractiveSession
    {
        public InteractiveSession(int sessionId, string userSid, string userName, bool active)
        {
            SessionId = sessionId;
            UserSid = userSid;
            UserName = userName;
            Active = active;
        }

        public int SessionId { get; }

        public string UserSid { get; }

        public string UserName { get; }

        /// <summary>Active (in front of the screen) rather than disconnected.</summary>
        public bool Active { get; }
    }

    /// <summary>Who runs the module right now.</summary>
    public sealed class CallerIdentity
    {
        public CallerIdentity(string sid, string userName, bool isElevated, int sessionId)
        {
            Sid = sid;
            UserName = userName;
            IsElevated = isElevated;
            SessionId = sessionId;
        }

        public string Sid { get; }

        public string UserName { get; }

        public bool IsElevated { get; }

        public int SessionId { get; }

        public bool IsSystem => Sid == WellKnownSids.LocalSystem;
    }

    public static class WellKnownSids
    {
        public const string LocalSystem = "S-1-5-18";
        public const string LocalService = "S-1-5-19";
        public const string NetworkService = "S-1-5-20";

        /// <summary>Service accounts own profiles but are never a Teams user.</summary>
        public static bool IsServiceAccount(string sid) => sid == LocalSystem || sid == LocalService || sid == NetworkService;
    }
}
