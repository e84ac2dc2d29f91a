using System;
using System.Text;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Turns the bytes a console tool wrote into a pipe back into text, in the code page the tool wrote them in.
    /// </summary>
    /// <remarks>
    /// dsregcmd, cmdkey, wevtutil and powershell.exe write Unicode to a console window with WriteConsoleW; when
    /// their output is a pipe they convert it with their console's output code page and write the bytes with
    /// WriteFile. Started without a window (CreateNoWindow), the tool gets a console of its own whose code page is
    /// the system's OEM code page (866 on a Russian Windows, 850 on a German one), whatever the parent's console
    /// says; under Invoke-Command or in a service the parent has no console at all and .NET falls back to the ANSI
    /// code page (1251), which turned Cyrillic tenant, device and user names into mojibake. So the code page is
    /// the OEM one of the system, not the parent's; a tool that writes Unicode marks it with a byte order mark.
    /// </remarks>
    public sealed class ConsoleOutputDecoder
    {
        private static readonly Encoding Utf8NoBom = new UTF8Encoding(false, false);

        private readonly Func<byte[], int, string> decodeCodePage;

        public ConsoleOutputDecoder(Encoding codePage)
            : this((codePage ?? throw new ArgumentNullException(nameof(codePage))).WebName, (bytes, count) => codePage.GetString(bytes, 0, count))
        {
        }

        public ConsoleOutputDecoder(string codePageName, Func<byte[], int, string> decodeCodePage)
        {
            CodePageName = codePageName ?? string.Empty;
            this.decodeCodePage = decodeCodePage ?? throw new ArgumentNullException(nameof(decodeCodePage));
        }

        /// <summary>UTF-8, what console tools write on Linux and macOS (where the contract tests run the real runner).</summary>
        public static ConsoleOutputDecoder Utf8 { get; } = new ConsoleOutputDecoder(Utf8NoBom);

        /// <summary>The code page text without a byte order mark is read in: "OEM 866", "ibm866", "utf-8".</summary>
        public string CodePageName { get; }

        public string Decode(byte[] bytes, int count)
        {
            if (bytes == null || count <= 0)
            {
                return string.Empty;
            }

            count = Math.Min(count, bytes.Length);
            if (count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                return Encoding.Unicode.GetString(bytes, 2, count - 2);
            }

            if (count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                return Utf8NoBom.GetString(bytes, 3, count - 3);
            }

            return decodeCodePage(bytes, count);
        }
    }
}
