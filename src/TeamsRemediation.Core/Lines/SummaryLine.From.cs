using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Repair;

namespace TeamsRemediation.Lines
{
    public sealed partial class SummaryLine
    {
        /// <summary>
        /// A detection's line: the failing checks, then the warnings Repair-TeamsCaa20002 acts on or hands over, then the evidence a change
        /// answered (what, for whom, when, by which change), then the other warnings; the exit code the detection script ends with (1 when
        /// NonCompliant).
        /// </summary>
        public static SummaryLine FromDiagnosis(string computerName, IReadOnlyList<TeamsCaa20002Finding> findings)
        {
            var problems = PcFixability.Problems(findings);
            var items = findings.Where(f => f.Status == FindingStatus.Fail).Select(f => Item(f, f.Owner))
                .Concat(problems.Where(f => f.Status == FindingStatus.Warning).Select(f => Item(f, f.Owner)))
                .Concat(findings.SelectMany(f => f.AnsweredSightings.Select(a => new SummaryLineItem(SummaryLineItem.Answered, a.CheckId,
                    nameof(FindingOwner.Device), a.Code, f.User, new[]
                    {
                        Pair("at", Utc(a.Record.AnsweredUtc)),
                        Pair("by", a.Record.AnsweredBy),
                    }))))
                .Concat(findings.Where(f => f.Status == FindingStatus.Warning && !problems.Contains(f)).Select(f => Item(f, f.Owner)))
                .ToList();
            var state = DiagnosisSummary.Compliance(findings);
            var counts = "pass " + findings.Count(f => f.Status == FindingStatus.Pass) + ", skipped "
                + findings.Count(f => f.Status == FindingStatus.Skipped);
            var text = problems.Count == 0 ? counts
                : counts + ": " + string.Join("; ", problems.OrderBy(f => f.Status == FindingStatus.Fail ? 0 : 1)
                    .Select(f => RepairProblems.Name(f) + ": " + f.Summary));
            return new SummaryLine(TestKind, computerName, state, state == DiagnosisSummary.Compliant ? 0 : 1, items, text: text);
        }

        /// <summary>
        /// A repair's line: what is left (with who must act now), then the steps, changes first; the exit code; whether a restart is needed,
        /// also beside an outcome that is not NeedsReboot ("NeedsAdmin+Restart"); the report folder.
        /// </summary>
        public static SummaryLine FromRepair(TeamsRepairSummary summary)
        {
            var state = summary.Outcome + (summary.RebootRequired && summary.Outcome != RepairOutcome.NeedsReboot ? "+Restart" : string.Empty);
            var text = string.Join("; ", summary.Steps.DefaultIfEmpty("no step"))
                + (summary.ProblemsAfter.Length > 0 ? " | left: " + string.Join("; ", summary.ProblemsAfter) : string.Empty)
                + " | log: %ProgramData%\\TeamsRemediation\\" + Logging.MachineLog.FolderName + "\\" + Logging.MachineLog.FileName;
            return new SummaryLine(RepairKind, summary.ComputerName, state, summary.ExitCode, summary.LineItems,
                restartNeeded: summary.RebootRequired, reportPath: summary.ReportPath, text: text);
        }

        /// <summary>A finding as an item: its status, check, who acts, the code it is about, the user.</summary>
        internal static SummaryLineItem Item(TeamsCaa20002Finding f, FindingOwner owner) => new SummaryLineItem(
            f.Status == FindingStatus.Fail ? SummaryLineItem.Fail : SummaryLineItem.Warning, f.CheckId, owner.ToString(),
            f.TopCode.Length > 0 ? f.TopCode : CodeCatalog.Extract(f.Summary).FirstOrDefault() ?? string.Empty, f.User);

        /// <summary>A repair step as an item: "Rung/Step", the user, its status.</summary>
        internal static SummaryLineItem Item(TeamsRepairStep step) => new SummaryLineItem(SummaryLineItem.Step, step.Rung + "/" + step.Step,
            string.Empty, string.Empty, step.User, new[] { Pair("status", step.Status.ToString()) });

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);

        private static string Utc(System.DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
