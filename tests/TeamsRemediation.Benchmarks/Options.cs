using System;
using System.Globalization;
using System.Linq;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>The command line: which comparisons, --smoke, and the sizes each one takes.</summary>
    internal sealed class Options
    {
        private readonly string[] args;

        public Options(string[] args)
        {
            this.args = args;
            Smoke = args.Contains("--smoke");
        }

        public bool Smoke { get; }

        public int Rounds(int full) => Int("--rounds", Smoke ? 1 : Math.Max(5, full));

        public int Int(string name, int fallback)
        {
            var text = Value(name);
            return text == null ? fallback : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        public string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            if (index < 0)
            {
                return null;
            }

            if (index + 1 >= args.Length)
            {
                throw new ArgumentException(name + " needs a value.");
            }

            return args[index + 1];
        }

        public bool Has(string flag) => args.Contains(flag);

        /// <summary>The comparisons this program knows, in the order they run.</summary>
        public static readonly string[] Comparisons = { "cache-delete", "logs", "import", "fleet", "network", "detection" };

        /// <summary>A comparison runs when it is named on the command line, or when none is.</summary>
        public bool Wants(string comparison) => !args.Any(Comparisons.Contains) || args.Contains(comparison);
    }
}
