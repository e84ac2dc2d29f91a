using System.IO;
using System.Text;

namespace TeamsRemediation.Fleet
{
    /// <summary>
    /// Opens an export or a file of lines as text in the encoding it was written in: the byte-order mark when there is
    /// one (UTF-8, UTF-16 LE or BE: Excel and PowerShell 5.1's Out-File write UTF-16), UTF-16 recognised by its zero bytes
    /// when there is none, else UTF-8. Bytes that are not valid in the encoding read as U+FFFD, never as an exception, so
    /// one bad row costs a warning, not the file.
    /// </summary>
    public static class FleetTextFile
    {
        /// <summary>What a byte that does not decode becomes; a row that holds it was written in another encoding.</summary>
        public const char Replacement = '\uFFFD';

        private const int SampleBytes = 512;

        public static StreamReader Open(string path)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16,
                FileOptions.SequentialScan);
            try
            {
                var sample = new byte[SampleBytes];
                var read = 0;
                int n;
                while (read < sample.Length && (n = stream.Read(sample, read, sample.Length - read)) > 0)
                {
                    read += n;
                }

                stream.Position = 0;
                return new StreamReader(stream, Detect(sample, read), detectEncodingFromByteOrderMarks: true, 1 << 16);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>The encoding of a file whose first bytes are given; the byte-order mark itself is consumed by the reader.</summary>
        public static Encoding Detect(byte[] sample, int length)
        {
            if (length >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF)
            {
                return Utf8();
            }

            if (length >= 2 && sample[0] == 0xFF && sample[1] == 0xFE)
            {
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: false);
            }

            if (length >= 2 && sample[0] == 0xFE && sample[1] == 0xFF)
            {
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: false);
            }

            // Text of ASCII characters in UTF-16 has a zero in every other byte; UTF-8 text has none at all.
            int evenZeros = 0, oddZeros = 0;
            for (var i = 0; i + 1 < length; i += 2)
            {
                evenZeros += sample[i] == 0 ? 1 : 0;
                oddZeros += sample[i + 1] == 0 ? 1 : 0;
            }

            var pairs = length / 2;
            if (pairs > 0 && oddZeros * 2 > pairs && evenZeros * 8 < pairs)
            {
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
            }

            if (pairs > 0 && evenZeros * 2 > pairs && oddZeros * 8 < pairs)
            {
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);
            }

            return Utf8();
        }

        private static Encoding Utf8() => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    }
}
