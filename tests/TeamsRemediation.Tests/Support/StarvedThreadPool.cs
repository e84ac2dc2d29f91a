using System;
using System.Diagnostics;
using System.Threading;
using Xunit;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// Keeps every thread of the process's thread pool waiting, and the threads the pool adds while it lasts, as on a PC
    /// busy at logon: work queued to the pool does not start until this is disposed. Tests that use it belong to
    /// <see cref="AloneCollection"/>, so no other test's work waits behind it.
    /// </summary>
    public sealed class StarvedThreadPool : IDisposable
    {
        /// <summary>Far more waiters than the pool can add threads during a test (it adds about two a second when starved).</summary>
        private const int Waiters = 2000;

        /// <summary>A waiter gives its thread back after this even if the test never disposes: a failed test must not hang the run.</summary>
        private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(60);

        private readonly ManualResetEventSlim released = new ManualResetEventSlim(false);
        private readonly ManualResetEventSlim sentinelRan = new ManualResetEventSlim(false);

        public StarvedThreadPool()
        {
            for (var i = 0; i < Waiters; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => released.Wait(LongestWait), null);
            }

            // Saturated when work waits in the queue that no thread picks up.
            var waited = Stopwatch.StartNew();
            while (ThreadPool.PendingWorkItemCount == 0)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the thread pool never filled up with the waiters");
                Thread.Sleep(10);
            }

            // Queued behind the waiters: it runs only when a pool thread is free for work queued now.
            ThreadPool.UnsafeQueueUserWorkItem(_ => sentinelRan.Set(), null);
        }

        /// <summary>True while nothing queued to the pool since it filled up has run: the starvation held.</summary>
        public bool StillStarved => !sentinelRan.IsSet;

        public void Dispose()
        {
            released.Set();
        }
    }
}
