using System;
using System.IO;

namespace TeamsRemediation.Logs
{
    /// <summary>
    /// The entry count a zip's end-of-central-directory record declares, read before <see cref="System.IO.Compression.ZipArchive"/>
    /// lists every entry in memory: an archive that claims more than a reader will ever look at is refused unopened.
    /// </summary>
    internal static class ZipEntryCount
    {
        private const int RecordBytes = 22;
        private const int MaxCommentBytes = ushort.MaxValue;

        /// <summary>
        /// The declared total; null when no record is found (the archive is damaged; ZipArchive reports why), and
        /// <see cref="ushort.MaxValue"/> for a ZIP64 archive, whose real count is at least that.
        /// </summary>
        public static int? Declared(Stream zip)
        {
            var tail = (int)Math.Min(zip.Length, RecordBytes + MaxCommentBytes);
            var bytes = new byte[tail];
            zip.Seek(-tail, SeekOrigin.End);
            var filled = 0;
            while (filled < tail)
            {
                var read = zip.Read(bytes, filled, tail - filled);
                if (read == 0)
                {
                    return null;
                }

                filled += read;
            }

            zip.Seek(0, SeekOrigin.Begin);

            // The record is the last one carrying the signature, as the readers look for it.
            for (var p = tail - RecordBytes; p >= 0; p--)
            {
                if (bytes[p] == 0x50 && bytes[p + 1] == 0x4b && bytes[p + 2] == 5 && bytes[p + 3] == 6)
                {
                    return bytes[p + 10] | bytes[p + 11] << 8;
                }
            }

            return null;
        }
    }
}
