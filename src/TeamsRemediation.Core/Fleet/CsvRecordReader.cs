using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace TeamsRemediation.Fleet
{
    /// <summary>One record of a CSV file: its cells, where it started, and why it cannot be read when it cannot.</summary>
    public sealed class CsvRecord
    {
        internal CsvRecord(long number, long line, string[] cells, string problem)
        {
            Number = number;
            Line = line;
            Cells = cells;
            Problem = problem;
        }

        /// <summary>1 for the first record after the header (the header itself is record 0).</summary>
        public long Number { get; }

        /// <summary>The physical line the record starts on (1-based): a quoted cell may span several lines.</summary>
        public long Line { get; }

        public string[] Cells { get; }

        /// <summary>Empty when the record was read whole; otherwise what is wrong with it (its cells are then partial or empty).</summary>
        public string Problem { get; }
    }

    /// <summary>
    /// Streams RFC 4180 records from text: quoted cells with doubled quotes, commas and line breaks inside them, CRLF or LF
    /// line ends. One record is in memory at a time and a cell longer than <see cref="MaxCellLength"/> is skipped, not
    /// kept, so a million-row export or a hostile 10 MB cell costs the same memory as a small file.
    /// </summary>
    public sealed class CsvRecordReader
    {
        /// <summary>Intune keeps at most 2,048 characters of a script's output; 64 K leaves room for any real column, not for a runaway
        /// cell.</summary>
        public const int MaxCellLength = 65536;

        private readonly TextReader reader;
        private readonly char delimiter;
        private readonly StringBuilder cell = new StringBuilder();
        private readonly List<string> cells = new List<string>();
        private long line;
        private long number;
        private int pending = -2;

        /// <param name="reader">The text, at the start of a record.</param>
        /// <param name="delimiter">A comma, or the semicolon or tab of <see cref="DelimiterOf"/>.</param>
        /// <param name="firstLine">The line number the text starts on: 2 when the caller has read the header line itself.</param>
        public CsvRecordReader(TextReader reader, char delimiter = ',', long firstLine = 1)
        {
            this.reader = reader ?? throw new ArgumentNullException(nameof(reader));
            this.delimiter = delimiter;
            line = firstLine;
            // Numbered so that the first record after the header is 1, whether the header is read here or by the caller.
            number = firstLine == 1 ? -1 : 0;
        }

        /// <summary>The delimiter a header line uses: a comma unless the line has none and has semicolons or tabs (Excel in some locales).</summary>
        public static char DelimiterOf(string headerLine)
        {
            if (headerLine.IndexOf(',') >= 0)
            {
                return ',';
            }

            return headerLine.IndexOf(';') >= 0 ? ';' : headerLine.IndexOf('\t') >= 0 ? '\t' : ',';
        }

        /// <summary>The next record, or null at the end of the text. Blank lines between records are skipped.</summary>
        public CsvRecord? Read()
        {
            while (true)
            {
                var first = Next();
                if (first < 0)
                {
                    return null;
                }

                if (first == '\r' || first == '\n')
                {
                    EndOfLine(first);
                    continue;
                }

                pending = first;
                return ReadRecord();
            }
        }

        private CsvRecord ReadRecord()
        {
            number++;
            var start = line;
            cells.Clear();
            var problem = string.Empty;
            while (true)
            {
                cell.Length = 0;
                var overflow = false;
                var c = Next();
                int end;
                if (c == '"')
                {
                    end = ReadQuoted(ref overflow, out var closed);
                    if (!closed)
                    {
                        problem = Append(problem, "a quoted cell opened on line " + start + " is not closed before the end of the file");
                    }
                }
                else
                {
                    pending = c;
                    end = ReadPlain(ref overflow);
                }

                if (overflow)
                {
                    problem = Append(problem, "cell " + (cells.Count + 1) + " is longer than " + MaxCellLength.ToString("N0",
                        System.Globalization.CultureInfo.InvariantCulture) + " characters (skipped, not read)");
                }

                cells.Add(overflow ? string.Empty : cell.ToString());
                if (end == delimiter)
                {
                    continue;
                }

                if (end == '\r' || end == '\n')
                {
                    EndOfLine(end);
                }

                return new CsvRecord(number, start, cells.ToArray(), problem);
            }
        }

        /// <summary>Reads an unquoted cell up to a delimiter, a line end or the end of the text; returns which of them ended it (-1 at the
        /// end).</summary>
        private int ReadPlain(ref bool overflow)
        {
            while (true)
            {
                var c = Next();
                if (c < 0 || c == delimiter || c == '\r' || c == '\n')
                {
                    return c;
                }

                Keep((char)c, ref overflow);
            }
        }

        /// <summary>Reads a quoted cell (the opening quote is read); "" is one quote; text after the closing quote up to the delimiter is kept as
        /// is.</summary>
        private int ReadQuoted(ref bool overflow, out bool closed)
        {
            closed = false;
            while (true)
            {
                var c = Next();
                if (c < 0)
                {
                    return c;
                }

                if (c == '"')
                {
                    var after = Next();
                    if (after == '"')
                    {
                        Keep('"', ref overflow);
                        continue;
                    }

                    closed = true;
                    pending = after;
                    return ReadPlain(ref overflow);
                }

                if (c == '\n' || (c == '\r' && Peek() != '\n'))
                {
                    line++;
                }

                Keep((char)c, ref overflow);
            }
        }

        private void Keep(char c, ref bool overflow)
        {
            if (cell.Length < MaxCellLength)
            {
                cell.Append(c);
            }
            else
            {
                overflow = true;
            }
        }

        /// <summary>Counts a line end; CRLF is one.</summary>
        private void EndOfLine(int c)
        {
            if (c == '\r' && Peek() == '\n')
            {
                Next();
            }

            line++;
        }

        private int Next()
        {
            if (pending != -2)
            {
                var c = pending;
                pending = -2;
                return c;
            }

            return reader.Read();
        }

        private int Peek() => pending != -2 ? pending : reader.Peek();

        private static string Append(string problem, string more) => problem.Length == 0 ? more : problem + "; " + more;
    }
}
