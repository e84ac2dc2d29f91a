using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Whether a shipped file's bytes are the ones the build hashed, once build.ps1 may have Authenticode-signed it. Shared by the
    /// module (which checks the scripts and the session launcher before a run) and by the session launcher (which checks the script
    /// it is asked to start), so both accept exactly the same signed and unsigned files.
    /// </summary>
    internal static class ShippedFileContent
    {
        private const string SignatureBegin = "# SIG # Begin signature block";
        private const string SignatureEnd = "# SIG # End signature block";

        // PE/COFF offsets (Microsoft PE Format, "Optional Header"): CheckSum sits 64 bytes into the optional header in PE32 and PE32+;
        // the Certificate Table is data directory 4, at 128 (PE32) or 144 (PE32+) bytes into it.
        private const int PeSignatureOffsetField = 0x3C;
        private const int CheckSumOffset = 64;
        private const int CertificateTableOffsetPe32 = 128;
        private const int CertificateTableOffsetPe32Plus = 144;
        private const ushort Pe32Magic = 0x10B;
        private const ushort Pe32PlusMagic = 0x20B;

        /// <summary>Whether <paramref name="content"/> is the script the build hashed as <paramref name="expectedSha256"/>, signed or not.</summary>
        public static bool IsScriptAsBuilt(byte[] content, string expectedSha256) => Matches(ScriptAsBuiltCandidates(content), expectedSha256);

        /// <summary>Whether <paramref name="content"/> is the program the build hashed as <paramref name="expectedSha256"/>, signed or not.</summary>
        public static bool IsProgramAsBuilt(byte[] content, string expectedSha256)
        {
            var asBuilt = ProgramAsBuilt(content);
            return asBuilt != null && Matches(new[] { asBuilt }, expectedSha256);
        }

        /// <summary>
        /// What the script may have been as built: itself; or, when it ends in an Authenticode block (only comment lines, from its Begin
        /// line to its End line), what comes before the block, with or without the line break the signer may have put before it.
        /// </summary>
        internal static byte[][] ScriptAsBuiltCandidates(byte[] content)
        {
            var text = Encoding.ASCII.GetString(content);
            var begin = text.LastIndexOf(SignatureBegin, StringComparison.Ordinal);
            if (begin <= 0 || (text[begin - 1] != '\n'))
            {
                return new[] { content };
            }

            var block = text.Substring(begin).TrimEnd('\r', '\n');
            var lines = block.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (!lines[lines.Count - 1].Equals(SignatureEnd, StringComparison.Ordinal)
                || lines.Any(l => !l.StartsWith("# ", StringComparison.Ordinal)))
            {
                return new[] { content };
            }

            // The script as built ends right before the block, or one line break earlier when the signer added that break.
            var script = content.Take(begin).ToArray();
            var breakLength = begin >= 2 && text[begin - 2] == '\r' ? 2 : 1;
            return new[] { script, content.Take(begin - breakLength).ToArray() };
        }

        /// <summary>
        /// The program as the compiler wrote it, or null when it is no PE file. Authenticode signing (Windows Authenticode PE Signature
        /// Format) changes exactly three things: it sets the CheckSum, points the Certificate Table entry at the signature and appends
        /// the signature at the end of the file ("Zero padding is inserted between the original end of the file and the beginning of
        /// the attribute certificate table" to a quadword boundary: PE Format, The Attribute Certificate Table). The compiler writes a
        /// zero CheckSum, no Certificate Table and a file aligned to 512 bytes (so there is no padding): zeroing the two fields and
        /// cutting the file where the signature starts gives back exactly the built bytes. Anything else that differs, including
        /// bytes appended after the signature, fails the hash.
        /// </summary>
        internal static byte[]? ProgramAsBuilt(byte[] content)
        {
            if (content.Length < PeSignatureOffsetField + 4 || content[0] != (byte)'M' || content[1] != (byte)'Z')
            {
                return null;
            }

            var peHeader = BitConverter.ToInt32(content, PeSignatureOffsetField);
            var optionalHeader = (long)peHeader + 24;
            if (peHeader < 0 || optionalHeader + CertificateTableOffsetPe32Plus + 8 > content.Length
                || BitConverter.ToUInt32(content, peHeader) != 0x00004550)
            {
                return null;
            }

            var magic = BitConverter.ToUInt16(content, (int)optionalHeader);
            if (magic != Pe32Magic && magic != Pe32PlusMagic)
            {
                return null;
            }

            var certificateEntry = (int)optionalHeader + (magic == Pe32Magic ? CertificateTableOffsetPe32 : CertificateTableOffsetPe32Plus);
            var certificateStart = BitConverter.ToUInt32(content, certificateEntry);
            var certificateSize = BitConverter.ToUInt32(content, certificateEntry + 4);
            var length = content.Length;
            if (certificateStart != 0 || certificateSize != 0)
            {
                // The signature is the file's tail (the Certificate Table's address is a file offset, not a virtual address).
                if (certificateStart == 0 || (long)certificateStart + certificateSize != content.Length)
                {
                    return null;
                }

                length = (int)certificateStart;
            }

            var asBuilt = new byte[length];
            Array.Copy(content, asBuilt, length);
            Array.Clear(asBuilt, (int)optionalHeader + CheckSumOffset, 4);
            Array.Clear(asBuilt, certificateEntry, 8);
            return asBuilt;
        }

        private static bool Matches(byte[][] candidates, string expectedSha256)
        {
            using (var sha = SHA256.Create())
            {
                return candidates.Any(c => string.Equals(Hex(sha.ComputeHash(c)), expectedSha256, StringComparison.OrdinalIgnoreCase));
            }
        }

        private static string Hex(byte[] hash) =>
            string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
