using System;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Reflection.Emit;
using TeamsRemediation.Demo;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// Import-Module of the built module against Import-Module of an empty binary module (one assembly with one
    /// empty public type, written for this run), each in a fresh process so neither finds its assembly loaded or
    /// JIT-compiled already; only the Import-Module call is timed. The order alternates every round.
    /// </summary>
    internal static class ImportBenchmark
    {
        public static void Run(Options options, Verdicts verdicts, string benchRoot)
        {
            var rounds = options.Rounds(6);
            Console.WriteLine("== Module import: TeamsRemediation vs an empty binary module, fresh process each, " + rounds + " rounds");
            var empty = WriteEmptyModule(Path.Combine(benchRoot, "EmptyModule"));
            var ours = new Samples("Import-Module TeamsRemediation");
            var reference = new Samples("Import-Module <empty binary module>");
            for (var round = 0; round < rounds; round++)
            {
                foreach (var side in Verdicts.Order(round, 2))
                {
                    if (side == 0)
                    {
                        ours.Add(ImportInChild(ModuleSession.ManifestPath, "TeamsRemediation", verdicts));
                    }
                    else
                    {
                        reference.Add(ImportInChild(empty, "EmptyModule", verdicts));
                    }
                }
            }

            Verdicts.Sides(ours, reference);
            Verdicts.Ratios(ours, reference);
            verdicts.AtMostMore("module import at most 0.5 s more than an empty binary module (median)", ours, reference, 500);
        }

        /// <summary>An assembly with one empty public type and no cmdlet: the least a binary module can be.</summary>
        private static string WriteEmptyModule(string folder)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "EmptyModule.dll");
            var assembly = new PersistedAssemblyBuilder(new AssemblyName("EmptyModule"), typeof(object).Assembly);
            var module = assembly.DefineDynamicModule("EmptyModule");
            module.DefineType("EmptyModule.Nothing", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed).CreateType();
            assembly.Save(path);
            return path;
        }

        private static double ImportInChild(string path, string moduleName, Verdicts verdicts)
        {
            var self = Environment.ProcessPath!;
            var arguments = (Path.GetFileNameWithoutExtension(self) == "dotnet" ? new[] { typeof(ImportBenchmark).Assembly.Location }
                : Array.Empty<string>())
                .Concat(new[] { "import-child", path, moduleName }).ToArray();
            Timed.Program(self, arguments, out var report, capture: true);
            var line = report.Split('\n').FirstOrDefault(l => l.StartsWith("import-ms ", StringComparison.Ordinal));
            if (line == null)
            {
                verdicts.Mismatch("the import of " + moduleName + " reported nothing: " + report.Trim());
                return double.NaN;
            }

            return double.Parse(line.Substring(10), CultureInfo.InvariantCulture);
        }

        /// <summary>The child side: opens a runspace (untimed), times Import-Module, checks the module is there.</summary>
        public static int RunChild(string[] args)
        {
            EngineTelemetry.EnsureSilent();
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using (var warm = PowerShell.Create())
            {
                warm.Runspace = runspace;
                warm.AddScript("$null = Get-Module").Invoke();
            }

            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("Import-Module -Name $args[0] -ErrorAction Stop; Get-Module -Name $args[1]").AddArgument(args[0]).AddArgument(args[1]);
            var clock = Stopwatch.StartNew();
            Collection<PSObject> loaded = ps.Invoke();
            clock.Stop();
            if (loaded.Count != 1 || ps.Streams.Error.Count > 0)
            {
                Console.WriteLine("import failed: " + string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
                return 1;
            }

            Console.WriteLine("import-ms " + clock.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture));
            return 0;
        }
    }
}
