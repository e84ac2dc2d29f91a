using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Lines
{
    /// <summary>
    /// Reads the free-text lines of earlier versions, which fleets' reports still hold: "CAA20002 PC01 NonCompliant: FAIL Tls.WinHttp: ... |
    /// WARN Network.Vpn | pass 12, skipped 2" and "CAA20002 PC01 Repair Fixed (exit 0): Evidence/EvidenceCopy: Done; ... | left: Fail ...;
    /// ... | report C:\...". They name no owner; the code is the first one in an item's summary; a line cut at 2048 characters ("...")
    /// has an unknown number of items left out (Dropped -1).
    /// </summary>
    internal static class LegacySummaryLine
    {
        private const string Prefix = "CAA20002 ";

        private static readonly Regex RepairHead = new Regex(@"^(?<computer>\S+) Repair (?<outcome>\w+) \(exit (?<exit>\d+)\)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex TestHead = new Regex(@"^(?<computer>\S+) (?<state>Compliant|NonCompliant)$", RegexOptions.CultureInvariant);

        /// <summary>"Fail Tls.Schannel CONTOSO\alice: ..." or "FAIL ...": a status word, then a check id.</summary>
        private static readonly Regex Problem = new Regex(
            @"^(?<status>FAIL|WARN|Fail|Warning) (?<check>[A-Za-z]+\.[A-Za-z0-9]+)(?: (?<user>[^:]+))?(?:: (?<summary>.*))?$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>"Machine/Tls: Done" or "Cache/CacheLight CONTOSO\alice: Done".</summary>
        private static readonly Regex Step = new Regex(@"^(?<step>[A-Za-z]+/[A-Za-z]+)(?: (?<user>.+?))?: (?<status>[A-Za-z]+)$",
            RegexOptions.CultureInvariant);

        public static SummaryLine? Parse(string line)
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return null;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException("'" + line + "' has no ': ' after its head.");
            }

            var head = line.Substring(Prefix.Length, colon - Prefix.Length);
            var body = line.Substring(colon + 2);
            var cut = body.EndsWith("...", StringComparison.Ordinal) && line.Length >= SummaryLine.MaxLength - 3;
            if (cut)
            {
                body = body.Substring(0, body.Length - 3);
            }

            var parts = body.Split(new[] { " | " }, StringSplitOptions.None).ToList();
            var repair = RepairHead.Match(head);
            if (repair.Success)
            {
                return ParseRepair(repair, parts, cut);
            }

            var test = TestHead.Match(head);
            if (!test.Success)
            {
                throw new FormatException("'" + head + "' is neither 'PC State' nor 'PC Repair Outcome (exit n)'.");
            }

            var items = new List<SummaryLineItem>();
            var text = new List<string>();
            foreach (var part in parts)
            {
                var item = ProblemItem(part);
                if (item != null)
                {
                    items.Add(item);
                }
                else
                {
                    text.Add(part);
                }
            }

            return new SummaryLine(SummaryLine.TestKind, test.Groups["computer"].Value, test.Groups["state"].Value, null, items, cut ? -1 : 0,
                text: string.Join(" | ", text), version: 0);
        }

        private static SummaryLine ParseRepair(Match head, List<string> parts, bool cut)
        {
            var items = new List<SummaryLineItem>();
            var steps = new List<SummaryLineItem>();
            var report = string.Empty;
            var text = new List<string>();
            foreach (var part in parts)
            {
                if (part.StartsWith("left: ", StringComparison.Ordinal))
                {
                    // Problems were joined with "; ", which a summary may hold too: a piece that does not start like a problem belongs to the
                    // one before.
                    var pieces = new List<string>();
                    foreach (var piece in part.Substring("left: ".Length).Split(new[] { "; " }, StringSplitOptions.None))
                    {
                        if (pieces.Count == 0 || Problem.IsMatch(piece))
                        {
                            pieces.Add(piece);
                        }
                        else
                        {
                            pieces[pieces.Count - 1] += "; " + piece;
                        }
                    }

                    items.AddRange(pieces.Select(ProblemItem).Where(i => i != null)!);
                }
                else if (part.StartsWith("report ", StringComparison.Ordinal))
                {
                    report = part.Substring("report ".Length);
                }
                else if (steps.Count == 0 && items.Count == 0 && part != "no step"
                    && part.Split(new[] { "; " }, StringSplitOptions.None).All(Step.IsMatch))
                {
                    steps.AddRange(part.Split(new[] { "; " }, StringSplitOptions.None).Select(s => Step.Match(s)).Select(m => new SummaryLineItem(
                        SummaryLineItem.Step, m.Groups["step"].Value, string.Empty, string.Empty, m.Groups["user"].Value,
                        new[] { new KeyValuePair<string, string>("status", m.Groups["status"].Value) })));
                }
                else
                {
                    text.Add(part);
                }
            }

            var outcome = head.Groups["outcome"].Value;
            return new SummaryLine(SummaryLine.RepairKind, head.Groups["computer"].Value, outcome, int.Parse(head.Groups["exit"].Value,
                System.Globalization.CultureInfo.InvariantCulture), items.Concat(steps), cut ? -1 : 0, outcome == nameof(RepairOutcome.NeedsReboot),
                report, string.Join(" | ", text), version: 0);
        }

        private static SummaryLineItem? ProblemItem(string part)
        {
            var match = Problem.Match(part);
            if (!match.Success)
            {
                return null;
            }

            var status = match.Groups["status"].Value.StartsWith("F", StringComparison.Ordinal) ? SummaryLineItem.Fail : SummaryLineItem.Warning;
            return new SummaryLineItem(status, match.Groups["check"].Value, string.Empty,
                CodeCatalog.Extract(match.Groups["summary"].Value).FirstOrDefault() ?? string.Empty, match.Groups["user"].Value);
        }
    }
}
