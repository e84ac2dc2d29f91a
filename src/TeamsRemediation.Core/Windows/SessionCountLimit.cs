using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// IsActiveSessionCountLimited() of versionhelpers.h, which is an inline function and so has to be written out here: the OS
    /// allows any number of concurrent interactive sessions when its suite has Terminal Services without the single-user
    /// restriction. True of Windows 10/11 Enterprise multi-session and of Windows Server with the RD Session Host role; a Windows
    /// Server with only "Remote Desktop for Administration" and every single-user edition have the limit.
    /// </summary>
    internal static class SessionCountLimit
    {
        public static bool IsUnlimited()
        {
            var conditions = NativeMethods.VerSetConditionMask(0, NativeMethods.VerSuiteName, NativeMethods.VerAnd);
            var terminal = HasSuite(NativeMethods.VerSuiteTerminal, conditions);
            var singleUser = HasSuite(NativeMethods.VerSuiteSingleUserTs, conditions);
            return terminal && !singleUser;
        }

        private static bool HasSuite(ushort suite, ulong conditions)
        {
            var info = new NativeMethods.OsVersionInfoExW
            {
                OsVersionInfoSize = Marshal.SizeOf<NativeMethods.OsVersionInfoExW>(),
                CsdVersion = string.Empty,
                SuiteMask = suite,
            };
            return NativeMethods.VerifyVersionInfoW(ref info, NativeMethods.VerSuiteName, conditions);
        }
    }
}
