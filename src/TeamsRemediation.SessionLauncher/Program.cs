using System;
using System.IO;

namespace TeamsRemediation.SessionLauncher
{
    /// <summary>
    /// TeamsRemediation.SessionLauncher.exe: what the user-session task starts instead of powershell.exe (W20). A GUI-subsystem program
    /// (no console of its own) that starts Windows PowerShell on one of the module's own scripts with no console window, so the user sees
    /// nothing. AnyCPU, not 32-bit preferred: it runs 64-bit on 64-bit Windows and starts the real System32 powershell.exe (W2).
    /// Usage: TeamsRemediation.SessionLauncher.exe &lt;script&gt;.ps1 [-Name value | -Switch]...
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            try
            {
                // Never PATH and never a caller's choice: the system directory's Windows PowerShell 5.1.
                var powerShell = Path.Combine(Environment.SystemDirectory, "WindowsPowerShell", "v1.0", "powershell.exe");
                return new SessionLaunch(AppDomain.CurrentDomain.BaseDirectory, powerShell).Run(args);
            }
            catch (Exception)
            {
                // No message box and no console: the user's desktop shows nothing; the code is in the task's last result.
                return LauncherExitCodes.LauncherFailed;
            }
        }
    }
}
