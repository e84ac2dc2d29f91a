using System;
using System.Diagnostics;
using System.Threading;

namespace TeamsRemediation.WindowsLeg
{
    /// <summary>
    /// Names the test that is still running once it has taken longer than a test should, and again at each further interval,
    /// the way xunit's long-running-test notice does: when the leg hangs and .ci/wine stops it at its limit, the last such
    /// line in the log names the test that hung. The notice comes from a thread of its own, not from the thread pool or a
    /// timer, so a hung test that holds the pool's threads cannot silence it.
    /// </summary>
    public sealed class RunningTestNotice : IDisposable
    {
        /// <summary>The prefix .ci/wine looks for; keep the two in step.</summary>
        public const string Prefix = "  Still running ";

        private readonly ManualResetEventSlim ended = new ManualResetEventSlim(false);
        private readonly Thread watcher;

        private RunningTestNotice(string name, TimeSpan interval)
        {
            var watch = Stopwatch.StartNew();
            watcher = new Thread(() =>
            {
                while (!ended.Wait(interval))
                {
                    Console.WriteLine(Prefix + name + " [" + watch.Elapsed.TotalSeconds.ToString("0") + " s so far]");
                }
            })
            {
                IsBackground = true,
                Name = "running-test-notice",
            };
            watcher.Start();
        }

        /// <summary>
        /// Starts watching one test. The longest test of the leg took 19-35 s in three runs at load 60 on 2 cores, so a
        /// minute means it is very slow or stuck; the notice only names it, the limit in .ci/wine decides.
        /// </summary>
        public static RunningTestNotice Watch(string name) => new RunningTestNotice(name, TimeSpan.FromSeconds(60));

        public void Dispose()
        {
            ended.Set();
            watcher.Join();
            ended.Dispose();
        }
    }
}
