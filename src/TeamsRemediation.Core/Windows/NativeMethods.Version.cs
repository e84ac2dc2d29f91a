using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>kernel32 version checks, declared from winbase.h / winnt.h (sdk-api winbase/nf-winbase-verifyversioninfow).</summary>
    internal static partial class NativeMethods
    {
        internal const uint VerSuiteName = 0x00000040;
        internal const byte VerAnd = 6;
        internal const ushort VerSuiteTerminal = 0x0010;
        internal const ushort VerSuiteSingleUserTs = 0x0100;

        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        internal struct OsVersionInfoExW
        {
            public int OsVersionInfoSize;
            public int MajorVersion;
            public int MinorVersion;
            public int BuildNumber;
            public int PlatformId;

            [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 128)]
            public string CsdVersion;

            public ushort ServicePackMajor;
            public ushort ServicePackMinor;
            public ushort SuiteMask;
            public byte ProductType;
            public byte Reserved;
        }

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool VerifyVersionInfoW(ref OsVersionInfoExW versionInformation, uint typeMask, ulong conditionMask);

        [DllImport("kernel32.dll", ExactSpelling = true)]
        internal static extern ulong VerSetConditionMask(ulong conditionMask, uint typeMask, byte condition);
    }
}
