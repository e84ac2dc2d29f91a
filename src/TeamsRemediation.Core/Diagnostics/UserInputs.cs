using System.Collections.Generic;
using TeamsRemediation.Codes;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>What one user's checks read, gathered once by <see cref="Caa20002Diagnosis"/> before the checks that need it.</summary>
    internal sealed class UserInputs
    {
        public UserInputs(TargetUser user)
        {
            User = user;
        }

        public TargetUser User { get; }

        public IReadOnlyList<TeamsInstallation> Installations { get; set; } = new TeamsInstallation[0];

        /// <summary>The user's Teams logs, read (null when Evidence.TeamsLogs is not wanted).</summary>
        public EvidenceReading? Logs { get; set; }

        /// <summary>The user's AAD token error events, read (null when Evidence.AadEvents is not run).</summary>
        public EvidenceReading? Events { get; set; }

        /// <summary>The codes the logs, then the events, showed that point at this PC: computed from both readings.</summary>
        public IReadOnlyList<CodeInfo> CodesSeen { get; set; } = new CodeInfo[0];
    }
}
