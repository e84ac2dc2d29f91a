using System;
using System.Collections.Generic;
using System.Linq;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>The forms Intune and ConfigMgr read: one line of at most 2048 characters, and a compliance value.</summary>
    public static class DiagnosisSummary
    {
        public const int MaxLineLength = Lines.SummaryLine.MaxLength;
        public const string Compliant = "Compliant";
        public const string NonCompliant = "NonCompliant";

        /// <summary>True when no finding failed: what -Quiet returns.</summary>
        public static bool IsHealthy(IEnumerable<TeamsCaa20002Finding> findings) => findings.All(f => f.Status != FindingStatus.Fail);

        /// <summary>
        /// NonCompliant when Repair-TeamsCaa20002 has something to act on or hand over (<see cref="Repair.PcFixability.IsProblem"/>: a
        /// Fail, or a Warning with a remedy, such as a stale cache beside CAA20002 or a Conditional Access block for the tenant admin), so
        /// the detection and the repair agree on what is a problem; Compliant otherwise.
        /// </summary>
        public static string Compliance(IEnumerable<TeamsCaa20002Finding> findings) =>
            Repair.PcFixability.Problems(findings).Count == 0 ? Compliant : NonCompliant;

        /// <summary>
        /// The detection's line in the versioned grammar of <see cref="Lines.SummaryLine"/> ("CAA20002/1 Test PC01 NonCompliant exit=1
        /// dropped=0 | Fail Tls.WinHttp Device - - | ..."), at most 2048 characters, whole items only.
        /// </summary>
        public static string Line(string computerName, IReadOnlyList<TeamsCaa20002Finding> findings) =>
            Lines.SummaryLine.FromDiagnosis(computerName, findings).ToLine();

        /// <summary>The same content as one line of compact JSON with a schema version.</summary>
        public static string Json(string computerName, IReadOnlyList<TeamsCaa20002Finding> findings) =>
            Lines.SummaryLine.FromDiagnosis(computerName, findings).ToJson();
    }
}
