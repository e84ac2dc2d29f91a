using System.ComponentModel;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Decodes with the system's OEM code page through Windows itself (MultiByteToWideChar with CP_OEMCP): on
    /// PowerShell 7 <see cref="System.Text.Encoding.GetEncoding(int)"/> knows no OEM code page unless a provider
    /// was registered, and the CodePages package would be one more dll to ship.
    /// </summary>
    internal static class OemCodePage
    {
        public static ConsoleOutputDecoder Decoder() => new ConsoleOutputDecoder("OEM " + NativeMethods.GetOEMCP(), Decode);

        private static string Decode(byte[] bytes, int count)
        {
            var chars = NativeMethods.MultiByteToWideChar(NativeMethods.CpOemcp, 0, bytes, count, null, 0);
            if (chars == 0)
            {
                throw new Win32Exception(Marshal.GetLastWin32Error());
            }

            var text = new char[chars];
            NativeMethods.MultiByteToWideChar(NativeMethods.CpOemcp, 0, bytes, count, text, chars);
            return new string(text);
        }
    }
}
