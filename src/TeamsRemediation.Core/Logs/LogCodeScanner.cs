using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Logs
{
    /// <summary>
    /// Finds CAA and AADSTS codes in log files by streaming them through one fixed buffer: memory stays the same
    /// for a 10 KB log, a 10 MB line without a newline or a file of binary garbage. Bytes are scanned, not
    /// decoded: every such code contains "aa" (any case), so only lines with that pair are decoded and handed to
    /// <see cref="CodeCatalog.Extract"/>, the same extraction event 1098 uses. With a cutoff, each line counts by
    /// its own timestamp (<see cref="LogLineTimestamp"/>); a line without one (a stack trace, a wrapped message)
    /// has the time of the last line that had one. Logs carry weeks of lines: a file's date says nothing about them.
    /// </summary>
    public sealed class LogCodeScanner
    {
        /// <summary>Read size, and the longest stretch without a newline kept as one line; longer lines are scanned in pieces.</summary>
        public const int BufferBytes = 1 << 20;

        /// <summary>Most of a line kept as evidence; a longer line is cut around the code.</summary>
        public const int MaxEvidenceChars = 300;

        /// <summary>Distinct codes kept per scan; a log full of different codes still has a bounded report.</summary>
        public const int MaxDistinctCodes = 64;

        private readonly byte[] buffer;

        // Per stream: the cutoff, the newest line timestamp seen so far, the first line start not yet looked at for
        // one, and whether the region starts inside a line (the rest of an overlong line).
        private DateTime? notBeforeUtc;
        private DateTime? lastStamp;
        private int stampFloor;
        private bool regionStartsMidLine;
        private bool regionEndsMidLine;
        private int filledEnd;

        public LogCodeScanner(int bufferBytes = BufferBytes)
        {
            buffer = new byte[Math.Max(bufferBytes, 4096)];
        }

        /// <summary>
        /// Scans the files into one result; a file that cannot be read is listed in <see cref="LogScanResult.Errors"/>
        /// and the others go on. Lines stamped before <paramref name="notBeforeUtc"/> are counted in
        /// <see cref="LogScanResult.OlderLines"/>, not as codes.
        /// </summary>
        public LogScanResult Scan(IEnumerable<string> files, DateTime? notBeforeUtc = null)
        {
            var result = new LogScanResult();
            foreach (var file in files)
            {
                try
                {
                    using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096,
                        FileOptions.SequentialScan))
                    {
                        ScanStream(stream, Path.GetFileName(file), result, notBeforeUtc);
                        result.FilesScanned++;
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    result.Errors.Add(file + ": " + e.Message);
                }
            }

            return result;
        }

        public void ScanStream(Stream stream, string source, LogScanResult result, DateTime? notBeforeUtc = null)
        {
            this.notBeforeUtc = notBeforeUtc;
            lastStamp = null;
            regionStartsMidLine = false;
            var filled = 0;
            while (true)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                var atEnd = read == 0;
                filled += read;
                result.BytesScanned += read;
                if (filled == 0)
                {
                    return;
                }

                // Complete lines end at the last newline; at the end of the file, or when a single line fills the
                // whole buffer, what is there is scanned as it is.
                var end = atEnd ? filled : Array.LastIndexOf(buffer, (byte)'\n', filled - 1, filled) + 1;
                if (end == 0 && filled < buffer.Length)
                {
                    // A line not yet complete (a short read, or the last line without a newline): read on.
                    continue;
                }

                var overlong = end == 0;
                if (overlong)
                {
                    end = filled;
                    result.OverlongLines++;
                }

                regionEndsMidLine = overlong && !atEnd;
                ScanRegion(end, source, result);
                regionStartsMidLine = overlong;
                Buffer.BlockCopy(buffer, end, buffer, 0, filled - end);
                filled -= end;
                if (atEnd)
                {
                    return;
                }
            }
        }

        private void ScanRegion(int end, string source, LogScanResult result)
        {
            filledEnd = end;
            var b = buffer;
            var lineFloor = 0;
            stampFloor = 0;
            var from = 0;
            while (true)
            {
                var pair = NextPair(b, from, end);
                if (pair < 0)
                {
                    break;
                }

                if (!IsCaa(b, pair, lineFloor, end) && !IsAadsts(b, pair, end))
                {
                    from = pair + 1;
                    continue;
                }

                var lineStart = pair;
                while (lineStart > lineFloor && b[lineStart - 1] != '\n')
                {
                    lineStart--;
                }

                var lineEnd = Array.IndexOf(b, (byte)'\n', pair, end - pair);
                if (lineEnd < 0)
                {
                    lineEnd = end;
                }

                var stamp = notBeforeUtc == null ? null : StampOf(lineStart, end);
                if (stamp != null && stamp < notBeforeUtc)
                {
                    result.OlderLines++;
                }
                else
                {
                    Record(lineStart, lineEnd, pair, source, stamp, result);
                }

                lineFloor = Math.Min(end, lineEnd + 1);
                stampFloor = lineFloor;
                from = lineFloor;
            }

            if (notBeforeUtc != null && end > stampFloor)
            {
                // The last timestamp of this region carries over to the lines of the next read.
                var last = end - 1;
                while (last > stampFloor && b[last - 1] != '\n')
                {
                    last--;
                }

                StampOf(last, end);
            }
        }

        /// <summary>
        /// The time of the line at <paramref name="lineStart"/>: its own timestamp, else that of the nearest line
        /// above it that has one. Looks back only to <see cref="stampFloor"/>, so each byte is looked at once.
        /// </summary>
        private DateTime? StampOf(int lineStart, int end)
        {
            var pos = lineStart;
            while (pos >= stampFloor)
            {
                if ((pos > 0 || !regionStartsMidLine) && LogLineTimestamp.TryParse(buffer, pos, end, out var stamp))
                {
                    lastStamp = stamp;
                    break;
                }

                if (pos == stampFloor)
                {
                    break;
                }

                pos--;
                while (pos > stampFloor && buffer[pos - 1] != '\n')
                {
                    pos--;
                }
            }

            stampFloor = lineStart + 1;
            return lastStamp;
        }

        /// <summary>
        /// The first position at or after <paramref name="from"/> where two letters a (any case) follow each other, or -1.
        /// Eight bytes are tested at once (one word, no vector types: netstandard2.0 has none without a package), so the
        /// log text that holds no code, nearly all of it, costs one read per seven bytes; then each second byte of the
        /// block with a pair is looked at, since a pair always covers one of them.
        /// </summary>
        private static int NextPair(byte[] b, int from, int end)
        {
            var i = from;
            while (i + 8 <= end && !HasPairOfA(BitConverter.ToUInt64(b, i)))
            {
                // The last byte is read again: a pair across two words is seen in the next one.
                i += 7;
            }

            for (var j = i + 1; j < end; j += 2)
            {
                if ((b[j] | 0x20) != 'a')
                {
                    continue;
                }

                if ((b[j - 1] | 0x20) == 'a')
                {
                    return j - 1;
                }

                if (j + 1 < end && (b[j + 1] | 0x20) == 'a')
                {
                    return j;
                }
            }

            return -1;
        }

        /// <summary>Whether two neighbouring bytes of the word are 'a' or 'A', whatever the byte order.</summary>
        private static bool HasPairOfA(ulong word)
        {
            const ulong FoldCase = 0x2020202020202020, LowerA = 0x6161616161616161, Low7 = 0x7F7F7F7F7F7F7F7F;
            var diff = (word | FoldCase) ^ LowerA;

            // 0x80 exactly in the bytes where diff is zero (no borrow between bytes, unlike the shorter zero-byte test).
            var isA = ~(((diff & Low7) + Low7) | diff | Low7);
            return (isA & (isA >> 8)) != 0;
        }

        private static bool IsCaa(byte[] b, int pair, int floor, int end)
        {
            if (pair - 1 < floor || (b[pair - 1] | 0x20) != 'c' || pair + 7 > end)
            {
                return false;
            }

            for (var k = pair + 2; k < pair + 7; k++)
            {
                var c = b[k] | 0x20;
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAadsts(byte[] b, int pair, int end) =>
            pair + 6 < end && b[pair] == 'A' && b[pair + 1] == 'A' && b[pair + 2] == 'D' && b[pair + 3] == 'S' && b[pair + 4] == 'T'
                && b[pair + 5] == 'S' && b[pair + 6] >= '0' && b[pair + 6] <= '9';

        private static bool IsTokenByte(byte c) => c >= '0' && c <= '9' || (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c == '-';

        private void Record(int lineStart, int lineEnd, int hit, string source, DateTime? stamp, LogScanResult result)
        {
            result.MatchingLines++;
            if (lineEnd > lineStart && buffer[lineEnd - 1] == '\r')
            {
                lineEnd--;
            }

            // A long line is decoded only around the hit: extraction and evidence never hold more than a few KB.
            var from = lineEnd - lineStart > 4096 ? Math.Max(lineStart, hit - 1024) : lineStart;
            var to = lineEnd - lineStart > 4096 ? Math.Min(lineEnd, hit + 1024) : lineEnd;

            // Where the text is cut (an excerpt of a long line, a piece of an overlong one), the cut is no token
            // boundary: the partial token there is left out, so a hex run cut after "caa20002" never reads as a code.
            if (from > lineStart || from == 0 && regionStartsMidLine)
            {
                while (from < to && IsTokenByte(buffer[from]))
                {
                    from++;
                }
            }

            if (to < lineEnd || to == lineEnd && lineEnd == filledEnd && regionEndsMidLine)
            {
                while (to > from && IsTokenByte(buffer[to - 1]))
                {
                    to--;
                }
            }

            var text = Encoding.UTF8.GetString(buffer, from, to - from);
            foreach (var code in CodeCatalog.Extract(text))
            {
                if (!result.Codes.TryGetValue(code, out var sighting))
                {
                    if (result.Codes.Count >= MaxDistinctCodes)
                    {
                        continue;
                    }

                    sighting = new CodeSighting(code);
                    result.Codes.Add(code, sighting);
                }

                sighting.Count++;
                sighting.Source = source;
                sighting.LastLine = Evidence(text, code);
                if (stamp != null && (sighting.NewestUtc == null || stamp > sighting.NewestUtc))
                {
                    sighting.NewestUtc = stamp;
                }
            }
        }

        /// <summary>A printable excerpt of at most <see cref="MaxEvidenceChars"/> around the code: control characters and binary noise become
        /// '?'.</summary>
        private static string Evidence(string line, string code)
        {
            var at = line.IndexOf(code, StringComparison.OrdinalIgnoreCase);
            var start = line.Length <= MaxEvidenceChars || at < 0 ? 0
                : Math.Max(0, Math.Min(at - MaxEvidenceChars / 3, line.Length - MaxEvidenceChars));
            var excerpt = line.Substring(start, Math.Min(MaxEvidenceChars, line.Length - start));
            return Diagnostics.FindingText.Clean(excerpt).Trim();
        }
    }

    /// <summary>Where one code was seen and how often, with the last line that carried it.</summary>
    public sealed class CodeSighting
    {
        public CodeSighting(string code)
        {
            Code = code;
        }

        public string Code { get; }

        public int Count { get; set; }

        /// <summary>The file name of the last sighting.</summary>
        public string Source { get; set; } = string.Empty;

        public string LastLine { get; set; } = string.Empty;

        /// <summary>The newest line time among its sightings; known only when the scan was given a cutoff (lines are timed only then).</summary>
        public DateTime? NewestUtc { get; set; }
    }

    public sealed class LogScanResult
    {
        public int FilesScanned { get; set; }

        public long BytesScanned { get; set; }

        public long MatchingLines { get; set; }

        /// <summary>Lines with a code whose timestamp (their own or the one before them) is older than the cutoff: not counted as codes.</summary>
        public long OlderLines { get; set; }

        /// <summary>Lines longer than the buffer, scanned in pieces (a code split across two pieces can be missed).</summary>
        public int OverlongLines { get; set; }

        public Dictionary<string, CodeSighting> Codes { get; } = new Dictionary<string, CodeSighting>(StringComparer.OrdinalIgnoreCase);

        public List<string> Errors { get; } = new List<string>();

        public IEnumerable<CodeSighting> CaaCodes => Codes.Values.Where(s => !s.Code.StartsWith("AADSTS", StringComparison.Ordinal));
    }
}
