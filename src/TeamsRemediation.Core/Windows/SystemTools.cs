using System;
using System.IO;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Where a System32 tool really is for this process. A 32-bit process on 64-bit Windows (Intune's default
    /// PowerShell) is redirected from System32 to SysWOW64, where dsregcmd.exe does not exist; the Sysnative alias
    /// is the way back to the 64-bit System32, and it is visible only to such 32-bit processes.
    /// </summary>
    public static class SystemTools
    {
        public static string Resolve(IMachine machine, string executableName)
        {
            if (machine is null)
            {
                throw new ArgumentNullException(nameof(machine));
            }

            return Resolve(machine.WindowsPath, machine.Is32BitProcess, executableName);
        }

        /// <param name="windowsPath">%SystemRoot%.</param>
        /// <param name="is32BitProcessOn64BitOs">True for a WOW64 process, the only case where System32 is redirected.</param>
        /// <param name="executableName">A file name such as dsregcmd.exe.</param>
        public static string Resolve(string windowsPath, bool is32BitProcessOn64BitOs, string executableName)
        {
            if (string.IsNullOrEmpty(windowsPath))
            {
                throw new ArgumentException("The Windows folder is required.", nameof(windowsPath));
            }

            if (string.IsNullOrEmpty(executableName) || executableName.IndexOfAny(new[] { '\\', '/' }) >= 0)
            {
                throw new ArgumentException("A bare file name such as dsregcmd.exe is required.", nameof(executableName));
            }

            return Path.Combine(windowsPath, is32BitProcessOn64BitOs ? "Sysnative" : "System32", executableName);
        }
    }
}
