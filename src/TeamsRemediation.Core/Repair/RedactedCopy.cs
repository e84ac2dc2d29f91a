using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using TeamsRemediation.Logs;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Copies a Teams log or a collected WebLogs zip into a report folder with every value <see cref="SecretText"/> calls a
    /// secret replaced, line by line, so a report folder an admin hands on never carries a user's tokens, cookies or
    /// passwords. The source is only read (every share mode: Teams keeps its logs open) and never changed. A zip is
    /// re-written as a new zip of the same entries, each redacted; an entry that is not text (a NUL byte in it) cannot be
    /// redacted line by line and is left out, counted.
    /// </summary>
    public static class RedactedCopy
    {
        private const int Chunk = 81920;

        // No byte-order mark is added or swallowed: a BOM in the source is decoded as U+FEFF and written back as it was.
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>
        /// Copies at most <paramref name="bytes"/> from the end of a text file (a log's newest lines), however long it has grown
        /// meanwhile, into a new file.
        /// </summary>
        public static RedactedCopyResult Text(string source, string destination, long bytes)
        {
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (input.Length > bytes)
                {
                    input.Seek(-bytes, SeekOrigin.End);
                }

                var read = new ByteBudget(bytes);
                var removed = RedactLines(new ByteBudgetStream(input, read), output);
                output.Flush();
                return new RedactedCopyResult(output.Length, removed, 0, bytes - read.Remaining);
            }
        }

        /// <summary>
        /// Re-writes a zip into a new one, each text entry redacted; reading stops at <paramref name="maxUncompressedBytes"/>
        /// however much the entries declare (the rest is left out, counted), and at <see cref="WebLogsArchiveScanner.MaxListedEntries"/>.
        /// </summary>
        /// <exception cref="InvalidDataException">The source is no zip, or declares more entries than a collection of Teams logs has.</exception>
        public static RedactedCopyResult Archive(string source, string destination, long maxUncompressedBytes)
        {
            var removed = 0;
            var leftOut = 0;
            var budget = new ByteBudget(maxUncompressedBytes);
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                var declared = ZipEntryCount.Declared(input);
                if (declared > WebLogsArchiveScanner.MaxListedEntries)
                {
                    throw new InvalidDataException("it declares " + declared + " entries, more than the "
                        + WebLogsArchiveScanner.MaxListedEntries + " a collection of Teams logs has");
                }

                using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    using (var from = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true))
                    using (var to = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        foreach (var entry in from.Entries)
                        {
                            if (entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal))
                            {
                                continue;
                            }

                            if (budget.Remaining == 0 || !IsText(entry))
                            {
                                leftOut++;
                                continue;
                            }

                            var copy = to.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                            copy.LastWriteTime = entry.LastWriteTime;
                            using (var content = new ByteBudgetStream(entry.Open(), budget))
                            using (var written = copy.Open())
                            {
                                removed += RedactLines(content, written);
                            }
                        }
                    }

                    output.Flush();
                    return new RedactedCopyResult(output.Length, removed, leftOut, maxUncompressedBytes - budget.Remaining);
                }
            }
        }

        /// <summary>Text as far as a redactor can tell: no NUL byte in its first chunk (UTF-16 or binary data has them).</summary>
        private static bool IsText(ZipArchiveEntry entry)
        {
            using (var content = entry.Open())
            {
                var head = new byte[Chunk];
                var filled = 0;
                int read;
                while (filled < head.Length && (read = content.Read(head, filled, head.Length - filled)) > 0)
                {
                    filled += read;
                }

                return Array.IndexOf(head, (byte)0, 0, filled) < 0;
            }
        }

        /// <summary>Streams lines (each with its own '\r' kept, so line ends come out as they went in) through the redactor.</summary>
        private static int RedactLines(Stream input, Stream output)
        {
            var removed = 0;
            var reader = new StreamReader(input, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: Chunk);
            var writer = new StreamWriter(output, Utf8, Chunk);
            var line = new StringBuilder();
            var buffer = new char[Chunk];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        line.Append(buffer, start, i - start);
                        removed += WriteRedacted(writer, line);
                        writer.Write('\n');
                        start = i + 1;
                    }
                }

                line.Append(buffer, start, read - start);
            }

            removed += WriteRedacted(writer, line);
            writer.Flush();
            return removed;
        }

        private static int WriteRedacted(TextWriter writer, StringBuilder line)
        {
            writer.Write(SecretText.Redact(line.ToString(), out var removed));
            line.Clear();
            return removed;
        }
    }

    /// <summary>What one redacted copy wrote: its size, the values replaced, the archive entries left out, the source bytes read.</summary>
    public readonly struct RedactedCopyResult
    {
        public RedactedCopyResult(long bytesWritten, int valuesRemoved, int entriesLeftOut, long bytesRead)
        {
            BytesWritten = bytesWritten;
            ValuesRemoved = valuesRemoved;
            EntriesLeftOut = entriesLeftOut;
            BytesRead = bytesRead;
        }

        public long BytesWritten { get; }

        public int ValuesRemoved { get; }

        /// <summary>Zip entries not copied: not text, or past the byte budget.</summary>
        public int EntriesLeftOut { get; }

        public long BytesRead { get; }
    }
}
