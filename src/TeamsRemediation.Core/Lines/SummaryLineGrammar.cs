using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TeamsRemediation.Lines
{
    /// <summary>
    /// Version 1 of the one-line form, written and read here and nowhere else:
    /// <code>
    /// line   = "CAA20002/1" SP kind SP computer SP state *(SP name "=" value) *(" | " item) [" || " text]
    /// kind   = "Test" / "Repair"
    /// state  = "Compliant" / "NonCompliant" (Test); a repair outcome, "+Restart" added when a restart is needed too (Repair)
    /// header names: exit (the script's exit code), dropped (items left out to fit), then for Repair: restart (yes/no), report
    /// item   = status SP checkId SP owner SP code SP user *(SP name "=" value)
    /// status = "Fail" / "Warning" / "Answered" / "Step"
    /// text   = free text to the end of the line (may be cut; never parsed)
    /// </code>
    /// Every field is one token: "%", space, "|", "=" and control characters are written %XX (the character code), an empty field is "-"
    /// (a field that is "-" itself is "%2D"). The line is at most <see cref="SummaryLine.MaxLength"/> characters; items are kept whole, in order,
    /// and those that do not fit are left out and counted in dropped.
    /// </summary>
    internal static class SummaryLineGrammar
    {
        public const string Marker = "CAA20002/1";
        public const string ItemSeparator = " | ";
        public const string TextSeparator = " || ";

        public static string Header(SummaryLine line, int dropped)
        {
            var text = new StringBuilder(Marker).Append(' ').Append(Field(line.Kind)).Append(' ').Append(Field(line.Computer)).Append(' ')
                .Append(Field(line.State));
            foreach (var pair in HeaderFields(line, dropped))
            {
                text.Append(' ').Append(Field(pair.Key)).Append('=').Append(Field(pair.Value));
            }

            return text.ToString();
        }

        public static IEnumerable<KeyValuePair<string, string>> HeaderFields(SummaryLine line, int dropped)
        {
            yield return Pair("exit", line.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            yield return Pair("dropped", dropped.ToString(CultureInfo.InvariantCulture));
            if (line.Kind == SummaryLine.RepairKind)
            {
                yield return Pair("restart", line.RestartNeeded ? "yes" : "no");
                yield return Pair("report", line.ReportPath);
            }
        }

        public static string Item(SummaryLineItem item)
        {
            var text = new StringBuilder(Field(item.Status)).Append(' ').Append(Field(item.CheckId)).Append(' ').Append(Field(item.Owner))
                .Append(' ').Append(Field(item.Code)).Append(' ').Append(Field(item.User));
            foreach (var pair in item.Extra)
            {
                text.Append(' ').Append(Field(pair.Key)).Append('=').Append(Field(pair.Value));
            }

            return text.ToString();
        }

        /// <summary>Reads a version 1 line; null when it is not one.</summary>
        public static SummaryLine? Parse(string text)
        {
            if (!text.StartsWith(Marker + " ", StringComparison.Ordinal))
            {
                return null;
            }

            var freeText = string.Empty;
            var textAt = text.IndexOf(TextSeparator, StringComparison.Ordinal);
            var structured = text;
            if (textAt >= 0)
            {
                freeText = text.Substring(textAt + TextSeparator.Length);
                structured = text.Substring(0, textAt);
            }

            var parts = structured.Split(new[] { ItemSeparator }, StringSplitOptions.None);
            var header = parts[0].Split(' ');
            if (header.Length < 4)
            {
                throw new FormatException("The header '" + parts[0] + "' does not name the kind, the computer and the state.");
            }

            var named = Named(header.Skip(4), parts[0]);
            var items = parts.Skip(1).Select(ParseItem).ToList();
            var exit = Value(named, "exit");
            var dropped = Value(named, "dropped");
            return new SummaryLine(Unescape(header[1]), Unescape(header[2]), Unescape(header[3]),
                exit.Length == 0 ? (int?)null : Number(exit, "exit"), items, dropped.Length == 0 ? 0 : Number(dropped, "dropped"),
                Value(named, "restart") == "yes", Value(named, "report"), freeText, SummaryLine.CurrentVersion);
        }

        private static SummaryLineItem ParseItem(string text)
        {
            var fields = text.Split(' ');
            if (fields.Length < 5)
            {
                throw new FormatException("The item '" + text + "' does not have status, check, owner, code and user.");
            }

            return new SummaryLineItem(Unescape(fields[0]), Unescape(fields[1]), Unescape(fields[2]), Unescape(fields[3]), Unescape(fields[4]),
                Named(fields.Skip(5), text));
        }

        private static List<KeyValuePair<string, string>> Named(IEnumerable<string> fields, string whole) => fields.Select(f =>
        {
            var equals = f.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException("'" + f + "' in '" + whole + "' is not name=value.");
            }

            return Pair(Unescape(f.Substring(0, equals)), Unescape(f.Substring(equals + 1)));
        }).ToList();

        private static string Value(IEnumerable<KeyValuePair<string, string>> named, string name) =>
            named.FirstOrDefault(p => p.Key == name).Value ?? string.Empty;

        private static int Number(string text, string name) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new FormatException(name + "=" + text + " is not a number.");

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);

        /// <summary>One token: the characters that separate tokens, items or name and value are escaped.</summary>
        public static string Field(string value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return "-";
            }

            if (value == "-")
            {
                return "%2D";
            }

            var text = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c == '%' || c == ' ' || c == '|' || c == '=' || c < 0x20 || c == 0x7F)
                {
                    text.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append(c);
                }
            }

            return text.ToString();
        }

        public static string Unescape(string token)
        {
            if (token == "-")
            {
                return string.Empty;
            }

            var text = new StringBuilder(token.Length);
            for (var i = 0; i < token.Length; i++)
            {
                if (token[i] == '%' && i + 2 < token.Length && int.TryParse(token.Substring(i + 1, 2), NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture, out var code))
                {
                    text.Append((char)code);
                    i += 2;
                }
                else if (token[i] == '%')
                {
                    throw new FormatException("'" + token + "' has a % that is not %XX.");
                }
                else
                {
                    text.Append(token[i]);
                }
            }

            return text.ToString();
        }
    }
}
