using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Which findings are problems and which rung each one calls for: the one place the ladder reads the diagnosis. A problem
    /// is a Fail, or a Warning that names a remedy and is not the network team's (a VPN or proxy note never fails a repair).
    /// </summary>
    internal static class RepairProblems
    {
        public static bool IsProblem(TeamsCaa20002Finding f) =>
            f.Status == FindingStatus.Fail || f.Status == FindingStatus.Warning && f.Remedy.Length > 0 && f.Owner != FindingOwner.Network;

        public static bool IsEvidence(TeamsCaa20002Finding f) => f.CheckId == CheckIds.EvidenceAadEvents || f.CheckId == CheckIds.EvidenceTeamsLogs;

        public static IReadOnlyList<string> Codes(TeamsCaa20002Finding f) => CodeCatalog.Extract(f.Summary);

        public static bool ClockSkew(TeamsCaa20002Finding f) => f.CheckId == CheckIds.NetworkClockSkew && f.Status == FindingStatus.Fail;

        public static bool NameNotResolved(TeamsCaa20002Finding f) => f.CheckId == CheckIds.NetworkEndpoint && f.Status == FindingStatus.Fail
            && f.Summary.IndexOf("name not resolved", StringComparison.OrdinalIgnoreCase) >= 0;

        public static bool TlsOff(TeamsCaa20002Finding f) => f.CheckId.StartsWith("Tls.", StringComparison.Ordinal) && IsProblem(f)
            && f.Remedy.StartsWith("Enable-Tls12", StringComparison.Ordinal);

        public static bool AccountState(TeamsCaa20002Finding f) =>
            (f.CheckId == CheckIds.AccountWamPolicy || f.CheckId == CheckIds.AccountBrokerPlugin) && IsProblem(f) && f.Owner == FindingOwner.Device;

        public static bool StaleCache(TeamsCaa20002Finding f) => f.CheckId == CheckIds.TeamsCache && IsProblem(f);

        public static bool BrokerDamaged(TeamsCaa20002Finding f) => IsEvidence(f) && IsProblem(f) && Codes(f).Contains("CAA50021");

        public static bool ClientMissing(TeamsCaa20002Finding f) => f.CheckId == CheckIds.TeamsClient && IsProblem(f);

        /// <summary>The causes of an evidence row's codes that a step on this PC can repair (not the user's or the tenant's, not unknown).</summary>
        public static IReadOnlyList<CodeCause> FixableCauses(TeamsCaa20002Finding f) => Codes(f).Select(CodeCatalog.Explain)
            .Where(c => !c.IsOutsideThePc && c.Cause != CodeCause.Unknown).Select(c => c.Cause).Distinct().ToList();

        /// <summary>"Fail Tls.Schannel CONTOSO\alice: ..." for Before, After and the summary.</summary>
        public static string Describe(TeamsCaa20002Finding f) =>
            f.Status + " " + f.CheckId + (f.User.Length > 0 ? " " + f.User : string.Empty) + ": " + f.Summary;
    }
}
