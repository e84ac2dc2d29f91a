using System;
using System.Diagnostics;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>Wall-clock timing of a piece of work or of an outside program run to its end.</summary>
    internal static class Timed
    {
        public static double Run(Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed.TotalMilliseconds;
        }

        /// <summary>Runs a program with its arguments (no shell), optionally capturing its output; throws on a failing exit unless allowed.</summary>
        public static double Program(string program, string[] arguments, out string output, bool capture = false, int okExitCodes = 0,
            string? cLocale = null)
        {
            var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = capture };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            if (cLocale != null)
            {
                info.Environment["LC_ALL"] = cLocale;
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            output = capture ? process.StandardOutput.ReadToEnd() : string.Empty;
            process.WaitForExit();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (process.ExitCode != 0 && process.ExitCode > okExitCodes)
            {
                throw new InvalidOperationException(program + " exited with " + process.ExitCode + ".");
            }

            return elapsed;
        }
    }
}
