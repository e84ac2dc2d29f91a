using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// Prints each side's spread, the per-round speed ratios and every goal as MET or NOT MET, and remembers the
    /// goals missed. In smoke mode a goal is printed but never judged: a busy CI machine is no measurement.
    /// </summary>
    internal sealed class Verdicts
    {
        private readonly bool smoke;
        private readonly List<string> missed = new List<string>();

        public Verdicts(bool smoke)
        {
            this.smoke = smoke;
        }

        public IReadOnlyList<string> Missed => missed;

        /// <summary>Something that must hold whatever the speed (both sides did the same work): counted as a miss, smoke or not.</summary>
        public void Mismatch(string what)
        {
            Console.WriteLine("  MISMATCH: " + what);
            missed.Add("mismatch: " + what);
        }

        public static void Sides(params Samples[] sides)
        {
            foreach (var side in sides)
            {
                Console.WriteLine("  " + side);
            }
        }

        /// <summary>
        /// Speed of <paramref name="ours"/> relative to <paramref name="reference"/> in each round (their time / our time),
        /// judged on the median of those ratios and, when given, on the worst round.
        /// </summary>
        public void Speed(string goal, Samples ours, Samples reference, double medianAtLeast, double? everyRoundAtLeast = null)
        {
            var (median, worst) = Ratios(ours, reference);
            var text = goal + ": median >= " + medianAtLeast.ToString("0.0#", CultureInfo.InvariantCulture) + "x"
                + (everyRoundAtLeast.HasValue ? ", every round >= " + everyRoundAtLeast.Value.ToString("0.0#", CultureInfo.InvariantCulture) + "x"
                    : string.Empty);
            Judge(text, median >= medianAtLeast && (!everyRoundAtLeast.HasValue || worst >= everyRoundAtLeast.Value));
        }

        /// <summary>Prints the per-round speed ratios (their time / our time); returns their median and the worst.</summary>
        public static (double Median, double Worst) Ratios(Samples ours, Samples reference)
        {
            var ratios = reference.Values.Zip(ours.Values, (theirs, mine) => theirs / mine).ToList();
            var median = Samples.MedianOf(ratios);
            var worst = ratios.Min();
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "  speed of {0} / speed of {1}, per round: {2}; median {3:0.00}x, worst {4:0.00}x",
                ours.Name,
                reference.Name,
                string.Join(" ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture))),
                median,
                worst));
            return (median, worst);
        }

        /// <summary>Every round of <paramref name="run"/> ends within <paramref name="limitMs"/>.</summary>
        public void Within(string goal, Samples run, double limitMs)
        {
            var margin = run.Max <= limitMs ? "{2:0} ms to spare" : "over by {2:0} ms";
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  slowest round {0:0} ms, limit {1:0} ms (" + margin + ")", run.Max,
                limitMs, Math.Abs(run.Max - limitMs)));
            Judge(goal, run.Max <= limitMs);
        }

        /// <summary>
        /// The median of <paramref name="ours"/> exceeds the median of <paramref name="reference"/> by at most <paramref name="extraMs"/>.
        /// </summary>
        public void AtMostMore(string goal, Samples ours, Samples reference, double extraMs)
        {
            var extra = ours.Median - reference.Median;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  median {0} - median {1} = {2:0} ms", ours.Name, reference.Name, extra));
            Judge(goal, extra <= extraMs);
        }

        /// <summary>A measured amount stays under a bound that depends on another measurement, and under an absolute bar.</summary>
        public void AtMostMoreBytes(string goal, long measured, long bound, long bar) => Judge(goal, measured <= bound && measured < bar);

        private void Judge(string goal, bool met)
        {
            if (smoke)
            {
                Console.WriteLine("  GOAL " + goal + ": not judged in smoke mode (" + (met ? "would be met" : "would not be met") + ")");
                return;
            }

            Console.WriteLine("  GOAL " + goal + ": " + (met ? "MET" : "NOT MET"));
            if (!met)
            {
                missed.Add(goal);
            }
        }

        /// <summary>The order of the sides in a round: rotated every round, so each side goes first equally often.</summary>
        public static int[] Order(int round, int sides) => Enumerable.Range(0, sides).Select(i => (i + round) % sides).ToArray();
    }
}
