namespace TeamsRemediation.Platform
{
    /// <summary>A running process as the module needs to see it: enough to tell whose it is and who started it.</summary>
    public sealed class ProcessInfo
    {
        public ProcessInfo(int id, string name, int parentId, int sessionId, string? ownerSid, string? executablePath)
        {
            Id = id;
            Name = name;
            ParentId = parentId;
            SessionId = sessionId;
            OwnerSid = ownerSid;
            ExecutablePath = executablePath;
        }

        public int Id { get; }

        /// <summary>The image name without ".exe", as Get-Process shows it (ms-teams, Teams, msedgewebview2).</summary>
        public string Name { get; }

        public int ParentId { get; }

        public int SessionId { get; }

        /// <summary>The SID of the token owner, or null when it could not be read (another user's process without privilege).</summary>
        public string? OwnerSid { get; }

        public string? ExecutablePath { get; }

        public override string ToString() => Name + " (" + Id + ")";
    }
}
