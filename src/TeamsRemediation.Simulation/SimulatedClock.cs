using System;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>A clock a scenario sets; it follows real time from the moment it was set, so durations still measure.</summary>
    public sealed class SimulatedClock : IClock
    {
        private DateTimeOffset origin;
        private DateTimeOffset setAt;

        public SimulatedClock(DateTimeOffset now)
        {
            Set(now);
        }

        public DateTimeOffset UtcNow => origin + (DateTimeOffset.UtcNow - setAt);

        public void Set(DateTimeOffset now)
        {
            origin = now.ToUniversalTime();
            setAt = DateTimeOffset.UtcNow;
        }
    }
}
