using System.Collections.Generic;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Answers
{
    /// <summary>
    /// Which causes of sign-in errors each kind of change answers: the one table the repair's rechecks and the answered-evidence
    /// records both read, so a repair, a cmdlet run by hand and the next detection agree on what a change has answered.
    /// </summary>
    public static class AnsweredCauses
    {
        /// <summary>Clearing the Teams cache, light or full: a stale cache is a known cause of invalid_request and account errors
        /// (a damaged broker, CAA50021, is not the cache's).</summary>
        public static readonly IReadOnlyList<CodeCause> CacheClear = new[] { CodeCause.Request, CodeCause.Account };

        /// <summary>Turning TLS 1.2 back on (Enable-Tls12, the repair's TLS step).</summary>
        public static readonly IReadOnlyList<CodeCause> Tls = new[] { CodeCause.Tls };

        /// <summary>Resyncing the clock.</summary>
        public static readonly IReadOnlyList<CodeCause> Clock = new[] { CodeCause.Clock };

        /// <summary>A DNS flush answers no logged evidence: the endpoint probes, run again after it, say whether names resolve.</summary>
        public static readonly IReadOnlyList<CodeCause> DnsFlush = new CodeCause[0];

        /// <summary>Resetting the work account (Reset-TeamsWorkAccount, the repair's account step).</summary>
        public static readonly IReadOnlyList<CodeCause> AccountReset = new[] { CodeCause.Account };

        /// <summary>The CAA50021 broker repair.</summary>
        public static readonly IReadOnlyList<CodeCause> BrokerRepair = new[] { CodeCause.Broker };

        /// <summary>Resetting or reinstalling new Teams.</summary>
        public static readonly IReadOnlyList<CodeCause> AppReset = new[] { CodeCause.Request, CodeCause.Account, CodeCause.Broker };
    }
}
