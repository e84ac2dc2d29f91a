using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Logs;
using TeamsRemediation.Network;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Benchmarks;

// Ratio benchmarks, each against a reference doing the same work in the same run.
//   cache-delete [--files N] [--memory [--memory-files N]] [--smoke]   CacheTreeRemover vs rm -rf
//   (no verb) [--smoke]                                               the two below
if (args.FirstOrDefault() == "cache-delete")
{
    return CacheDeleteBenchmark.Run(args.Skip(1).ToArray());
}

if (args.FirstOrDefault() == "cache-delete-child")
{
    return CacheDeleteBenchmark.RunChild(args.Skip(1).ToArray());
}

// Two measurements, each against its reference in the same run:
//  1. log scanning: LogCodeScanner vs `grep -c` on the same files (the bar: at least half grep's speed);
//  2. network down: Test-TeamsCaa20002's probes against closed and never-answering ports on 127.0.0.1
//     (the bar: the whole diagnosis ends within the timeout plus one second).
// --smoke uses 8 MB of logs and a 1 s timeout so CI finishes in seconds.
var smoke = args.Contains("--smoke");
var logBytes = smoke ? 8L << 20 : 200L << 20;
var timeout = TimeSpan.FromSeconds(smoke ? 1 : 3);
var failures = 0;

var folder = Path.Combine(Path.GetTempPath(), "TeamsRemediationBench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
Directory.CreateDirectory(folder);
try
{
    var files = LogCorpus.Write(folder, logBytes);
    Console.WriteLine("Logs: " + files.Length + " files, " + (logBytes >> 20) + " MB in " + folder);

    // Warm the page cache and the JIT for both sides, so neither pays for the disk.
    Grep.Count(files);
    new LogCodeScanner().Scan(files.Take(1));

    var grepClock = Stopwatch.StartNew();
    var grepLines = Grep.Count(files);
    grepClock.Stop();

    var scanClock = Stopwatch.StartNew();
    var scan = new LogCodeScanner().Scan(files);
    scanClock.Stop();

    var grepRate = logBytes / 1048576.0 / grepClock.Elapsed.TotalSeconds;
    var scanRate = logBytes / 1048576.0 / scanClock.Elapsed.TotalSeconds;
    Console.WriteLine($"grep -c   : {grepLines,8} matching lines in {grepClock.Elapsed.TotalMilliseconds,8:0} ms ({grepRate:0} MB/s)");
    Console.WriteLine($"scanner   : {scan.MatchingLines,8} matching lines in {scanClock.Elapsed.TotalMilliseconds,8:0} ms ({scanRate:0} MB/s), {scan.Codes.Count} distinct codes");
    Console.WriteLine($"ratio     : scanner speed / grep speed = {scanRate / grepRate:0.00} (bar: >= 0.50)");
    if (grepLines >= 0 && grepLines != scan.MatchingLines)
    {
        Console.WriteLine("MISMATCH: grep and the scanner disagree on the matching lines.");
        failures++;
    }

    if (!smoke && scanRate / grepRate < 0.5)
    {
        failures++;
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

// Network down: a closed port (refused at once) and a listener that never accepts (connect completes in the
// kernel, then no TLS answer ever comes: the blackhole case) for every sign-in endpoint slot.
using (var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
{
    silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    silent.Listen(64);
    var silentPort = ((IPEndPoint)silent.LocalEndPoint!).Port;
    var closedListener = new TcpListener(IPAddress.Loopback, 0);
    closedListener.Start();
    var closedPort = ((IPEndPoint)closedListener.LocalEndpoint).Port;
    closedListener.Stop();

    var endpoints = Enumerable.Range(0, 6).Select(i => new ProbeEndpoint("127.0.0.1", i % 2 == 0 ? silentPort : closedPort, "/", false)).ToList();
    using var machine = SimulatedPc.Create().Machine;
    machine.Network = new SocketNetworkProbe();
    var options = new DiagnosisOptions { Endpoints = endpoints, Timeout = timeout, CheckIds = new System.Collections.Generic.HashSet<string> { CheckIds.NetworkEndpoint, CheckIds.NetworkClockSkew } };
    var clock = Stopwatch.StartNew();
    var findings = new Caa20002Diagnosis(machine, options).Run(Array.Empty<TeamsRemediation.Targets.TargetUser>());
    clock.Stop();
    var endpoint = findings.Single(f => f.CheckId == CheckIds.NetworkEndpoint);
    Console.WriteLine($"network down: {endpoints.Count} probes (3 never answer, 3 refused), timeout {timeout.TotalSeconds:0} s, whole run {clock.Elapsed.TotalMilliseconds:0} ms, over the timeout by {(clock.Elapsed - timeout).TotalMilliseconds:0} ms (bar: < 1000 ms); {endpoint.Status}: {endpoint.Summary}");
    if (clock.Elapsed > timeout + TimeSpan.FromSeconds(1))
    {
        failures++;
    }
}

Console.WriteLine(failures == 0 ? "Benchmarks met their bars." : failures + " benchmark(s) missed their bar.");
return failures == 0 ? 0 : 1;

/// <summary>Teams-like logs: mostly ordinary lines, a few sign-in errors, in classic and new Teams shapes.</summary>
internal static class LogCorpus
{
    public static string[] Write(string folder, long totalBytes)
    {
        var count = 8;
        var perFile = totalBytes / count;
        var random = new Random(20002);
        var ordinary = new[]
        {
            "2026-11-24T09:12:{0:00}.{1:000}Z Inf CallingService: heartbeat ok, participants=4, region=emea, bandwidth=2400kbps",
            "2026-11-24T09:12:{0:00}.{1:000}Z Inf WebView2: navigation completed url=https://teams.microsoft.com/v2/ status=200",
            "Tue Nov 24 2026 09:12:{0:00} GMT+0000 <3412> -- info -- [renderer] presence updated: Available (source=calendar)",
            "2026-11-24T09:12:{0:00}.{1:000}Z Wrn Telemetry: batch of 37 events delayed, retry in 30000 ms",
        };
        var errors = new[]
        {
            "2026-11-24T09:12:{0:00}.{1:000}Z Err AuthenticationManager: acquireToken failed with CAA20002 (AADSTS90014)",
            "Tue Nov 24 2026 09:12:{0:00} GMT+0000 <3412> -- error -- ADAL error: 0xcaa82ee7 name not resolved",
        };
        var paths = new string[count];
        for (var f = 0; f < count; f++)
        {
            paths[f] = Path.Combine(folder, f % 2 == 0 ? "MSTeams_2026-11-24_09-12-0" + f + ".00.log" : "logs" + f + ".txt");
            using var writer = new StreamWriter(paths[f], false, new UTF8Encoding(false), 1 << 16);
            long written = 0;
            while (written < perFile)
            {
                var pattern = random.Next(2000) == 0 ? errors[random.Next(errors.Length)] : ordinary[random.Next(ordinary.Length)];
                var line = string.Format(pattern, random.Next(60), random.Next(1000));
                writer.Write(line);
                writer.Write('\n');
                written += line.Length + 1;
            }
        }

        return paths;
    }
}

/// <summary>The reference: GNU grep counting the lines with a CAA or AADSTS code, in the C locale (its fastest).</summary>
internal static class Grep
{
    public static long Count(string[] files)
    {
        var info = new ProcessStartInfo("grep") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("-h");
        info.ArgumentList.Add("-i");
        info.ArgumentList.Add("-E");
        info.ArgumentList.Add("caa[0-9a-f]{5}|AADSTS[0-9]");
        foreach (var file in files)
        {
            info.ArgumentList.Add(file);
        }

        info.Environment["LC_ALL"] = "C";
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(long.Parse);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("grep is not on this machine: no reference to compare with.");
            return -1;
        }
    }
}
