using System;
using System.Threading;
using System.Threading.Tasks;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Runs work on a thread of its own, started at once, never on the thread pool: what waits on the outside world (a
    /// probe, dsregcmd, the event log) must start, and come to its verdict, when asked, even while every pool thread of a
    /// busy PC is taken. Waiting for the returned task (Wait, WaitAll) needs no pool thread either: it completes on this
    /// thread, which wakes the waiters itself.
    /// </summary>
    public static class OwnThread
    {
        public static Task<T> Run<T>(string name, Func<T> work)
        {
            // No RunContinuationsAsynchronously: that would hand the waking of waiters to the pool again.
            var done = new TaskCompletionSource<T>();
            var thread = new Thread(() =>
            {
                try
                {
                    done.SetResult(work());
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            })
            {
                // A background thread never keeps the host process alive: a probe ends by its deadline anyway.
                IsBackground = true,
                Name = name,
            };
            thread.Start();
            return done.Task;
        }
    }
}
