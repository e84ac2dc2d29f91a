using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TeamsRemediation.Lines
{
    /// <summary>
    /// The one line Intune and ConfigMgr keep of a detection or a repair (Test-TeamsCaa20002 -As Line, Repair-TeamsCaa20002 -As Line),
    /// as values: written here (<see cref="ToLine"/>, <see cref="ToJson"/>) and read here (<see cref="Parse"/>), the current version and
    /// the free-text lines of earlier versions alike. The grammar is <see cref="SummaryLineGrammar"/>'s.
    /// </summary>
    public sealed partial class SummaryLine
    {
        /// <summary>What Intune keeps of a script's output: the last line, at most this many characters.</summary>
        public const int MaxLength = 2048;

        /// <summary>The version this module writes; 0 is the free-text line of earlier versions (read, never written).</summary>
        public const int CurrentVersion = 1;

        /// <summary>The JSON form's schema name and version.</summary>
        public const string JsonSchema = "TeamsRemediation.SummaryLine/1";

        public const string TestKind = "Test", RepairKind = "Repair";

        public SummaryLine(string kind, string computer, string state, int? exitCode, IEnumerable<SummaryLineItem> items, int dropped = 0,
            bool restartNeeded = false, string reportPath = "", string text = "", int version = CurrentVersion)
        {
            Kind = kind ?? string.Empty;
            Computer = computer ?? string.Empty;
            State = state ?? string.Empty;
            ExitCode = exitCode;
            Items = (items ?? Enumerable.Empty<SummaryLineItem>()).ToList();
            Dropped = dropped;
            RestartNeeded = restartNeeded;
            ReportPath = reportPath ?? string.Empty;
            Text = text ?? string.Empty;
            Version = version;
        }

        /// <summary>1 for this module's lines; 0 for a free-text line of an earlier version.</summary>
        public int Version { get; }

        /// <summary>Test (a detection) or Repair.</summary>
        public string Kind { get; }

        public string Computer { get; }

        /// <summary>Compliant or NonCompliant for a detection; the repair's outcome (with "+Restart" when a restart is needed beside it).</summary>
        public string State { get; }

        /// <summary>The exit code the shipped script ends with; null when the line does not say.</summary>
        public int? ExitCode { get; }

        /// <summary>The items kept, in order of importance.</summary>
        public IReadOnlyList<SummaryLineItem> Items { get; }

        /// <summary>How many items were left out so the line fits; -1 when an old line was cut and the count is unknown.</summary>
        public int Dropped { get; }

        /// <summary>A repair that needs Windows to restart before it takes effect.</summary>
        public bool RestartNeeded { get; }

        /// <summary>The repair's report folder (evidence, admin pack), or empty.</summary>
        public string ReportPath { get; }

        /// <summary>Free text for people; may be cut.</summary>
        public string Text { get; }

        /// <summary>True when the line says the PC needs nothing (Compliant, or a repair with nothing to fix).</summary>
        public bool IsCompliant => State == Diagnostics.DiagnosisSummary.Compliant || State == nameof(RepairOutcome.NothingToFix);

        /// <summary>
        /// Reads a line of this module: the current grammar, its JSON form (<see cref="ToJson"/>, read strictly by
        /// <see cref="SummaryLineJson"/>), or the free-text line of earlier versions ("CAA20002 PC01 NonCompliant: FAIL ..."; Owner is then
        /// empty, Code the first code of the summary). A line and the JSON of the same content read into equal values.
        /// </summary>
        /// <exception cref="FormatException">Not a line of this module, or a damaged one (a field that is not a token, a count that is not a
        /// number, JSON that is not exactly the module's).</exception>
        public static SummaryLine Parse(string line)
        {
            if (line == null)
            {
                throw new ArgumentNullException(nameof(line));
            }

            var trimmed = line.TrimEnd('\r', '\n');
            if (SummaryLineJson.LooksLikeJson(trimmed.TrimStart()))
            {
                return SummaryLineJson.Parse(trimmed);
            }

            return SummaryLineGrammar.Parse(trimmed) ?? LegacySummaryLine.Parse(trimmed)
                ?? throw new FormatException("Not a TeamsRemediation summary line: it starts neither with '" + SummaryLineGrammar.Marker
                    + " ' nor with 'CAA20002 ' nor with '{' (the JSON form).");
        }

        /// <summary>True and the line when it parses; false for anything else.</summary>
        public static bool TryParse(string line, out SummaryLine? parsed)
        {
            try
            {
                parsed = Parse(line);
                return true;
            }
            catch (FormatException)
            {
                parsed = null;
                return false;
            }
        }

        /// <summary>
        /// The line, at most <paramref name="maxLength"/> characters: as many items as fit, whole and in order, the others counted in
        /// dropped, then as much of the free text as fits.
        /// </summary>
        public string ToLine(int maxLength = MaxLength)
        {
            Fit(items => SummaryLineGrammar.Header(this, Items.Count - items.Count + Dropped)
                + string.Concat(items.Select(i => SummaryLineGrammar.ItemSeparator + SummaryLineGrammar.Item(i))), maxLength, out var line);
            return line + FreeText(Text, maxLength - line.Length);
        }

        /// <summary>The same content as one line of compact JSON with its schema version, at most <paramref name="maxLength"/> characters.</summary>
        public string ToJson(int maxLength = MaxLength)
        {
            var items = Fit(kept => Json(kept, Items.Count - kept.Count + Dropped, string.Empty), maxLength, out var bare);
            var dropped = Items.Count - items.Count + Dropped;
            var text = OneLine(Text);
            var whole = Json(items, dropped, text);
            if (whole.Length <= maxLength)
            {
                // Whole when it fits: a free text of three characters or fewer cannot be cut to "..." and was left out before.
                return whole;
            }

            var cut = Math.Min(text.Length, maxLength - bare.Length);

            // The free text takes the room left; escapes can make it longer than its characters, so it is cut until it fits.
            while (cut > 3)
            {
                var json = Json(items, dropped, cut == text.Length ? text : text.Substring(0, cut - 3) + "...");
                if (json.Length <= maxLength)
                {
                    return json;
                }

                cut -= Math.Max(1, json.Length - maxLength);
            }

            return bare;
        }

        /// <summary>The longest prefix of the items whose rendering fits.</summary>
        private List<SummaryLineItem> Fit(Func<List<SummaryLineItem>, string> render, int maxLength, out string rendered)
        {
            for (var count = Items.Count; count >= 0; count--)
            {
                var items = Items.Take(count).ToList();
                rendered = render(items);
                if (rendered.Length <= maxLength || count == 0)
                {
                    return items;
                }
            }

            throw new InvalidOperationException("unreachable");
        }

        private string Json(IReadOnlyList<SummaryLineItem> items, int dropped, string text)
        {
            var json = new StringBuilder("{");
            Property(json, "schema", JsonSchema).Append(',');
            Property(json, "kind", Kind).Append(',');
            Property(json, "computer", Computer).Append(',');
            Property(json, "state", State).Append(',');
            json.Append("\"exit\":").Append(ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "null").Append(',');
            json.Append("\"dropped\":").Append(dropped.ToString(CultureInfo.InvariantCulture)).Append(',');
            json.Append("\"restart\":").Append(RestartNeeded ? "true" : "false").Append(',');
            Property(json, "report", ReportPath).Append(",\"items\":[");
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                json.Append(i == 0 ? "{" : ",{");
                Property(json, "status", item.Status).Append(',');
                Property(json, "checkId", item.CheckId).Append(',');
                Property(json, "owner", item.Owner).Append(',');
                Property(json, "code", item.Code).Append(',');
                Property(json, "user", item.User);
                if (item.Extra.Count > 0)
                {
                    // Nested, so a further field may share a name with the five above (a step's status); a repeated name is written once,
                    // its first value, which is the one the item's indexer gives.
                    json.Append(",\"extra\":{");
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var pair in item.Extra.Where(p => names.Add(p.Key)))
                    {
                        Property(names.Count == 1 ? json : json.Append(','), pair.Key, pair.Value);
                    }

                    json.Append('}');
                }

                json.Append('}');
            }

            json.Append("],");
            Property(json, "text", text).Append('}');
            return json.ToString();
        }

        private static StringBuilder Property(StringBuilder json, string name, string value)
        {
            JsonString(json, name).Append(':');
            return JsonString(json, value);
        }

        private static StringBuilder JsonString(StringBuilder json, string value)
        {
            json.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': json.Append("\\\""); break;
                    case '\\': json.Append("\\\\"); break;
                    default:
                        if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029')
                        {
                            json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            json.Append(c);
                        }

                        break;
                }
            }

            return json.Append('"');
        }

        private static string FreeText(string text, int room)
        {
            var clean = OneLine(text);
            var separator = SummaryLineGrammar.TextSeparator;
            if (clean.Length == 0 || room < separator.Length + 4)
            {
                return string.Empty;
            }

            return separator + (clean.Length <= room - separator.Length ? clean : clean.Substring(0, room - separator.Length - 3) + "...");
        }

        internal static string OneLine(string text) => (text ?? string.Empty).Replace("\r", " ").Replace("\n", " ");

        public override string ToString() => ToLine();
    }
}
