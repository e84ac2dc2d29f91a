using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// A process that outlives the program and holds its output pipe (a grandchild the program left running, or one that
    /// escaped the tree kill) must not keep the runner reading: once Run returns, its pipes are closed, so the holder's next
    /// write fails (a broken pipe) instead of feeding a reader that never ends. The holder here writes a line every 100 ms,
    /// ignores SIGPIPE, and records in a file whether a write failed (the reader was closed) or it gave up after a minute.
    /// </summary>
    public sealed class ProcessCommandRunnerPipeHolderTests
    {
        /// <summary>Generous for a busy machine; the holder itself gives up only after a minute.</summary>
        private static readonly TimeSpan ReaderClosedWithin = TimeSpan.FromSeconds(20);

        private readonly ICommandRunner runner = new ProcessCommandRunner();

        [LinuxFact]
        public void AGrandchildStillHoldingThePipeOfAFinishedProgramFindsItClosedOnceRunReturns()
        {
            using (var folder = new TempFolder())
            {
                var marker = folder.Combine("holder");

                // The program starts the holder in the background and exits at once.
                var result = runner.Run("/bin/sh", "-c \"" + Holder(marker) + " & echo started\"", TimeSpan.FromSeconds(3));

                Assert.Equal(CommandOutcome.Completed, result.Outcome);
                Assert.Contains("started", result.StandardOutput);
                Assert.Equal("reader closed", WhatTheHolderSaw(marker));
            }
        }

        [LinuxFact]
        public void AGrandchildThatEscapedTheTimeoutKillFindsThePipeClosedOnceRunReturns()
        {
            using (var folder = new TempFolder())
            {
                var marker = folder.Combine("holder");

                // A subshell starts the holder and exits, so the holder is re-parented away from the program's tree: the tree
                // kill at the timeout cannot reach it.
                var result = runner.Run("/bin/sh", "-c \"( " + Holder(marker) + " & ) ; sleep 60\"", TimeSpan.FromSeconds(1));

                Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
                Assert.Equal("reader closed", WhatTheHolderSaw(marker));
            }
        }

        /// <summary>
        /// On Windows (under Wine in the leg) the same holder is a copy of this machine's .NET program in its --sleep mode, which
        /// cmd's start /b starts with the program's pipes inherited: Run still returns the program's output soon after the
        /// program ends, and ending its reads (CancelIoEx on the synchronous pipe read, then the close) comes back.
        /// </summary>
        [WindowsFact]
        public void AProgramThatLeavesAProcessHoldingItsPipeStillGivesItsOutputOnWindows()
        {
            var launcher = new[] { "TeamsRemediation.WindowsLeg.exe", "TeamsRemediation.Tests.exe" }
                .Select(file => Path.Combine(AppContext.BaseDirectory, file))
                .First(File.Exists);
            var name = "pipe-holder-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var copy = Path.Combine(AppContext.BaseDirectory, name + ".exe");
            File.Copy(launcher, copy);
            try
            {
                var watch = Stopwatch.StartNew();

                var result = runner.Run(Environment.GetEnvironmentVariable("ComSpec") ?? "cmd.exe",
                    "/d /c start \"\" /b \"" + copy + "\" --sleep & echo started", TimeSpan.FromSeconds(5));

                watch.Stop();
                Assert.Equal(CommandOutcome.Completed, result.Outcome);
                Assert.Equal("started", result.StandardOutput.Trim());
                Assert.True(watch.Elapsed < ReaderClosedWithin, "Run returned after " + watch.Elapsed + ", not soon after its 5 s timeout.");
            }
            finally
            {
                foreach (var holder in Process.GetProcessesByName(name))
                {
                    using (holder)
                    {
                        holder.Kill();
                        holder.WaitForExit(5000);
                    }
                }

                try
                {
                    File.Delete(copy);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // Still mapped by a holder that has not quite gone: the leg's prefix is thrown away anyway.
                }
            }
        }

        /// <summary>A shell loop that writes to its inherited stdout until a write fails, for a minute at most.</summary>
        private static string Holder(string marker)
        {
            return "( trap '' PIPE; i=0; while [ $i -lt 600 ]; do echo tick || { echo 'reader closed' > '" + marker + "'; exit 0; }; "
                + "sleep 0.1; i=$((i+1)); done; echo 'still read after a minute' > '" + marker + "' )";
        }

        private static string WhatTheHolderSaw(string marker)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < ReaderClosedWithin)
            {
                if (File.Exists(marker))
                {
                    var text = File.ReadAllText(marker).Trim();
                    if (text.Length > 0)
                    {
                        return text;
                    }
                }

                Thread.Sleep(100);
            }

            return "no write failed within " + ReaderClosedWithin.TotalSeconds + " s: something still reads the pipe";
        }
    }
}
