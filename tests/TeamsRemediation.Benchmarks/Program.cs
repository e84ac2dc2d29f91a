using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Benchmarks;

// Side-by-side benchmarks: each comparison builds identical inputs for every side in the same run, rotates which side
// goes first, repeats (>= 5 rounds), prints min/median/max of each side and the median of the per-round ratios, and
// prints each goal as MET or NOT MET. The exit code is 1 when a goal is not met or two sides disagree on the work.
//
//   dotnet run -c Release --project tests/TeamsRemediation.Benchmarks -- [comparison...] [options]
//   comparisons: cache-delete logs import fleet network detection (all when none is named)
//   --smoke                 small inputs, one round, goals printed but not judged (CI)
//   --rounds N              rounds per comparison (default 5 or 6, so each side goes first equally often)
//   --files N               cache-delete: files per tree (default 100,000)
//   --memory-files N        cache-delete: the larger tree of the memory measurement (default = --files)
//   --log-sizes UxM[,UxM]   logs: users x total MB (default 1x20,50x1024)
//   --cache-users N --cache-files N   detection: users and cache files per user (default 10 x 300,000)
//   --fleet-devices N       fleet: device rows of the Intune export (default 100,000; memory: a tenth of them and all)
//   --timeout S             network and detection: -TimeoutSeconds (default 3)
// The hosted engine must not send telemetry: opt out before any runspace (children inherit the variable).
TeamsRemediation.Demo.EngineTelemetry.OptOut();
if (args.FirstOrDefault() == "cache-delete-child")
{
    return CacheDeleteBenchmark.RunChild(args.Skip(1).ToArray());
}

if (args.FirstOrDefault() == "fleet-child")
{
    return FleetBenchmark.RunChild(args.Skip(1).ToArray());
}

if (args.FirstOrDefault() == "import-child")
{
    return ImportBenchmark.RunChild(args.Skip(1).ToArray());
}

var options = new Options(args);
var verdicts = new Verdicts(options.Smoke);
var benchRoot = Path.Combine(Path.GetTempPath(), "TeamsRemediationBench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
Directory.CreateDirectory(benchRoot);
var clock = Stopwatch.StartNew();
Console.WriteLine("Machine: " + Environment.ProcessorCount + " logical CPU(s), " + System.Runtime.InteropServices.RuntimeInformation.OSDescription
    + ", .NET " + Environment.Version + (options.Smoke ? "; SMOKE mode" : string.Empty));
LoadAverage("at start");
try
{
    if (options.Wants("cache-delete"))
    {
        CacheDeleteBenchmark.Run(options, verdicts, benchRoot);
    }

    if (options.Wants("logs"))
    {
        LogScanBenchmark.Run(options, verdicts, benchRoot);
    }

    if (options.Wants("import"))
    {
        ImportBenchmark.Run(options, verdicts, benchRoot);
    }

    if (options.Wants("fleet"))
    {
        FleetBenchmark.Run(options, verdicts, benchRoot);
    }

    if (options.Wants("network"))
    {
        NetworkDownBenchmark.Run(options, verdicts);
    }

    if (options.Wants("detection"))
    {
        DetectionBenchmark.Run(options, verdicts, benchRoot);
    }
}
finally
{
    Directory.Delete(benchRoot, recursive: true);
}

Console.WriteLine();
LoadAverage("at the end");
Console.WriteLine("Finished in " + clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s. " + (verdicts.Missed.Count == 0
    ? (options.Smoke ? "Smoke run: every side did the same work (goals not judged)." : "Every goal MET.")
    : verdicts.Missed.Count + " goal(s) NOT MET or mismatched: " + string.Join("; ", verdicts.Missed)));
return verdicts.Missed.Count == 0 ? 0 : 1;

// Other work on the machine slows every side; the load average says how much there was (a ratio is still fair).
static void LoadAverage(string when)
{
    if (File.Exists("/proc/loadavg"))
    {
        Console.WriteLine("Load average " + when + " (1, 5, 15 min): " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)));
    }
}
