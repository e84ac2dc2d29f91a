using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>kernel32 code page functions (sdk-api stringapiset MultiByteToWideChar, winnls GetOEMCP).</summary>
    internal static partial class NativeMethods
    {
        /// <summary>CP_OEMCP: the system's OEM code page, the default of every new console.</summary>
        internal const uint CpOemcp = 1;

        [DllImport("kernel32.dll", ExactSpelling = true)]
        internal static extern uint GetOEMCP();

        // CharSet.Unicode: without it the char[] is marshalled as ANSI, one byte a char, and "hi" comes back as "h\0i\0".
        [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int MultiByteToWideChar(
            uint codePage, uint flags, byte[] multiByteStr, int multiByteCount, [Out] char[]? wideCharStr, int wideCharCount);
    }
}
