using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;

namespace TeamsRemediation.Fleet
{
    /// <summary>
    /// Reads one line written by the detection or the repair back into its items: the one place the fleet reader knows the
    /// line's format. It reads the lines DiagnosisSummary.Line and RepairVerdict.Line write (and the scripts' own "could not
    /// run" lines). Those lines carry no owner: an item's owner is its code's (CodeCatalog) or, without a code, the
    /// check's default owner, as the diagnosis decides it.
    /// </summary>
    public static class RemediationLineReader
    {
        public const string Prefix = "CAA20002 ";

        private const string Check = @"[A-Z][A-Za-z0-9]*\.[A-Za-z0-9]+";
        private static readonly Regex DetectionHead = new Regex(@"^CAA20002 (?<pc>\S+) (?<state>Compliant|NonCompliant): (?<rest>.*)$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
        private static readonly Regex RepairHead = new Regex(
            @"^CAA20002 (?<pc>\S+) Repair (?<outcome>[A-Za-z]+) \(exit (?<exit>-?\d+)\): (?<rest>.*)$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
        private static readonly Regex DetectionFailed = new Regex(@"^CAA20002 detection could not run: (?<message>.*)$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
        private static readonly Regex RepairStopped = new Regex(@"^CAA20002 repair on (?<pc>\S*) stopped: (?<message>.*)$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
        private static readonly Regex DetectionSplit = new Regex(@" \| (?=(?:FAIL|WARN) " + Check + @"|pass \d)", RegexOptions.CultureInvariant);
        private static readonly Regex DetectionItem = new Regex(@"^(?<status>FAIL|WARN) (?<id>" + Check
            + @")(?: (?<user>[^:]+?))?(?:: (?<text>.*))?$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
        private static readonly Regex RepairSplit = new Regex(@" \| (?=left: |report |log: )", RegexOptions.CultureInvariant);
        private static readonly Regex ProblemSplit = new Regex(@"; (?=(?:Fail|Warning) " + Check + ")", RegexOptions.CultureInvariant);
        private static readonly Regex ProblemItem = new Regex(@"^(?<status>Fail|Warning) (?<id>" + Check
            + @")(?: (?<user>[^:]+?))?(?:: (?<text>.*))?$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>The line read back, or null with <paramref name="problem"/> saying why it is not a line of this module.</summary>
        public static RemediationLine? Read(string line, out string problem)
        {
            problem = string.Empty;
            var text = (line ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                problem = "the line is empty";
                return null;
            }

            if (!text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                problem = "it is not a line of TeamsRemediation (those start with '" + Prefix.Trim() + " '): '" + Excerpt(text) + "'";
                return null;
            }

            var truncated = text.Length >= DiagnosisSummary.MaxLineLength - 3 && text.EndsWith("...", StringComparison.Ordinal);
            Match m;
            if ((m = DetectionHead.Match(text)).Success)
            {
                var items = new List<RemediationLineItem>();
                var dropped = 0;
                var parts = DetectionSplit.Split(m.Groups["rest"].Value);
                for (var i = 0; i < parts.Length; i++)
                {
                    var item = DetectionItem.Match(parts[i]);
                    if (!item.Success)
                    {
                        continue;
                    }

                    var last = i == parts.Length - 1;
                    if (truncated && last && !IsKnownCheck(item.Groups["id"].Value))
                    {
                        dropped++;
                        continue;
                    }

                    items.Add(Item(item, item.Groups["status"].Value == "FAIL" ? FindingStatus.Fail : FindingStatus.Warning));
                }

                if (m.Groups["state"].Value == DiagnosisSummary.NonCompliant && items.Count == 0 && !truncated)
                {
                    problem = "it says NonCompliant but names no failing check: '" + Excerpt(text) + "'";
                    return null;
                }

                return new RemediationLine(RemediationLineKind.Detection, m.Groups["pc"].Value, m.Groups["state"].Value, null, items, dropped,
                    truncated,
                    string.Empty);
            }

            if ((m = RepairHead.Match(text)).Success)
            {
                if (!Enum.TryParse<RepairOutcome>(m.Groups["outcome"].Value, ignoreCase: false, out var outcome))
                {
                    problem = "'" + m.Groups["outcome"].Value + "' is not an outcome of Repair-TeamsCaa20002: '" + Excerpt(text) + "'";
                    return null;
                }

                var items = new List<RemediationLineItem>();
                var dropped = 0;
                var left = RepairSplit.Split(m.Groups["rest"].Value).FirstOrDefault(p => p.StartsWith("left: ", StringComparison.Ordinal));
                if (left != null)
                {
                    var problems = ProblemSplit.Split(left.Substring(6));
                    for (var i = 0; i < problems.Length; i++)
                    {
                        var item = ProblemItem.Match(problems[i]);
                        if (!item.Success)
                        {
                            continue;
                        }

                        if (truncated && i == problems.Length - 1 && !IsKnownCheck(item.Groups["id"].Value))
                        {
                            dropped++;
                            continue;
                        }

                        items.Add(Item(item, item.Groups["status"].Value == "Fail" ? FindingStatus.Fail : FindingStatus.Warning));
                    }
                }

                return new RemediationLine(RemediationLineKind.Repair, m.Groups["pc"].Value, outcome.ToString(),
                    int.Parse(m.Groups["exit"].Value, System.Globalization.CultureInfo.InvariantCulture), items, dropped, truncated, string.Empty);
            }

            if ((m = DetectionFailed.Match(text)).Success)
            {
                return new RemediationLine(RemediationLineKind.Detection, string.Empty, RemediationLine.ScriptError, null,
                    new RemediationLineItem[0], 0,
                    truncated, m.Groups["message"].Value);
            }

            if ((m = RepairStopped.Match(text)).Success)
            {
                return new RemediationLine(RemediationLineKind.Repair, m.Groups["pc"].Value, RemediationLine.ScriptError, 1,
                    new RemediationLineItem[0], 0,
                    truncated, m.Groups["message"].Value);
            }

            problem = truncated
                ? "the line was cut before its state: '" + Excerpt(text) + "'"
                : "it starts like a TeamsRemediation line but does not read as a detection or a repair: '" + Excerpt(text) + "'";
            return null;
        }

        /// <summary>One problem as Repair-TeamsCaa20002's summary lists it ("Fail Evidence.AadEvents CONTOSO\alice: ..."), or null.</summary>
        public static RemediationLineItem? ReadProblem(string problem)
        {
            var item = ProblemItem.Match((problem ?? string.Empty).Trim());
            return item.Success ? Item(item, item.Groups["status"].Value == "Fail" ? FindingStatus.Fail : FindingStatus.Warning) : null;
        }

        private static RemediationLineItem Item(Match item, FindingStatus status)
        {
            var checkId = item.Groups["id"].Value;
            var text = item.Groups["text"].Value;
            var code = CodeCatalog.Extract(text).FirstOrDefault() ?? string.Empty;
            var owner = code.Length > 0 ? CodeCatalog.Explain(code).Owner : CheckIds.DefaultOwner(checkId);
            return new RemediationLineItem(checkId, status, owner, code, item.Groups["user"].Value.Trim(), text);
        }

        private static bool IsKnownCheck(string checkId) => CheckIds.All.Contains(checkId, StringComparer.Ordinal);

        /// <summary>The start of a line for a warning: enough to find it, never a whole 10 MB cell.</summary>
        internal static string Excerpt(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}
