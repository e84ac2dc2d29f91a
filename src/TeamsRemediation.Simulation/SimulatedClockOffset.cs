using System;
using System.Globalization;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// How far from the real time every simulated PC's clock starts: the environment variable
    /// TEAMSREMEDIATION_SIMULATED_CLOCK_OFFSET_DAYS, whole days (365 = a year ahead; unset = the real time). Running the suite
    /// with it set proves that no test, seed or demo carries a calendar date the module compares with its clock: everything
    /// such must be dated from the simulated clock, as the files the simulation writes are.
    /// </summary>
    public static class SimulatedClockOffset
    {
        public const string Variable = "TEAMSREMEDIATION_SIMULATED_CLOCK_OFFSET_DAYS";

        /// <summary>Far enough for any date test (a century); further is a typo.</summary>
        private const int MostDays = 36500;

        public static TimeSpan FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

        public static TimeSpan Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return TimeSpan.Zero;
            }

            if (int.TryParse(text!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) && Math.Abs(days) <= MostDays)
            {
                return TimeSpan.FromDays(days);
            }

            throw new FormatException("SimulatedClockOffsetInvalid: " + Variable + " must be a whole number of days between -" + MostDays
                + " and " + MostDays + " (365 starts every simulated PC a year ahead), not '" + text + "'. Unset it for the real time.");
        }
    }
}
