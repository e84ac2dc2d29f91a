using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Which rung each problem calls for: the one place the ladder reads the diagnosis. What a problem is, is
    /// <see cref="PcFixability.IsProblem"/>.
    /// </summary>
    internal static class RepairProblems
    {
        public static bool IsEvidence(TeamsCaa20002Finding f) => f.CheckId == CheckIds.EvidenceAadEvents || f.CheckId == CheckIds.EvidenceTeamsLogs;

        public static IReadOnlyList<string> Codes(TeamsCaa20002Finding f) => CodeCatalog.Extract(f.Summary);

        public static bool ClockSkew(TeamsCaa20002Finding f) => f.CheckId == CheckIds.NetworkClockSkew && f.Status == FindingStatus.Fail;

        public static bool NameNotResolved(TeamsCaa20002Finding f) => f.CheckId == CheckIds.NetworkEndpoint && f.Status == FindingStatus.Fail
            && f.Summary.IndexOf("name not resolved", StringComparison.OrdinalIgnoreCase) >= 0;

        public static bool TlsOff(TeamsCaa20002Finding f) => f.CheckId.StartsWith("Tls.", StringComparison.Ordinal) && PcFixability.IsProblem(f)
            && f.Remedy.StartsWith("Enable-Tls12", StringComparison.Ordinal);

        public static bool AccountState(TeamsCaa20002Finding f) =>
            (f.CheckId == CheckIds.AccountWamPolicy || f.CheckId == CheckIds.AccountBrokerPlugin) && PcFixability.IsProblem(f)
            && f.Owner == FindingOwner.Device;

        public static bool StaleCache(TeamsCaa20002Finding f) => f.CheckId == CheckIds.TeamsCache && PcFixability.IsProblem(f);

        public static bool BrokerDamaged(TeamsCaa20002Finding f) => IsEvidence(f) && PcFixability.IsProblem(f) && Codes(f).Contains("CAA50021");

        /// <summary>The WebView2 Runtime missing, broken or per user only (Teams.WebView2 Fail or Warning).</summary>
        public static bool WebView2Missing(TeamsCaa20002Finding f) => f.CheckId == CheckIds.TeamsWebView2 && PcFixability.IsProblem(f)
            && f.Owner == FindingOwner.Device;

        public static bool ClientMissing(TeamsCaa20002Finding f) => f.CheckId == CheckIds.TeamsClient && PcFixability.IsProblem(f);

        /// <summary>The causes of an evidence row's codes that a step on this PC can repair (not the user's or the tenant's, not unknown).</summary>
        public static IReadOnlyList<CodeCause> FixableCauses(TeamsCaa20002Finding f) => Codes(f).Select(CodeCatalog.Explain)
            .Where(c => !c.IsOutsideThePc && c.Cause != CodeCause.Unknown).Select(c => c.Cause).Distinct().ToList();

        /// <summary>"Fail Tls.Schannel CONTOSO\alice: ..." for Before, After and the summary.</summary>
        public static string Describe(TeamsCaa20002Finding f) =>
            f.Status + " " + Name(f) + ": " + f.Summary;

        /// <summary>"Tls.Schannel CONTOSO\alice", or the check id alone for a machine finding.</summary>
        public static string Name(TeamsCaa20002Finding f) => f.CheckId + (f.User.Length > 0 ? " " + f.User : string.Empty);
    }
}
