using System;
using System.Diagnostics;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// The moment a round of probes must have ended by, on a monotonic clock (a clock set forward or back during the run moves
    /// no deadline). Each blocking step of a probe waits at most <see cref="Remaining"/>, so a probe ends by the deadline on its
    /// own thread without anything else having to wake it.
    /// </summary>
    public sealed class ProbeDeadline
    {
        private readonly Stopwatch clock;
        private readonly TimeSpan timeout;

        private ProbeDeadline(TimeSpan timeout)
        {
            this.timeout = timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero;
            clock = Stopwatch.StartNew();
        }

        public static ProbeDeadline After(TimeSpan timeout) => new ProbeDeadline(timeout);

        public TimeSpan Remaining
        {
            get
            {
                var left = timeout - clock.Elapsed;
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }

        public bool HasPassed => clock.Elapsed >= timeout;

        /// <summary>
        /// What is left in whole milliseconds, rounded up and at least 1: a wait of this many milliseconds ends at or after the
        /// deadline, never just before it (and a socket's timeout of 0 would mean "wait forever").
        /// </summary>
        public int RemainingWholeMilliseconds => (int)Math.Max(1, Math.Min(int.MaxValue, Math.Ceiling(Remaining.TotalMilliseconds)));
    }
}
