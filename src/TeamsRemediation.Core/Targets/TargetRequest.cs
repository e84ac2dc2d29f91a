using System.Collections.Generic;

namespace TeamsRemediation.Targets
{
    /// <summary>What the caller asked for: names, SIDs, everybody, or (all empty) the implicit default.</summary>
    public sealed class TargetRequest
    {
        public IReadOnlyList<string> UserNames { get; set; } = new string[0];

        public IReadOnlyList<string> UserSids { get; set; } = new string[0];

        public bool AllUsers { get; set; }

        /// <summary>The call arrived through PowerShell remoting: the connecting admin is not the person at the desk.</summary>
        public bool IsRemotingSession { get; set; }

        public bool IsImplicit => UserNames.Count == 0 && UserSids.Count == 0 && !AllUsers;
    }
}
