using System;
using System.Collections.Generic;
using System.Globalization;
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
        private const string MarkerAndSpace = Marker + " ";
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

        /// <summary>
        /// Reads a version 1 line; null when it is not one. It walks the line by index (a fleet's export holds one per device and cell, so
        /// a parse is on the reader's hot path): a token without a % is taken as one substring, and no token list is built.
        /// </summary>
        public static SummaryLine? Parse(string text)
        {
            if (!text.StartsWith(MarkerAndSpace, StringComparison.Ordinal))
            {
                return null;
            }

            var textAt = text.IndexOf(TextSeparator, StringComparison.Ordinal);
            var end = textAt >= 0 ? textAt : text.Length;
            var freeText = textAt >= 0 ? text.Substring(textAt + TextSeparator.Length) : string.Empty;
            var tokens = new List<Token>(16);
            var headerEnd = SegmentEnd(text, 0, end);
            Tokens(text, 0, headerEnd, tokens);
            if (tokens.Count < 4)
            {
                throw new FormatException("The header '" + text.Substring(0, headerEnd)
                    + "' does not name the kind, the computer and the state.");
            }

            var kind = Unescape(text, tokens[1]);
            var computer = Unescape(text, tokens[2]);
            var state = Unescape(text, tokens[3]);
            string? exit = null, dropped = null, restart = null, report = null;
            for (var i = 4; i < tokens.Count; i++)
            {
                var (name, value) = Named(text, tokens[i], 0, headerEnd);

                // The first of a name counts, as a reader of the line would read it.
                switch (name)
                {
                    case "exit": exit ??= value; break;
                    case "dropped": dropped ??= value; break;
                    case "restart": restart ??= value; break;
                    case "report": report ??= value; break;
                }
            }

            var items = new List<SummaryLineItem>();
            for (var at = headerEnd; at < end;)
            {
                var start = at + ItemSeparator.Length;
                var stop = SegmentEnd(text, start, end);
                items.Add(ParseItem(text, start, stop, tokens));
                at = stop;
            }

            return new SummaryLine(kind, computer, state, string.IsNullOrEmpty(exit) ? (int?)null : Number(exit!, "exit"), items,
                string.IsNullOrEmpty(dropped) ? 0 : Number(dropped!, "dropped"), restart == "yes", report ?? string.Empty, freeText,
                SummaryLine.CurrentVersion);
        }

        /// <summary>Where a token starts in the line and how long it is.</summary>
        private readonly struct Token
        {
            public Token(int start, int length)
            {
                Start = start;
                Length = length;
            }

            public int Start { get; }

            public int Length { get; }
        }

        /// <summary>The end of the header or item that starts at <paramref name="start"/>: the next " | ", or <paramref name="end"/>.</summary>
        private static int SegmentEnd(string text, int start, int end)
        {
            var at = text.IndexOf(ItemSeparator, start, end - start, StringComparison.Ordinal);
            return at < 0 ? end : at;
        }

        /// <summary>The tokens between two offsets, split at every space as string.Split(' ') would (an empty range is one empty token).</summary>
        private static void Tokens(string text, int start, int stop, List<Token> tokens)
        {
            tokens.Clear();
            var from = start;
            for (var i = start; i < stop; i++)
            {
                if (text[i] == ' ')
                {
                    tokens.Add(new Token(from, i - from));
                    from = i + 1;
                }
            }

            tokens.Add(new Token(from, stop - from));
        }

        private static SummaryLineItem ParseItem(string text, int start, int stop, List<Token> tokens)
        {
            Tokens(text, start, stop, tokens);
            if (tokens.Count < 5)
            {
                throw new FormatException("The item '" + text.Substring(start, stop - start)
                    + "' does not have status, check, owner, code and user.");
            }

            List<KeyValuePair<string, string>>? named = null;
            for (var i = 5; i < tokens.Count; i++)
            {
                (named ??= new List<KeyValuePair<string, string>>(tokens.Count - 5)).Add(Pair(Named(text, tokens[i], start, stop)));
            }

            return new SummaryLineItem(Unescape(text, tokens[0]), Unescape(text, tokens[1]), Unescape(text, tokens[2]), Unescape(text, tokens[3]),
                Unescape(text, tokens[4]), named);
        }

        /// <summary>A name=value token; <paramref name="start"/> and <paramref name="stop"/> bound its header or item, for the error.</summary>
        private static (string Name, string Value) Named(string text, Token token, int start, int stop)
        {
            var equals = text.IndexOf('=', token.Start, token.Length);
            if (equals <= token.Start)
            {
                throw new FormatException("'" + text.Substring(token.Start, token.Length) + "' in '" + text.Substring(start, stop - start)
                    + "' is not name=value.");
            }

            return (Unescape(text, new Token(token.Start, equals - token.Start)),
                Unescape(text, new Token(equals + 1, token.Start + token.Length - equals - 1)));
        }

        private static int Number(string text, string name) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new FormatException(name + "=" + text + " is not a number.");

        private static KeyValuePair<string, string> Pair((string Name, string Value) pair) => Pair(pair.Name, pair.Value);

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

        public static string Unescape(string token) => Unescape(token, new Token(0, token.Length));

        /// <summary>A token's value: "-" is empty, %XX the character of that code; a token without a % is itself.</summary>
        private static string Unescape(string text, Token token)
        {
            if (token.Length == 1 && text[token.Start] == '-')
            {
                return string.Empty;
            }

            var end = token.Start + token.Length;
            var percent = text.IndexOf('%', token.Start, token.Length);
            if (percent < 0)
            {
                return token.Length == text.Length ? text : text.Substring(token.Start, token.Length);
            }

            var value = new StringBuilder(token.Length).Append(text, token.Start, percent - token.Start);
            for (var i = percent; i < end; i++)
            {
                if (text[i] != '%')
                {
                    value.Append(text[i]);
                }
                else if (i + 2 < end && Hex(text[i + 1]) >= 0 && Hex(text[i + 2]) >= 0)
                {
                    value.Append((char)(Hex(text[i + 1]) * 16 + Hex(text[i + 2])));
                    i += 2;
                }
                else
                {
                    throw new FormatException("'" + text.Substring(token.Start, token.Length) + "' has a % that is not %XX.");
                }
            }

            return value.ToString();
        }

        private static int Hex(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
