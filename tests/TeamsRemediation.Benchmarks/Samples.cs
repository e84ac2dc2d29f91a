using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>Timings of one side of a comparison, one per round, in milliseconds.</summary>
    internal sealed class Samples
    {
        private readonly List<double> values = new List<double>();

        public Samples(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public IReadOnlyList<double> Values => values;

        public void Add(double milliseconds) => values.Add(milliseconds);

        public double Min => values.Min();

        public double Max => values.Max();

        public double Median => MedianOf(values);

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0,-44} min {1,8:0} ms   median {2,8:0} ms   max {3,8:0} ms   ({4} rounds)", Name, Min,
                Median, Max, values.Count);

        public static double MedianOf(IEnumerable<double> numbers)
        {
            var sorted = numbers.OrderBy(n => n).ToArray();
            if (sorted.Length == 0)
            {
                throw new InvalidOperationException("No samples.");
            }

            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
