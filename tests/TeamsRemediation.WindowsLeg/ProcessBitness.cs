using System;

namespace TeamsRemediation.WindowsLeg
{
    /// <summary>
    /// The leg's first line and, when .ci/wine names the bitness it built for (TEAMSREMEDIATION_EXPECTED_BITNESS), its first
    /// test: a win-x86 run that came up 64-bit would otherwise skip every WOW64 fact and pass without having run 32-bit.
    /// </summary>
    public static class ProcessBitness
    {
        public const string ExpectedVariable = "TEAMSREMEDIATION_EXPECTED_BITNESS";

        public static string Describe() =>
            (IntPtr.Size * 8) + "-bit process on " + (Environment.Is64BitOperatingSystem ? "64" : "32") + "-bit Windows"
            + (IntPtr.Size == 4 && Environment.Is64BitOperatingSystem ? " (WOW64)" : string.Empty);

        /// <summary>Prints what this process is, and adds the check to the report when a bitness is expected.</summary>
        public static void Report(LegReport report)
        {
            Console.WriteLine("Windows leg: " + Describe());
            var expected = Environment.GetEnvironmentVariable(ExpectedVariable);
            if (string.IsNullOrEmpty(expected))
            {
                return;
            }

            var actual = (IntPtr.Size * 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = "The leg runs as the " + expected + "-bit process .ci/wine built";
            report.Add(name, actual == expected
                ? new TestOutcome(TestResult.Passed, string.Empty, TimeSpan.Zero)
                : new TestOutcome(TestResult.Failed, "Expected a " + expected + "-bit process; this is a " + Describe() + ".", TimeSpan.Zero));
        }
    }
}
