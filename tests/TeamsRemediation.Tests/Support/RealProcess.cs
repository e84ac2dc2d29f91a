using System;
using System.Diagnostics;
using System.IO;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// A real running process with a Teams-like name: a copy of sleep renamed (ms-teams, msedgewebview2), so the
    /// OS itself proves whether it was stopped. Killed and removed on dispose.
    /// </summary>
    public sealed class RealProcess : IDisposable
    {
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
            var sleep = File.Exists("/bin/sleep") ? "/bin/sleep" : "/usr/bin/sleep";
            var folder = Path.Combine(Path.GetTempPath(), "TeamsRemediationProc-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(folder);
            var copy = Path.Combine(folder, name);
            File.Copy(sleep, copy);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var process = Process.Start(new ProcessStartInfo(copy, "600") { UseShellExecute = false })!;
            return new RealProcess(folder, process);
        }

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
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
