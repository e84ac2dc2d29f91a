using System;
using System.Collections.Generic;
using System.Linq;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>The forms Intune and ConfigMgr read: one line of at most 2048 characters, and a compliance value.</summary>
    public static class DiagnosisSummary
    {
        public const int MaxLineLength = 2048;
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
        /// "CAA20002 PC01 NonCompliant: FAIL Tls.WinHttp; FAIL Evidence.AadEvents CONTOSO\alice: ... | WARN Network.Vpn | pass 12, skipped 2".
        /// Fails first, then warnings; cut at 2048 characters with "..." so Intune shows it whole.
        /// </summary>
        public static string Line(string computerName, IReadOnlyList<TeamsCaa20002Finding> findings)
        {
            var parts = new List<string>();
            foreach (var f in findings.Where(f => f.Status == FindingStatus.Fail))
            {
                parts.Add("FAIL " + f.CheckId + (f.User.Length > 0 ? " " + f.User : string.Empty) + ": " + f.Summary);
            }

            foreach (var f in findings.Where(f => f.Status == FindingStatus.Warning))
            {
                parts.Add("WARN " + f.CheckId + (f.User.Length > 0 ? " " + f.User : string.Empty));
            }

            foreach (var a in findings.SelectMany(f => f.AnsweredSightings.Select(a => new { f.User, Sighting = a })))
            {
                parts.Add("ANSWERED " + a.Sighting.Code + (a.User.Length > 0 ? " " + a.User : string.Empty) + " by " + a.Sighting.Record.AnsweredBy
                    + " at " + a.Sighting.Record.AnsweredUtc.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            parts.Add("pass " + findings.Count(f => f.Status == FindingStatus.Pass) + ", skipped "
                + findings.Count(f => f.Status == FindingStatus.Skipped));
            var line = "CAA20002 " + computerName + " " + Compliance(findings) + ": " + string.Join(" | ", parts);
            line = line.Replace("\r", " ").Replace("\n", " ");
            return line.Length <= MaxLineLength ? line : line.Substring(0, MaxLineLength - 3) + "...";
        }
    }
}
