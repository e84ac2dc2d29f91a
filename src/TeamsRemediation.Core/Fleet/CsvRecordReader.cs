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

        /// <summary>Characters read from the text at a time: the cells are scanned in this buffer, a run of ordinary characters at once.</summary>
        private const int BufferLength = 16384;

        private readonly TextReader reader;
        private readonly char delimiter;
        private readonly StringBuilder cell = new StringBuilder();
        private readonly List<string> cells = new List<string>();
        private readonly char[] buffer = new char[BufferLength];
        private int position;
        private int filled;
        private long line;
        private long number;

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

                Unread(first);
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
                    Unread(c);
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
            while (position < filled || Fill())
            {
                var start = position;
                while (position < filled)
                {
                    var c = buffer[position];
                    if (c == delimiter || c == '\r' || c == '\n')
                    {
                        break;
                    }

                    position++;
                }

                Keep(start, position - start, ref overflow);
                if (position < filled)
                {
                    return buffer[position++];
                }
            }

            return -1;
        }

        /// <summary>Reads a quoted cell (the opening quote is read); "" is one quote; text after the closing quote up to the delimiter is kept as
        /// is.</summary>
        private int ReadQuoted(ref bool overflow, out bool closed)
        {
            closed = false;
            while (position < filled || Fill())
            {
                var start = position;
                while (position < filled)
                {
                    var ordinary = buffer[position];
                    if (ordinary == '"' || ordinary == '\r' || ordinary == '\n')
                    {
                        break;
                    }

                    position++;
                }

                Keep(start, position - start, ref overflow);
                if (position == filled)
                {
                    continue;
                }

                var c = buffer[position++];
                if (c == '"')
                {
                    var after = Next();
                    if (after == '"')
                    {
                        Keep('"', ref overflow);
                        continue;
                    }

                    closed = true;
                    Unread(after);
                    return ReadPlain(ref overflow);
                }

                if (c == '\n' || (c == '\r' && Peek() != '\n'))
                {
                    line++;
                }

                Keep(c, ref overflow);
            }

            return -1;
        }

        /// <summary>Keeps a run of the buffer, as much of it as fits in <see cref="MaxCellLength"/>.</summary>
        private void Keep(int start, int count, ref bool overflow)
        {
            var room = MaxCellLength - cell.Length;
            if (count > room)
            {
                overflow = true;
                count = room;
            }

            if (count > 0)
            {
                cell.Append(buffer, start, count);
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

        private int Next() => position < filled || Fill() ? buffer[position++] : -1;

        private int Peek() => position < filled || Fill() ? buffer[position] : -1;

        /// <summary>Gives back the character <see cref="Next"/> just returned: it came from the buffer as it is (a refill happens only before a
        /// character is taken), so it is one step back; the end of the text gives back nothing.</summary>
        private void Unread(int c)
        {
            if (c >= 0)
            {
                position--;
            }
        }

        /// <summary>Reads the next characters into the buffer once it is used up; false at the end of the text.</summary>
        private bool Fill()
        {
            filled = reader.Read(buffer, 0, buffer.Length);
            position = 0;
            return filled > 0;
        }

        private static string Append(string problem, string more) => problem.Length == 0 ? more : problem + "; " + more;
    }
}
