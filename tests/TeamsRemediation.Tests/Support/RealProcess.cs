using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// A real running process with a Teams-like name: a copy of sleep renamed (ms-teams, msedgewebview2), so the
    /// OS itself proves whether it was stopped. Killed and removed on dispose.
    /// </summary>
    public sealed class RealProcess : IDisposable
    {
        /// <summary>What to remove afterwards: the copy's folder, or on Windows the copy itself.</summary>
        private readonly string folder;

        private RealProcess(string folder, Process process)
        {
            this.folder = folder;
            Process = process;
        }

        public Process Process { get; }

        public bool IsAlive
        {
            get
            {
                Process.Refresh();
                return !Process.HasExited;
            }
        }

        public static RealProcess Start(string name)
        {
            if (OperatingSystem.IsWindows())
            {
                return StartOnWindows(name);
            }

            var sleep = File.Exists("/bin/sleep") ? "/bin/sleep" : "/usr/bin/sleep";
            var folder = Path.Combine(Path.GetTempPath(), "TeamsRemediationProc-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(folder);
            var copy = Path.Combine(folder, name);
            File.Copy(sleep, copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var process = Process.Start(new ProcessStartInfo(copy, "600") { UseShellExecute = false })!;
            return new RealProcess(folder, process);
        }

        /// <summary>
        /// On Windows the sleeper is a launcher of this machine's own .NET program in its --sleep mode (the Windows
        /// leg's runner when the leg runs, else the test assembly's), copied under the Teams name beside the original:
        /// the launcher loads its program's dll from its own folder, so the copy must sit there. Wine cannot run a
        /// renamed copy of its own system programs, which rules out ping.exe.
        /// </summary>
        private static RealProcess StartOnWindows(string name)
        {
            var launcher = new[] { "TeamsRemediation.WindowsLeg.exe", "TeamsRemediation.Tests.exe" }
                .Select(file => Path.Combine(AppContext.BaseDirectory, file))
                .FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("No launcher to copy in " + AppContext.BaseDirectory + ": build the tests for Windows first.");
            var copy = Path.Combine(AppContext.BaseDirectory, name + ".exe");
            File.Copy(launcher, copy, overwrite: true);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var process = Process.Start(new ProcessStartInfo(copy, "--sleep") { UseShellExecute = false })!;
                    return new RealProcess(copy, process);
                }
                catch (System.ComponentModel.Win32Exception e) when (e.NativeErrorCode == ErrorInternalError && Platform.Wine.IsRunning
                    && attempt < WineStartAttempts)
                {
                    // Wine's CreateProcess answers ERROR_INTERNAL_ERROR when the new process dies in Wine's own start-up, before any
                    // of its code ran (seen once in a CI run of the Windows leg, under load): a failed start, not the behaviour a
                    // test looks at, so it is tried again. Windows itself never gets here.
                }
            }
        }

        private const int ErrorInternalError = 1359;

        private const int WineStartAttempts = 3;

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill();
                    Process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            Process.Dispose();
            try
            {
                if (File.Exists(folder))
                {
                    File.Delete(folder);
                }
                else
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }
        }
    }
}
