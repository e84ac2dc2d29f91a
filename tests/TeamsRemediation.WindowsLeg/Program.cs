using System;
using System.Linq;
using System.Threading;

namespace TeamsRemediation.WindowsLeg
{
    /// <summary>
    /// Runs the Windows leg and prints one line per test, then "N passed, N failed, N skipped" last. Exit code 1
    /// when a test failed. With --sleep it only waits: a copy of this program named ms-teams.exe is the
    /// "process named like Teams" the tests start (Wine runs no renamed copy of its own system programs).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--sleep")
            {
                Thread.Sleep(Timeout.Infinite);
                return 0;
            }

            var filter = args.Length > 0 ? args[0] : string.Empty;
            var tests = TestCatalog.Discover(typeof(TeamsRemediation.Tests.Support.TempFolder).Assembly)
                .Where(t => t.DisplayName.IndexOf(filter, StringComparison.OrdinalIgnoreCase) >= 0)
                .ToList();

            int passed = 0, failed = 0, skipped = 0;
            foreach (var test in tests)
            {
                var outcome = test.Run();
                switch (outcome.Result)
                {
                    case TestResult.Passed:
                        passed++;
                        Console.WriteLine("  Passed  " + test.DisplayName + " [" + outcome.Duration.TotalMilliseconds.ToString("0") + " ms]");
                        break;
                    case TestResult.Skipped:
                        skipped++;
                        Console.WriteLine("  Skipped " + test.DisplayName + ": " + outcome.Message);
                        break;
                    default:
                        failed++;
                        Console.WriteLine("  Failed  " + test.DisplayName);
                        Console.WriteLine(Indent(outcome.Message));
                        break;
                }
            }

            Console.WriteLine(passed + " passed, " + failed + " failed, " + skipped + " skipped");
            return failed > 0 ? 1 : 0;
        }

        private static string Indent(string text) => string.Join(Environment.NewLine, text.Split('\n').Select(line => "      " + line.TrimEnd('\r')));
    }
}
