using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace TeamsRemediation.WindowsLeg
{
    /// <summary>
    /// Runs the Windows leg and prints one line per test, then "N passed, N failed, N skipped" last. Exit code 1
    /// when a test failed. Three ways to start it:
    /// <list type="bullet">
    /// <item>[filter]: the compiled tests (the Windows-facing classes of TeamsRemediation.Tests) whose name contains the filter;</item>
    /// <item>--pester suites-folder modules-folder: the Pester suites, in this process's own PowerShell engine;</item>
    /// <item>--sleep: only waits. A copy of this program named ms-teams.exe is the "process named like Teams" the tests
    /// start (Wine runs no renamed copy of its own system programs).</item>
    /// </list>
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            // UTF-8 whatever code page Wine's console reports: xunit's messages hold characters (an ellipsis, arrows) that
            // the OEM code page turns into bytes that are not UTF-8, and grep then takes the whole log for binary.
            Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true });
            if (args.Length > 0 && args[0] == "--sleep")
            {
                Thread.Sleep(Timeout.Infinite);
                return 0;
            }

            if (args.Length > 0 && args[0] == "--pester")
            {
                if (args.Length != 3)
                {
                    Console.Error.WriteLine("Usage: TeamsRemediation.WindowsLeg --pester <tests/Pester folder> <folder with Pester>");
                    return 2;
                }

                return RunPester(args[1], args[2]);
            }

            return RunCompiledTests(args.Length > 0 ? args[0] : string.Empty);
        }

        private static int RunCompiledTests(string filter)
        {
            var tests = TestCatalog.Discover(typeof(TeamsRemediation.Tests.Support.TempFolder).Assembly)
                .Where(t => t.DisplayName.IndexOf(filter, StringComparison.OrdinalIgnoreCase) >= 0)
                .ToList();
            var report = new LegReport();
            ProcessBitness.Report(report);
            foreach (var test in tests)
            {
                TestOutcome outcome;
                using (RunningTestNotice.Watch(test.DisplayName))
                {
                    outcome = test.Run();
                }

                report.Add(test.DisplayName, outcome);
            }

            return report.Close();
        }

        /// <summary>Pester's own report first, then one line per test, the totals of each suite file, and the closing totals.</summary>
        private static int RunPester(string suitesFolder, string modulesFolder)
        {
            var outcomes = PesterSuiteRun.Run(suitesFolder, modulesFolder, Console.Out);
            var report = new LegReport();
            ProcessBitness.Report(report);
            foreach (var file in outcomes.GroupBy(o => o.File))
            {
                var before = report.Counts;
                foreach (var test in file)
                {
                    report.Add("Pester " + test.File + ": " + test.Name, test.Outcome);
                }

                Console.WriteLine("  Pester " + file.Key + ": " + (report.Counts - before));
            }

            return report.Close();
        }
    }
}
