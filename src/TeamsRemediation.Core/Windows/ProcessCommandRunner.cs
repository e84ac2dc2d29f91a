using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Runs a program through System.Diagnostics.Process. Nothing in it is Windows-only, which is why it is not called
    /// WindowsCommandRunner: the contract tests run this very class on Linux.
    /// </summary>
    /// <remarks>
    /// Output is read as bytes and decoded by <see cref="ConsoleOutputDecoder"/>: on Windows with the system's OEM
    /// code page, which is what dsregcmd, cmdkey, wevtutil and powershell.exe write into a pipe from their own
    /// windowless console; not with the parent's console code page (Process's default), which differs under
    /// Invoke-Command, in a service, or after chcp 65001.
    /// </remarks>
    public sealed class ProcessCommandRunner : ICommandRunner
    {
        private readonly ConsoleOutputDecoder decoder;

        public ProcessCommandRunner()
            : this(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OemCodePage.Decoder() : ConsoleOutputDecoder.Utf8)
        {
        }

        public ProcessCommandRunner(ConsoleOutputDecoder decoder)
        {
            this.decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
        }

        /// <summary>How long to wait for the tree kill to return and the killed tree to disappear before reporting the timeout anyway.</summary>
        private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

        /// <summary>How long to wait for the last output after the program exited, when the caller's time is already spent.</summary>
        private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

        public CommandResult Run(string fileName, string arguments, TimeSpan timeout)
        {
            if (string.IsNullOrEmpty(fileName))
            {
                throw new ArgumentException("A program to run is required.", nameof(fileName));
            }

            var startInfo = new ProcessStartInfo(fileName, arguments ?? string.Empty)
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };

            var clock = Stopwatch.StartNew();
            var process = new Process { StartInfo = startInfo };
            var killStillRunning = false;
            try
            {
                try
                {
                    process.Start();
                }
                catch (Win32Exception e) when (e.NativeErrorCode == 2 || e.NativeErrorCode == 3)
                {
                    // ERROR_FILE_NOT_FOUND / ERROR_PATH_NOT_FOUND on Windows, ENOENT (also 2) elsewhere.
                    return CommandResult.NotFound(fileName);
                }
                catch (Win32Exception e)
                {
                    return new CommandResult(CommandOutcome.FailedToStart, -1, string.Empty, e.Message);
                }
                catch (InvalidOperationException e)
                {
                    return new CommandResult(CommandOutcome.FailedToStart, -1, string.Empty, e.Message);
                }

                // An unattended run has no one to type: a program that asks for input gets end-of-file, not a hang.
                try
                {
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The program already exited and closed its end.
                }

                // Both streams are drained concurrently from the start: a program that fills one pipe while we wait on the
                // other would otherwise block forever.
                using (var stdout = new OutputCollector(process.StandardOutput.BaseStream, decoder))
                using (var stderr = new OutputCollector(process.StandardError.BaseStream, decoder))
                {
                    if (!process.WaitForExit(Milliseconds(timeout)))
                    {
                        var grace = Stopwatch.StartNew();
                        killStillRunning = !BoundedTreeKill.EndedWithin(process, KillGrace);
                        if (!killStillRunning)
                        {
                            var left = KillGrace - grace.Elapsed;
                            process.WaitForExit(Milliseconds(left > TimeSpan.Zero ? left : TimeSpan.Zero));
                        }

                        return CommandResult.TimedOut(timeout);
                    }

                    // A grandchild that inherited the pipes can keep them open after the program exits: take what arrived
                    // by the deadline instead of waiting for it. Disposing the collectors then ends their reads.
                    var remaining = timeout - clock.Elapsed;
                    var drain = remaining > DrainGrace ? remaining : DrainGrace;
                    Task.WaitAll(new[] { stdout.Completion, stderr.Completion }, Milliseconds(drain));
                    return CommandResult.Completed(process.ExitCode, stdout.Text, stderr.Text);
                }
            }
            finally
            {
                // A kill that outlived its grace still uses the Process, and disposes it when it ends.
                if (!killStillRunning)
                {
                    process.Dispose();
                }
            }
        }

        private static int Milliseconds(TimeSpan span) => (int)Math.Max(0, Math.Min(int.MaxValue - 1, Math.Ceiling(span.TotalMilliseconds)));

        /// <summary>
        /// Reads a stream's bytes to its end in the background, keeping what it got so far available at any time. Disposing it
        /// ends the read even while something still holds the pipe's write end (a grandchild the kill did not reach, or one a
        /// finished program left running): no thread stays blocked on the pipe and no pipe stays open after Run returns.
        /// </summary>
        private sealed class OutputCollector : IDisposable
        {
            /// <summary>How long Dispose keeps cancelling a read that has not ended yet (a read issued just after a cancel).</summary>
            private static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(2);

            private readonly MemoryStream bytes = new MemoryStream();
            private readonly ConsoleOutputDecoder decoder;
            private readonly object gate = new object();
            private readonly Stream stream;
            private readonly SafeHandle? windowsPipe;
            private readonly CancellationTokenSource ending = new CancellationTokenSource();

            public OutputCollector(Stream stream, ConsoleOutputDecoder decoder)
            {
                this.decoder = decoder;
                this.stream = stream;

                // Taken before any read starts (FileStream flushes when its handle is asked for). On Windows the pipe is a
                // synchronous handle and its read a blocking ReadFile on a pool thread that a token cannot interrupt:
                // CancelIoEx can, from any thread ("regardless of which thread created the I/O operation", ioapiset.h).
                windowsPipe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? (stream as FileStream)?.SafeFileHandle : null;
                Completion = Task.Run(() => Pump(stream, ending.Token));
            }

            public Task Completion { get; }

            /// <summary>Decoded whole, not piece by piece: a read may end inside a character of a multi-byte code page.</summary>
            public string Text
            {
                get
                {
                    lock (gate)
                    {
                        return decoder.Decode(bytes.GetBuffer(), (int)bytes.Length);
                    }
                }
            }

            /// <summary>
            /// Ends the read: the token stops the next one (and, on Linux, the pending one: .NET reads a pipe there through a
            /// cancellable socket operation); on Windows CancelIoEx aborts the pending ReadFile, again until the pump has
            /// ended, in case a read began just after a cancel. Then the pipe is closed, so a writer still holding it gets
            /// a broken pipe instead of an endless wait for a reader.
            /// </summary>
            public void Dispose()
            {
                ending.Cancel();
                var waited = Stopwatch.StartNew();
                // The wait handle, not Task.Wait: a pump that failed must not make Dispose throw.
                while (windowsPipe != null && !((IAsyncResult)Completion).AsyncWaitHandle.WaitOne(50) && waited.Elapsed < EndGrace)
                {
                    CancelPendingRead(windowsPipe);
                }

                stream.Dispose();
                ending.Dispose();
            }

            private static void CancelPendingRead(SafeHandle pipe)
            {
                var added = false;
                try
                {
                    pipe.DangerousAddRef(ref added);

                    // ERROR_NOT_FOUND (no read pending at this moment) is the usual answer between two reads: try again.
                    NativeMethods.CancelIoEx(pipe.DangerousGetHandle(), IntPtr.Zero);
                }
                catch (ObjectDisposedException)
                {
                    // Closed already: no read can be pending on it.
                }
                finally
                {
                    if (added)
                    {
                        pipe.DangerousRelease();
                    }
                }
            }

            private async Task Pump(Stream stream, CancellationToken ending)
            {
                var buffer = new byte[4096];
                try
                {
                    int read;
                    while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, ending).ConfigureAwait(false)) > 0)
                    {
                        lock (gate)
                        {
                            bytes.Write(buffer, 0, read);
                        }
                    }
                }
                catch (IOException)
                {
                    // The pipe broke because the tree was killed: the output is not used then.
                }
                catch (ObjectDisposedException)
                {
                    // Disposed while this read was pending, after Run had what it needed.
                }
                catch (OperationCanceledException)
                {
                    // Ended by Dispose (the token, or CancelIoEx's ERROR_OPERATION_ABORTED).
                }
            }
        }
    }
}
