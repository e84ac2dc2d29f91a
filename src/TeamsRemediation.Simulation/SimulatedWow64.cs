using System;
using System.Linq;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// WOW64's file system redirector as it decides whether a program path exists for the process that starts it ("File System
    /// Redirector", Windows docs): a 32-bit process on 64-bit Windows reaches the native System32 only through the Sysnative alias,
    /// and "64-bit applications cannot use the Sysnative alias as it is a virtual directory not a real one". The Task Scheduler
    /// service, which starts every task's action, is a 64-bit process.
    /// </summary>
    public static class SimulatedWow64
    {
        public const string SysnativeAlias = "Sysnative";

        /// <summary>HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND): the Last Run Result of a task whose program path does not exist.</summary>
        public const int PathNotFound = unchecked((int)0x80070003);

        /// <summary>False when the path goes through Sysnative and the starting process is 64-bit (or 32-bit Windows).</summary>
        public static bool PathExistsFor(string programPath, bool starterIs32BitOn64BitOs) =>
            starterIs32BitOn64BitOs
            || !(programPath ?? string.Empty).Split('\\', '/').Any(part => part.Equals(SysnativeAlias, StringComparison.OrdinalIgnoreCase));
    }
}
