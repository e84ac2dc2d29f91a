using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Lines;

namespace TeamsRemediation.Fleet
{
    /// <summary>
    /// A line of the fleet's reports as the fleet reader takes it: <see cref="SummaryLine.Parse"/> reads the module's lines (the versioned
    /// grammar, its JSON form and the free-text lines of earlier versions); the shipped scripts' own two sentences for a run that could not start are
    /// recognised here, since they are no summary line; and an item without an owner (an earlier version's) gets the one the diagnosis would give.
    /// </summary>
    public static class FleetLine
    {
        /// <summary>How every line of this module starts, of any version ("CAA20002/1 ", "CAA20002 ").</summary>
        public const string Marker = "CAA20002";

        /// <summary>The outcome of a script that could not run at all.</summary>
        public const string ScriptError = "ScriptError";

        // What scripts/Intune/Detect-TeamsCaa20002.ps1 and the two remediation scripts print when the module cannot run.
        private static readonly Regex DetectionFailed = new Regex(@"^CAA20002 detection could not run: (?<message>.*)$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        private static readonly Regex RepairStopped = new Regex(@"^CAA20002 repair on (?<pc>\S*) stopped: (?<message>.*)$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>The line read, or null with <paramref name="problem"/> saying why it is not one of this module.</summary>
        public static SummaryLine? Read(string line, out string problem)
        {
            problem = string.Empty;
            var text = (line ?? string.Empty).Trim();
            if (!IsLineStart(text))
            {
                problem = "it is not a line of TeamsRemediation (those start with '" + Marker + "', or '{' for -As Json): '" + Excerpt(text) + "'";
                return null;
            }

            // The scripts' own sentences start "CAA20002 ", like an earlier version's line; the versioned line starts "CAA20002/1 ".
            if (text.StartsWith(Marker + " ", StringComparison.Ordinal))
            {
                var m = DetectionFailed.Match(text);
                if (m.Success)
                {
                    return new SummaryLine(SummaryLine.TestKind, string.Empty, ScriptError, 1, new SummaryLineItem[0],
                        text: m.Groups["message"].Value, version: 0);
                }

                m = RepairStopped.Match(text);
                if (m.Success)
                {
                    return new SummaryLine(SummaryLine.RepairKind, m.Groups["pc"].Value, ScriptError, 1, new SummaryLineItem[0],
                        text: m.Groups["message"].Value, version: 0);
                }
            }

            try
            {
                return SummaryLine.Parse(text);
            }
            catch (FormatException e)
            {
                problem = e.Message.TrimEnd('.') + ": '" + Excerpt(text) + "'";
                return null;
            }
        }

        /// <summary>True when a text starts like a line of this module of any version, or like its JSON form (-As Json).</summary>
        public static bool IsLineStart(string text) => text.StartsWith(Marker, StringComparison.Ordinal) || SummaryLineJson.LooksLikeJson(text);

        /// <summary>
        /// True when a file's first line makes it a file of lines: a line of this module, or its JSON form naming the schema (a file of other
        /// JSON, a Graph response, is then not taken for one and is refused whole as an unknown file, not warned about line by line).
        /// </summary>
        public static bool IsFirstOfLines(string text) => text.StartsWith(Marker, StringComparison.Ordinal)
            || (SummaryLineJson.LooksLikeJson(text) && text.IndexOf("\"" + SummaryLine.JsonSchema + "\"", StringComparison.Ordinal) >= 0);

        /// <summary>
        /// The problems of a TeamsRepairSummary ("Fail Evidence.AadEvents CONTOSO\alice: ..."), read as the repair's line of earlier
        /// versions carried them after "left: ", by the same reader.
        /// </summary>
        public static IReadOnlyList<SummaryLineItem> Problems(IEnumerable<string> problems)
        {
            var list = problems.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => SummaryLine.OneLine(p)).ToList();
            if (list.Count == 0)
            {
                return new SummaryLineItem[0];
            }

            var line = SummaryLine.Parse(Marker + " - Repair " + nameof(RepairOutcome.NotFixed) + " (exit 1): no step | left: " + string.Join("; ",
                list));
            return line.Items.Where(IsProblem).ToList();
        }

        /// <summary>A failing or warning check (not a repair step, not answered evidence).</summary>
        public static bool IsProblem(SummaryLineItem item) => item.Status == SummaryLineItem.Fail || item.Status == SummaryLineItem.Warning;

        /// <summary>The item's owner; for a line of an earlier version, which names none, its code's owner or else the check's usual one.</summary>
        public static FindingOwner OwnerOf(SummaryLineItem item)
        {
            if (Enum.TryParse<FindingOwner>(item.Owner, ignoreCase: true, out var owner))
            {
                return owner;
            }

            return item.Code.Length > 0 ? CodeCatalog.Explain(item.Code).Owner : CheckIds.DefaultOwner(item.CheckId);
        }

        /// <summary>The start of a text for a warning: enough to find it, never a whole 10 MB cell.</summary>
        public static string Excerpt(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}
