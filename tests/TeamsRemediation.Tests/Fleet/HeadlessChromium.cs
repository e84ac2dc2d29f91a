using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>
    /// Debian's chromium, installed by the test setup (apt-get, as root) when it is missing; a fact that needs it is skipped with the
    /// reason where it cannot be had. Runs headless with no route off the machine: every request would go to a proxy on a closed
    /// loopback port, and every host name resolves to nothing.
    /// </summary>
    internal static class HeadlessChromium
    {
        private static readonly Lazy<(string? Path, string Why)> Found = new Lazy<(string?, string)>(FindOrInstall);

        public static string? Path => Found.Value.Path;

        public static string WhyMissing => Found.Value.Why;

        /// <summary>
        /// Runs chromium with the arguments given; returns its exit code, standard output and standard error. The log (verbose level 1)
        /// holds every console message ("INFO:CONSOLE") and every request the network stack was asked for ("NotifyBeforeURLRequest: url").
        /// </summary>
        public static (int ExitCode, string Output, string Errors) Run(string profile, int closedPort, params string[] arguments)
        {
            var info = new ProcessStartInfo(Path!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--metrics-recording-only", "--user-data-dir=" + profile, "--proxy-server=http://127.0.0.1:" + closedPort,
                "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=1",
            }.Concat(arguments))
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 120 s.");
            }

            return (process.ExitCode, output, errors.Result);
        }

        private static (string?, string) FindOrInstall()
        {
            if (!OperatingSystem.IsLinux())
            {
                return (null, "The page test runs Debian's chromium: Linux only.");
            }

            var found = OnPath();
            if (found != null)
            {
                return (found, string.Empty);
            }

            if (!File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
            {
                return (null, "chromium is not installed, and installing it needs apt-get as root (apt-get install -y chromium).");
            }

            var install = new ProcessStartInfo("/usr/bin/apt-get") { UseShellExecute = false, RedirectStandardOutput = true,
                RedirectStandardError = true };
            foreach (var argument in new[] { "install", "-y", "--no-install-recommends", "chromium" })
            {
                install.ArgumentList.Add(argument);
            }

            install.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(install)!;
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(900_000))
            {
                process.Kill(entireProcessTree: true);
                return (null, "apt-get install -y chromium did not finish within 15 minutes.");
            }

            found = OnPath();
            return found != null ? (found, string.Empty)
                : (null, "apt-get install -y chromium failed (exit " + process.ExitCode + "): " + errors.Result.Trim().Split('\n').LastOrDefault());
        }

        private static string? OnPath() => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .SelectMany(folder => new[] { System.IO.Path.Combine(folder, "chromium"), System.IO.Path.Combine(folder, "chromium-browser") })
            .FirstOrDefault(File.Exists);
    }

    /// <summary>A fact that needs headless chromium: skipped, with the reason, where it is missing and cannot be installed.</summary>
    public sealed class ChromiumFactAttribute : FactAttribute
    {
        public override string? Skip
        {
            get => base.Skip ?? (HeadlessChromium.Path == null ? HeadlessChromium.WhyMissing : null);
            set => base.Skip = value;
        }
    }
}
