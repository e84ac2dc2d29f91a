using System;
using System.Linq;

namespace TeamsRemediation.WindowsLeg
{
    /// <summary>
    /// What the leg prints: one line per test ("  Passed  name [n ms]", "  Skipped name: reason", "  Failed  name" and the
    /// indented message), and last the totals as "N passed, N failed, N skipped", the line .ci/wine reads.
    /// </summary>
    public sealed class LegReport
    {
        private int passed;
        private int failed;
        private int skipped;

        public void Add(string name, TestOutcome outcome)
        {
            switch (outcome.Result)
            {
                case TestResult.Passed:
                    passed++;
                    Console.WriteLine("  Passed  " + name + " [" + outcome.Duration.TotalMilliseconds.ToString("0") + " ms]");
                    break;
                case TestResult.Skipped:
                    skipped++;
                    Console.WriteLine("  Skipped " + name + ": " + outcome.Message);
                    break;
                default:
                    failed++;
                    Console.WriteLine("  Failed  " + name);
                    Console.WriteLine(Indent(outcome.Message));
                    break;
            }
        }

        /// <summary>The totals so far; the difference of two is the totals of one part of the run.</summary>
        public LegCounts Counts => new LegCounts(passed, failed, skipped);

        /// <summary>Prints the totals line and returns the exit code: 1 when a test failed.</summary>
        public int Close()
        {
            Console.WriteLine(Counts);
            return failed > 0 ? 1 : 0;
        }

        private static string Indent(string text) => string.Join(Environment.NewLine, text.Split('\n').Select(line => "      " + line.TrimEnd('\r')));
    }

    public readonly struct LegCounts
    {
        public LegCounts(int passed, int failed, int skipped)
        {
            Passed = passed;
            Failed = failed;
            Skipped = skipped;
        }

        public int Passed { get; }

        public int Failed { get; }

        public int Skipped { get; }

        public static LegCounts operator -(LegCounts after, LegCounts before) =>
            new LegCounts(after.Passed - before.Passed, after.Failed - before.Failed, after.Skipped - before.Skipped);

        public override string ToString() => Passed + " passed, " + Failed + " failed, " + Skipped + " skipped";
    }
}
