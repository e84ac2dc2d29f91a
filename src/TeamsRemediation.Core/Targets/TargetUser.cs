namespace TeamsRemediation.Targets
{
    /// <summary>A user whose Teams a cmdlet acts on, with everything needed to reach their files and registry.</summary>
    public sealed class TargetUser
    {
        public TargetUser(string sid, string userName, UserFolders folders, bool hiveLoaded, bool isCaller, int? sessionId)
        {
            Sid = sid;
            UserName = userName;
            Folders = folders;
            ProfilePath = folders.Profile;
            HiveLoaded = hiveLoaded;
            IsCaller = isCaller;
            SessionId = sessionId;
        }

        public string Sid { get; }

        public string UserName { get; }

        public string ProfilePath { get; }

        /// <summary>Where the user's AppData and Downloads really are (redirected or not): the only source of this user's Teams paths.</summary>
        public UserFolders Folders { get; }

        /// <summary>HKEY_USERS\&lt;SID&gt; is loaded: the user's registry can be read and written now.</summary>
        public bool HiveLoaded { get; }

        /// <summary>The module runs as this user: per-user steps (WAM, credentials, dsregcmd user state) can run here.</summary>
        public bool IsCaller { get; }

        /// <summary>The user's interactive session, when logged on.</summary>
        public int? SessionId { get; }

        public bool LoggedOn => SessionId.HasValue;

        public override string ToString() => UserName + " (" + Sid + ")";
    }
}
