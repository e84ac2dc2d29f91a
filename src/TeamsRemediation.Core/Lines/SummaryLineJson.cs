using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TeamsRemediation.Lines
{
    /// <summary>
    /// Reads the JSON form of a line (<see cref="SummaryLine.ToJson"/>, -As Json) back, and nothing else: it comes from a fleet's reports, so
    /// it is untrusted. The reader is strict and small on purpose (netstandard2.0 has no JSON reader of its own, and a JSON library would be
    /// one more dll that can clash with another module's copy in the same PowerShell session):
    /// <code>
    /// line  = { "schema": "TeamsRemediation.SummaryLine/1", "kind": string, "computer": string, "state": string, "exit": integer / null,
    ///           "dropped": integer, "restart": true / false, "report": string, "items": [ item, ... ], "text": string }
    /// item  = { "status": string, "checkId": string, "owner": string, "code": string, "user": string [, "extra": { name: string, ... }] }
    /// </code>
    /// Every field must be there, once, with its type; any other field, a second field of one name, a number that is not a 32-bit integer,
    /// a value nested anywhere else, text after the closing brace, or more than <see cref="MaxLength"/> characters is a
    /// <see cref="FormatException"/> saying what and where (the character's offset). Fields may come in any order and JSON's whitespace may
    /// stand between tokens. Nesting is bounded by the shape itself (four levels: line, items, item, extra): the reader descends only where
    /// the shape has an object or an array, so no input can make it recurse deeper.
    /// </summary>
    internal sealed class SummaryLineJson
    {
        /// <summary>The longest JSON line read: the module writes at most <see cref="SummaryLine.MaxLength"/> characters by default; the room
        /// above that is for a caller's larger ToJson(maxLength), not for a runaway cell.</summary>
        public const int MaxLength = 65536;

        /// <summary>The schema's name without its version: a line with another version is named as such.</summary>
        private const string SchemaName = "TeamsRemediation.SummaryLine/";

        private static readonly string[] LineFields =
        {
            "schema", "kind", "computer", "state", "exit", "dropped", "restart", "report", "items", "text",
        };
        private static readonly string[] ItemFields = { "status", "checkId", "owner", "code", "user", "extra" };

        private readonly string json;
        private int at;

        private SummaryLineJson(string json)
        {
            this.json = json;
        }

        /// <summary>True when the text is meant as the JSON form (it starts with an opening brace), whether or not it is a valid one.</summary>
        public static bool LooksLikeJson(string text) => text.Length > 0 && text[0] == '{';

        /// <summary>Reads a JSON line (whitespace around it allowed).</summary>
        /// <exception cref="FormatException">Anything but exactly the JSON form of a line, with what is wrong and where.</exception>
        public static SummaryLine Parse(string text)
        {
            if (text.Length > MaxLength)
            {
                throw new FormatException("The JSON line has " + text.Length.ToString("N0", CultureInfo.InvariantCulture)
                    + " characters, more than the " + MaxLength.ToString("N0", CultureInfo.InvariantCulture)
                    + " characters a line of this module can have.");
            }

            var reader = new SummaryLineJson(text);
            reader.SkipWhitespace();
            var line = reader.ReadLine();
            reader.SkipWhitespace();
            if (reader.at < text.Length)
            {
                throw reader.Error("text after the line's closing brace");
            }

            return line;
        }

        private SummaryLine ReadLine()
        {
            string? schema = null, kind = null, computer = null, state = null, report = null, text = null;
            int? exit = null, dropped = null;
            bool? restart = null;
            List<SummaryLineItem>? items = null;
            var seen = ReadObject("the line", LineFields, (name, seenAt) =>
            {
                switch (name)
                {
                    case "schema":
                        schema = ReadString();
                        if (schema != SummaryLine.JsonSchema)
                        {
                            throw Error(schema.StartsWith(SchemaName, StringComparison.Ordinal)
                                ? "schema '" + Excerpt(schema) + "' is another version of the line; this module reads '"
                                    + SummaryLine.JsonSchema + "'"
                                : "schema '" + Excerpt(schema) + "' is not '" + SummaryLine.JsonSchema + "'", seenAt);
                        }

                        break;
                    case "kind": kind = ReadString(); break;
                    case "computer": computer = ReadString(); break;
                    case "state": state = ReadString(); break;
                    case "exit": exit = ReadIntegerOrNull(name); break;
                    case "dropped": dropped = ReadInteger(name); break;
                    case "restart": restart = ReadBoolean(name); break;
                    case "report": report = ReadString(); break;
                    case "items": items = ReadItems(); break;
                    default: text = ReadString(); break;
                }
            });
            Require(seen, LineFields, "the line");
            if (kind != SummaryLine.TestKind && kind != SummaryLine.RepairKind)
            {
                throw new FormatException("The JSON line's kind '" + Excerpt(kind!) + "' is neither " + SummaryLine.TestKind + " nor "
                    + SummaryLine.RepairKind + ".");
            }

            if (dropped < 0)
            {
                throw new FormatException("The JSON line's dropped is " + dropped.Value.ToString(CultureInfo.InvariantCulture)
                    + "; a count of items left out is 0 or more.");
            }

            return new SummaryLine(kind!, computer!, state!, exit, items!, dropped!.Value, restart!.Value, report!, text!,
                SummaryLine.CurrentVersion);
        }

        private List<SummaryLineItem> ReadItems()
        {
            var items = new List<SummaryLineItem>();
            Expect('[', "the items (an array)");
            SkipWhitespace();
            if (Peek() == ']')
            {
                at++;
                return items;
            }

            while (true)
            {
                SkipWhitespace();
                items.Add(ReadItem(items.Count + 1));
                SkipWhitespace();
                if (Peek() == ']')
                {
                    at++;
                    return items;
                }

                Expect(',', "',' or ']' after item " + items.Count.ToString(CultureInfo.InvariantCulture));
            }
        }

        private SummaryLineItem ReadItem(int number)
        {
            var where = "item " + number.ToString(CultureInfo.InvariantCulture);
            string? status = null, checkId = null, owner = null, code = null, user = null;
            List<KeyValuePair<string, string>>? extra = null;
            var seen = ReadObject(where, ItemFields, (name, _) =>
            {
                switch (name)
                {
                    case "status": status = ReadString(); break;
                    case "checkId": checkId = ReadString(); break;
                    case "owner": owner = ReadString(); break;
                    case "code": code = ReadString(); break;
                    case "user": user = ReadString(); break;
                    default: extra = ReadExtra(where); break;
                }
            });

            // "extra" is left out when an item has no further fields; the others are always written.
            Require(seen, ItemFields, where, optional: "extra");
            return new SummaryLineItem(status!, checkId!, owner!, code!, user!, extra);
        }

        /// <summary>An item's further fields: names of any text, each once, every value a string, in the order written.</summary>
        private List<KeyValuePair<string, string>> ReadExtra(string item)
        {
            var extra = new List<KeyValuePair<string, string>>();
            Expect('{', "the extra fields of " + item + " (an object)");
            SkipWhitespace();
            if (Peek() == '}')
            {
                at++;
                return extra;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                SkipWhitespace();
                var nameAt = at;
                var name = ReadString();
                if (!names.Add(name))
                {
                    throw Error("the extra field '" + Excerpt(name) + "' of " + item + " a second time", nameAt);
                }

                SkipWhitespace();
                Expect(':', "':' after the extra field '" + Excerpt(name) + "'");
                SkipWhitespace();
                extra.Add(new KeyValuePair<string, string>(name, ReadString()));
                SkipWhitespace();
                if (Peek() == '}')
                {
                    at++;
                    return extra;
                }

                Expect(',', "',' or '}' after the extra field '" + Excerpt(name) + "'");
            }
        }

        /// <summary>
        /// An object of known fields, each read by <paramref name="value"/> (given the field's name and where its name began); returns which
        /// fields were there (bit i for fields[i]). An unknown or repeated field is an error before its value is read.
        /// </summary>
        private int ReadObject(string what, string[] fields, Action<string, int> value)
        {
            Expect('{', what + " (an object)");
            SkipWhitespace();
            var seen = 0;
            if (Peek() == '}')
            {
                at++;
                return seen;
            }

            while (true)
            {
                SkipWhitespace();
                var nameAt = at;
                var name = ReadString();
                var index = Array.IndexOf(fields, name);
                if (index < 0)
                {
                    throw Error("the field '" + Excerpt(name) + "', which " + what + " does not have (it has " + string.Join(", ", fields) + ")",
                        nameAt);
                }

                if ((seen & (1 << index)) != 0)
                {
                    throw Error("the field '" + name + "' of " + what + " a second time", nameAt);
                }

                seen |= 1 << index;
                SkipWhitespace();
                Expect(':', "':' after the field '" + name + "'");
                SkipWhitespace();
                value(name, nameAt);
                SkipWhitespace();
                if (Peek() == '}')
                {
                    at++;
                    return seen;
                }

                Expect(',', "',' or '}' after the field '" + name + "' of " + what);
            }
        }

        private static void Require(int seen, string[] fields, string what, string? optional = null)
        {
            var missing = new List<string>();
            for (var i = 0; i < fields.Length; i++)
            {
                if ((seen & (1 << i)) == 0 && fields[i] != optional)
                {
                    missing.Add(fields[i]);
                }
            }

            if (missing.Count > 0)
            {
                throw new FormatException("The JSON line's " + what + " has no " + string.Join(", ", missing) + ".");
            }
        }

        private string ReadString()
        {
            if (Peek() != '"')
            {
                throw Error("a string expected, found " + Found());
            }

            var start = ++at;
            StringBuilder? text = null;
            var plainFrom = start;
            while (true)
            {
                if (at >= json.Length)
                {
                    throw Error("the end of the text inside a string that began at character " + (start - 1).ToString(CultureInfo.InvariantCulture));
                }

                var c = json[at];
                if (c == '"')
                {
                    var value = text == null ? json.Substring(start, at - start) : text.Append(json, plainFrom, at - plainFrom).ToString();
                    at++;
                    return value;
                }

                if (c < 0x20)
                {
                    throw Error("a control character (" + Printable(c) + ") inside a string; JSON escapes them");
                }

                if (c != '\\')
                {
                    at++;
                    continue;
                }

                text = (text ?? new StringBuilder()).Append(json, plainFrom, at - plainFrom);
                text.Append(Escape());
                plainFrom = at;
            }
        }

        /// <summary>One escape (at its backslash): the character it stands for; the reader moves past it.</summary>
        private char Escape()
        {
            var escapeAt = at;
            if (at + 1 >= json.Length)
            {
                throw Error("the end of the text inside an escape", escapeAt);
            }

            var c = json[at + 1];
            at += 2;
            switch (c)
            {
                case '"': return '"';
                case '\\': return '\\';
                case '/': return '/';
                case 'b': return '\b';
                case 'f': return '\f';
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'u':
                    if (at + 4 <= json.Length && int.TryParse(json.Substring(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
                        out var code))
                    {
                        at += 4;
                        return (char)code;
                    }

                    throw Error("\\u not followed by four hexadecimal digits", escapeAt);
                default:
                    throw Error("the escape \\" + Printable(c) + ", which JSON does not have", escapeAt);
            }
        }

        private int? ReadIntegerOrNull(string name)
        {
            if (string.CompareOrdinal(json, at, "null", 0, 4) == 0)
            {
                at += 4;
                return null;
            }

            return ReadInteger(name);
        }

        /// <summary>A JSON integer within a 32-bit one's range: an optional minus, digits without a leading zero, no fraction, no exponent.</summary>
        private int ReadInteger(string name)
        {
            var start = at;
            if (Peek() == '-')
            {
                at++;
            }

            var digitsAt = at;
            while (at < json.Length && json[at] >= '0' && json[at] <= '9')
            {
                at++;
            }

            var digits = at - digitsAt;
            if (digits == 0)
            {
                throw Error("the field '" + name + "' is a number; found " + Found(), start);
            }

            if (Peek() == '.' || Peek() == 'e' || Peek() == 'E')
            {
                throw Error("the field '" + name + "' is a whole number; found a fraction or an exponent", start);
            }

            if (digits > 1 && json[digitsAt] == '0')
            {
                throw Error("the number of the field '" + name + "' starts with a zero, which JSON does not allow", start);
            }

            // More than ten digits can never fit; the cap keeps a thousand-digit number from being parsed at all.
            if (digits > 10 || !int.TryParse(json.Substring(start, at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out var value))
            {
                throw Error("the number of the field '" + name + "' is outside the range of a 32-bit integer", start);
            }

            return value;
        }

        private bool ReadBoolean(string name)
        {
            if (string.CompareOrdinal(json, at, "true", 0, 4) == 0)
            {
                at += 4;
                return true;
            }

            if (string.CompareOrdinal(json, at, "false", 0, 5) == 0)
            {
                at += 5;
                return false;
            }

            throw Error("the field '" + name + "' is true or false; found " + Found());
        }

        private void Expect(char c, string what)
        {
            if (Peek() != c)
            {
                throw Error(what + " expected, found " + Found());
            }

            at++;
        }

        private int Peek() => at < json.Length ? json[at] : -1;

        private void SkipWhitespace()
        {
            while (at < json.Length && (json[at] == ' ' || json[at] == '\t' || json[at] == '\r' || json[at] == '\n'))
            {
                at++;
            }
        }

        private string Found() => at >= json.Length ? "the end of the text" : "'" + Printable(json[at]) + "'";

        private static string Printable(char c) =>
            c < 0x20 || c == 0x7F ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

        private FormatException Error(string what) => Error(what, at);

        private static FormatException Error(string what, int offset) =>
            new FormatException("The JSON line is not the module's at character " + offset.ToString(CultureInfo.InvariantCulture) + ": " + what
                + ".");

        private static string Excerpt(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
