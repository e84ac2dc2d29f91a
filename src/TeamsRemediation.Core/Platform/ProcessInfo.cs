using System;

namespace TeamsRemediation.Platform
{
    /// <summary>A running process as the module needs to see it: enough to tell whose it is and who started it.</summary>
    public sealed class ProcessInfo
    {
        public ProcessInfo(int id, string name, int parentId, int sessionId, string? ownerSid, string? executablePath,
            DateTime? startTimeUtc = null)
        {
            StartTimeUtc = startTimeUtc;
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

        /// <summary>
        /// When the process started (UTC), or null when it could not be read. With the name it tells this process from a later one
        /// that got the same id (Windows reuses ids at once): <see cref="IProcessTable.Kill"/> ends only the process that was listed.
        /// </summary>
        public DateTime? StartTimeUtc { get; }

        /// <summary>
        /// Whether a process read now by this id is still the one listed: the same image name, and the same start time where the listing
        /// had one. A start time that cannot be read now, while the listing had one, is not a match: what cannot be told apart is not ended.
        /// </summary>
        public bool IsSameProcessAs(string? nameNow, DateTime? startTimeUtcNow) =>
            nameNow != null && string.Equals(nameNow, Name, StringComparison.OrdinalIgnoreCase)
            && (StartTimeUtc == null || startTimeUtcNow == StartTimeUtc);

        public override string ToString() => Name + " (" + Id + ")";
    }
}
