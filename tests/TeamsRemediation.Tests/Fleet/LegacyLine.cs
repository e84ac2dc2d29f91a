using System.Collections.Generic;
using System.Linq;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>
    /// The detection line as the module wrote it before the versioned grammar (DiagnosisSummary.Line of 0.1.0), word for word: the lines
    /// fleets' reports still hold, which the reader must keep reading.
    /// </summary>
    internal static class LegacyLine
    {
        public static string Detection(string computerName, IReadOnlyList<TeamsCaa20002Finding> findings)
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

            parts.Add("pass " + findings.Count(f => f.Status == FindingStatus.Pass) + ", skipped "
                + findings.Count(f => f.Status == FindingStatus.Skipped));
            var compliance = findings.All(f => f.Status != FindingStatus.Fail) ? "Compliant" : "NonCompliant";
            var line = ("CAA20002 " + computerName + " " + compliance + ": " + string.Join(" | ", parts)).Replace("\r", " ").Replace("\n", " ");
            return line.Length <= 2048 ? line : line.Substring(0, 2045) + "...";
        }
    }
}
