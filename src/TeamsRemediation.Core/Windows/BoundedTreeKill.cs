using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Kills a process and what it started on a thread of its own, so the caller waits for the kill only as long as it chooses.
    /// The kill walks every process on the PC one system call at a time (.NET's Kill(true), or the Toolhelp walk): on a busy PC,
    /// or under Wine where each call is a round trip to wineserver, that walk is a wait nothing else bounds. A kill that outlives
    /// the caller's patience still finishes, and then disposes the Process it was given: the caller must not dispose it then.
    /// </summary>
    internal sealed class BoundedTreeKill
    {
        private readonly object gate = new object();
        private readonly Process process;
        private readonly Thread thread;
        private bool ended;
        private bool abandoned;
        private ExceptionDispatchInfo? failure;

        private BoundedTreeKill(Process process)
        {
            this.process = process;
            thread = new Thread(Kill) { IsBackground = true, Name = "command-runner-tree-kill" };
        }

        /// <summary>
        /// Starts the kill and waits for it at most <paramref name="patience"/>. True when it ended in time (the caller still owns
        /// the Process); false when it is still running and now owns the Process. An unexpected error of a kill that ended in
        /// time is thrown here, as if the kill had run on the caller's thread.
        /// </summary>
        public static bool EndedWithin(Process process, TimeSpan patience)
        {
            var kill = new BoundedTreeKill(process);
            kill.thread.Start();
            kill.thread.Join(patience);
            lock (kill.gate)
            {
                if (!kill.ended)
                {
                    kill.abandoned = true;
                    return false;
                }
            }

            kill.failure?.Throw();
            return true;
        }

        private void Kill()
        {
            try
            {
                ProcessTree.Kill(process);
            }
            catch (Exception e)
            {
                // Not left to end the whole host as an unhandled exception on this thread: handed to the caller when it still
                // waits, dropped when it has gone (the timeout is reported either way).
                failure = ExceptionDispatchInfo.Capture(e);
            }

            lock (gate)
            {
                ended = true;
                if (abandoned)
                {
                    process.Dispose();
                }
            }
        }
    }
}
