using System.IO;
using System.Linq;
using TeamsRemediation.SessionLauncher;
using TeamsRemediation.Tests.Platform;
using Xunit;

namespace TeamsRemediation.Tests.SessionLauncher
{
    /// <summary>
    /// The launcher's start, wait and exit code, run for real: a stand-in for powershell.exe (a /bin/sh script this test writes) records the
    /// arguments it got, takes a moment, and exits with the code the test chose. Whether Windows then shows no console (CreateNoWindow in a
    /// GUI-subsystem program) is for a real PC: scripts/Test-PilotPc.ps1 starts the launcher there.
    /// </summary>
    public sealed class SessionLaunchRunTests
    {
        [LinuxFact]
        public void ItStartsPowerShellFileOnTheVerifiedScriptWithTheValuesAsSingleArgumentsWaitsAndReturnsItsExitCode()
        {
            using var folder = new LauncherFolder();
            var powerShell = StandIn(folder, exitCode: 42);

            var exitCode = folder.Run(powerShell, LauncherFolder.Script, "-RunId", "0123abcd", "-ResultPath", @"C:\ProgramData\a b\result.json",
                "-CommandName", "Reset-TeamsWorkAccount", "-Force");

            Assert.Equal(42, exitCode);
            // Waited for: the stand-in writes its marker after a pause, just before it exits.
            Assert.True(File.Exists(Path.Combine(folder.Path, "done")), "the launcher returned before its child exited");
            Assert.Equal(
                new[]
                {
                    "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", folder.ScriptPath, "-RunId", "0123abcd",
                    "-ResultPath", @"C:\ProgramData\a b\result.json", "-CommandName", "Reset-TeamsWorkAccount", "-Force",
                },
                File.ReadAllLines(Path.Combine(folder.Path, "args")));
        }

        [LinuxFact]
        public void TheScriptsExitCodeZeroIsPassedThrough()
        {
            using var folder = new LauncherFolder();

            Assert.Equal(0, folder.Run(StandIn(folder, exitCode: 0), LauncherFolder.Script, "-RunId", "abc"));
            Assert.DoesNotContain("-WindowStyle", File.ReadAllLines(Path.Combine(folder.Path, "args")));
        }

        [LinuxFact]
        public void AProgramThatCannotStartIsPowerShellNotStarted()
        {
            using var folder = new LauncherFolder();
            var notExecutable = folder.WriteFile("powershell.exe", "not a program");

            Assert.Equal(LauncherExitCodes.PowerShellNotStarted, folder.Run(notExecutable, LauncherFolder.Script, "-RunId", "abc"));
        }

        [LinuxFact]
        public void ARefusedRequestNeverStartsTheProgram()
        {
            using var folder = new LauncherFolder();
            var powerShell = StandIn(folder, exitCode: 0);

            Assert.Equal(LauncherExitCodes.ScriptNameRefused, folder.Run(powerShell, "../" + LauncherFolder.Script, "-RunId", "abc"));
            Assert.False(File.Exists(Path.Combine(folder.Path, "args")), "the stand-in ran");
        }

        /// <summary>A stand-in powershell.exe: one argument per line into "args", a pause, "done", then the exit code.</summary>
        private static string StandIn(LauncherFolder folder, int exitCode)
        {
            var args = Path.Combine(folder.Path, "args");
            var done = Path.Combine(folder.Path, "done");
            var path = folder.WriteFile("powershell.sh", "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\nsleep 1\n: > '" + done + "'\nexit "
                + exitCode + "\n");
            if (!System.OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return path;
        }
    }
}
