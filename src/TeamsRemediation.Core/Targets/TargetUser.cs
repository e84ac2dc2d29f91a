namespace TeamsRemediation.Targets
{
    /// <summary>A user whose Teams a cmdlet acts on, with everything needed to reach their files and registry.</summary>
    public sealed class TargetUser
    {
        public TargetUser(string sid, string userName, string profilePath, bool hiveLoaded, bool isCaller, int? sessionId)
        {
            Sid = sid;
            UserName = userName;
            ProfilePath = profilePath;
            HiveLoaded = hiveLoaded;
            IsCaller = isCaller;
            SessionId = sessionId;
        }

        public string Sid { get; }

        public string UserName { get; }

        public string ProfilePath { get; }

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
