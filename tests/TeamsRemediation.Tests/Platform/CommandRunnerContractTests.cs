using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// The production command runner against real programs. <see cref="ProcessCommandRunner"/> is plain .NET, so the
    /// same class that runs dsregcmd on Windows is exercised here with /bin/sh (or cmd.exe on Windows).
    /// </summary>
    public sealed class ProcessCommandRunnerContractTests
    {
        /// <summary>
        /// A timed-out run returns well before the program it stops (a minute) would have ended: generous for a busy machine, and
        /// still fails a runner that waits for the program.
        /// </summary>
        private static readonly TimeSpan ReturnsWellBefore = TimeSpan.FromSeconds(20);

        private readonly ICommandRunner runner = new ProcessCommandRunner();

        [Fact]
        public void CompletedProgramGivesExitCodeAndOutput()
        {
            var result = Shell("echo hi");

            Assert.Equal(CommandOutcome.Completed, result.Outcome);
            Assert.Equal(0, result.ExitCode);
            Assert.True(result.Succeeded);
            Assert.Equal("hi", result.StandardOutput.TrimEnd('\r', '\n'));
            Assert.Equal(string.Empty, result.StandardError);
        }

        [Fact]
        public void NonZeroExitCodeAndStandardErrorAreKeptApart()
        {
            var result = Shell("echo oops 1>&2 && exit 3");

            Assert.Equal(CommandOutcome.Completed, result.Outcome);
            Assert.Equal(3, result.ExitCode);
            Assert.False(result.Succeeded);
            Assert.Equal("oops", result.StandardError.Trim());
            Assert.Equal(string.Empty, result.StandardOutput);
        }

        [LinuxFact]
        public void LargeOutputOnBothStreamsDoesNotDeadlock()
        {
            // Far more than a pipe buffer (64 KiB) on each stream, interleaved: a runner that drains one stream after the
            // other would hang here until the timeout.
            var result = runner.Run("/bin/sh",
                "-c \"i=0; while [ $i -lt 4 ]; do head -c 300000 /dev/zero | tr '\\\\0' a; head -c 300000 /dev/zero | tr '\\\\0' b 1>&2; " +
                    "i=$((i+1)); done\"", TimeSpan.FromSeconds(30));

            Assert.Equal(CommandOutcome.Completed, result.Outcome);
            Assert.Equal(1200000, result.StandardOutput.Length);
            Assert.Equal(1200000, result.StandardError.Length);
            Assert.DoesNotContain('b', result.StandardOutput);
        }

        [LinuxFact]
        public void TimeoutKillsTheProgramAndWhatItStarted()
        {
            using (var folder = new TempFolder())
            {
                var pids = folder.Combine("pids");
                var watch = Stopwatch.StartNew();

                // The program would run a minute; Run must return long before, however busy the machine (a generous bound, no race).
                var result = runner.Run("/bin/sh", "-c \"sleep 60 & echo $$ $! > '" + pids + "'; wait\"", TimeSpan.FromMilliseconds(300));

                watch.Stop();
                Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
                Assert.False(result.Succeeded);
                Assert.True(watch.Elapsed < ReturnsWellBefore, "Run returned after " + watch.Elapsed + ", not soon after its 300 ms timeout.");

                var ids = File.ReadAllText(pids).Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(2, ids.Length);
                foreach (var id in ids)
                {
                    Assert.True(IsGoneSoon(int.Parse(id)), "Process " + id + " (" + (id == ids[0] ? "the shell" : "its sleep child")
                        + ") still runs after the timeout.");
                }
            }
        }

        [WindowsFact]
        public void TimeoutIsReportedOnWindows()
        {
            var watch = Stopwatch.StartNew();

            var result = runner.Run(SystemTools.Resolve(Environment.GetFolderPath(Environment.SpecialFolder.Windows),
                !Environment.Is64BitProcess && Environment.Is64BitOperatingSystem, "ping.exe"), "-n 61 127.0.0.1", TimeSpan.FromMilliseconds(300));

            Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
            Assert.True(watch.Elapsed < ReturnsWellBefore, "Run returned after " + watch.Elapsed + ", not soon after its 300 ms timeout.");
        }

        [Fact]
        public void MissingProgramIsNotFound()
        {
            var missing = Path.Combine(Path.GetTempPath(), "teamsremediation-no-such-tool-" + Guid.NewGuid().ToString("N"), "dsregcmd.exe");

            var result = runner.Run(missing, "/status", TimeSpan.FromSeconds(5));

            Assert.Equal(CommandOutcome.NotFound, result.Outcome);
            Assert.Contains(missing, result.StandardError);
        }

        [Fact]
        public void MissingProgramOnThePathIsNotFound()
        {
            var result = runner.Run("teamsremediation-no-such-tool-" + Guid.NewGuid().ToString("N"), string.Empty, TimeSpan.FromSeconds(5));

            Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        }

        private static bool IsGoneSoon(int pid)
        {
            // Up to 20 s: a killed process is gone at once on a quiet machine, and a busy one may take its time to reap it.
            for (var attempt = 0; attempt < 400; attempt++)
            {
                if (!IsRunning(pid))
                {
                    return true;
                }

                Thread.Sleep(50);
            }

            return false;
        }

        /// <summary>
        /// True while the process runs. A killed grandchild can linger as a zombie until its new parent reaps it (in a
        /// container PID 1 may never do so); a zombie runs nothing, so it counts as gone.
        /// </summary>
        private static bool IsRunning(int pid)
        {
            var stat = "/proc/" + pid + "/stat";
            try
            {
                var text = File.ReadAllText(stat);
                var state = text.Substring(text.LastIndexOf(')') + 2, 1);
                return state != "Z" && state != "X";
            }
            catch (IOException)
            {
                return false;
            }
        }

        private CommandResult Shell(string script)
        {
            return OperatingSystem.IsWindows()
                ? runner.Run(Environment.GetEnvironmentVariable("ComSpec") ?? "cmd.exe", "/d /c " + script, TimeSpan.FromSeconds(30))
                : runner.Run("/bin/sh", "-c \"" + script + "\"", TimeSpan.FromSeconds(30));
        }
    }
}
