using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Logs;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// The log diagnosis (Evidence.TeamsLogs for every user, through the same service Test-TeamsCaa20002 calls)
    /// against GNU grep counting lines over the same files: `LC_ALL=C grep -ci caa20002` (a fixed string, grep's
    /// fastest path) and `LC_ALL=C grep -ciE` with the scanner's own patterns. Files are read once untimed first, so
    /// every side reads from the page cache; the order of the three sides rotates every round.
    /// </summary>
    internal static class LogScanBenchmark
    {
        /// <summary>What the scanner looks for: a CAA code (hex digits) or an AADSTS code.</summary>
        public const string ScannerPatterns = "caa[0-9a-f]{5}|AADSTS[0-9]";

        public static void Run(Options options, Verdicts verdicts, string benchRoot)
        {
            // users x MB, e.g. "1x20,50x1024"
            var sizes = (options.Value("--log-sizes") ?? (options.Smoke ? "1x4,4x16" : "1x20,50x1024")).Split(',')
                .Select(s => s.Split('x')).Select(p => (Users: int.Parse(p[0], CultureInfo.InvariantCulture), Megabytes: int.Parse(p[1],
                    CultureInfo.InvariantCulture))).ToList();
            var rounds = options.Rounds(6);
            foreach (var (users, megabytes) in sizes)
            {
                Console.WriteLine("== Log diagnosis vs grep: " + users + " user(s), " + megabytes + " MB of logs, " + rounds + " rounds");
                var folder = Path.Combine(benchRoot, "logs-" + users + "x" + megabytes);
                try
                {
                    OneSize(folder, users, megabytes, rounds, verdicts);
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        private static void OneSize(string folder, int users, int megabytes, int rounds, Verdicts verdicts)
        {
            var pc = SimulatedPc.In(Path.Combine(folder, "pc"));
            // Logged two hours before the simulated PC's now, so the lines stay inside the diagnosis's window on any day.
            var logged = pc.Machine.Clock.UtcNow.AddHours(-2);
            var sources = LogCorpus.Write(Path.Combine(folder, "corpus"), (long)megabytes << 20, users, logged);
            var targets = new List<TargetUser>();
            var files = new List<string>();
            for (var u = 0; u < users; u++)
            {
                var user = pc.AddUser("user" + u.ToString(CultureInfo.InvariantCulture), loggedOn: false);
                var logs = TeamsLayout.LogPath(TeamsClient.New, user.Folders);
                Directory.CreateDirectory(logs);
                for (var f = 0; f < sources.Length; f++)
                {
                    var path = Path.Combine(logs, "MSTeams_" + logged.ToString("yyyy-MM-dd_HH-mm", CultureInfo.InvariantCulture) + "-0"
                        + f.ToString(CultureInfo.InvariantCulture) + ".00.log");
                    File.Copy(sources[f], path);
                    files.Add(path);
                }

                targets.Add(new TargetUser(user.Sid, user.UserName, user.Folders, true, false, user.SessionId));
            }

            var options = new DiagnosisOptions { SkipNetwork = true, CheckIds = new HashSet<string> { CheckIds.EvidenceTeamsLogs } };
            var all = files.ToArray();
            var regexArgs = new[] { "-c", "-h", "-i", "-E", ScannerPatterns }.Concat(all).ToArray();
            var fixedArgs = new[] { "-c", "-h", "-i", "caa20002" }.Concat(all).ToArray();

            // Correctness first, untimed (it also brings every file into the page cache): the scanner and grep agree.
            Timed.Program("grep", regexArgs, out var regexCounts, capture: true, okExitCodes: 1, cLocale: "C");
            var grepLines = Sum(regexCounts);
            var scannerLines = new LogCodeScanner().Scan(all).MatchingLines;
            Console.WriteLine("  " + all.Length + " files; lines with a code: grep " + grepLines + ", scanner " + scannerLines);
            if (grepLines != scannerLines)
            {
                verdicts.Mismatch("grep -ciE and the scanner count different lines (" + grepLines + " vs " + scannerLines + ").");
            }

            var ours = new Samples("diagnosis, Evidence.TeamsLogs of " + users + " user(s)");
            var regex = new Samples("LC_ALL=C grep -ciE '" + ScannerPatterns + "'");
            var fixedString = new Samples("LC_ALL=C grep -ci caa20002");
            var findings = new Caa20002Diagnosis(pc.Machine, options).Run(targets);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var side in Verdicts.Order(round, 3))
                {
                    switch (side)
                    {
                        case 0:
                            ours.Add(Timed.Run(() => findings = new Caa20002Diagnosis(pc.Machine, options).Run(targets)));
                            break;
                        case 1:
                            regex.Add(Timed.Program("grep", regexArgs, out _, capture: true, okExitCodes: 1, cLocale: "C"));
                            break;
                        default:
                            fixedString.Add(Timed.Program("grep", fixedArgs, out _, capture: true, okExitCodes: 1, cLocale: "C"));
                            break;
                    }
                }
            }

            if (findings.Count != users || findings.Any(f => f.Status != FindingStatus.Fail || !f.Evidence.Any(e => e.StartsWith("CAA20002",
                StringComparison.Ordinal))))
            {
                verdicts.Mismatch("the diagnosis did not report CAA20002 for each of the " + users + " user(s).");
            }

            Verdicts.Sides(ours, regex, fixedString);
            verdicts.Speed("log diagnosis (" + users + " user(s), " + megabytes + " MB) vs grep -ciE, same patterns", ours, regex, 1.0);
            verdicts.Speed("log diagnosis (" + users + " user(s), " + megabytes + " MB) vs grep -ci caa20002", ours, fixedString, 1.0);
            pc.Machine.Dispose();
        }

        private static long Sum(string counts) => counts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(l => long.Parse(l,
            CultureInfo.InvariantCulture));
    }

    /// <summary>Teams-like logs: mostly ordinary lines, a few sign-in errors, in classic and new Teams shapes.</summary>
    internal static class LogCorpus
    {
        private static readonly string[] Ordinary =
        {
            "{2}:{0:00}.{1:000}Z Inf CallingService: heartbeat ok, participants=4, region=emea, bandwidth=2400kbps",
            "{2}:{0:00}.{1:000}Z Inf WebView2: navigation completed url=https://teams.microsoft.com/v2/ status=200",
            "{3}:{0:00} GMT+0000 <3412> -- info -- [renderer] presence updated: Available (source=calendar)",
            "{2}:{0:00}.{1:000}Z Wrn Telemetry: batch of 37 events delayed, retry in 30000 ms",
        };

        private static readonly string[] Errors =
        {
            "{2}:{0:00}.{1:000}Z Err AuthenticationManager: acquireToken failed with CAA20002 (AADSTS90014)",
            "{3}:{0:00} GMT+0000 <3412> -- error -- ADAL error: 0xcaa82ee7 name not resolved",
        };

        /// <summary>
        /// Two log files holding one user's share of <paramref name="totalBytes"/>, every line in the minute of
        /// <paramref name="logged"/>; every user gets copies of them.
        /// </summary>
        public static string[] Write(string folder, long totalBytes, int users, DateTimeOffset logged)
        {
            Directory.CreateDirectory(folder);
            var perFile = totalBytes / users / 2;
            var random = new Random(20002);
            var paths = new string[2];
            var isoMinute = logged.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            var classicMinute = logged.UtcDateTime.ToString("ddd MMM dd yyyy HH:mm", CultureInfo.InvariantCulture);
            for (var f = 0; f < paths.Length; f++)
            {
                paths[f] = Path.Combine(folder, "corpus" + f.ToString(CultureInfo.InvariantCulture) + ".log");
                using var writer = new StreamWriter(paths[f], false, new UTF8Encoding(false), 1 << 16);
                long written = 0;
                var first = true;
                while (written < perFile)
                {
                    // Every file has a CAA20002 line, so every user's diagnosis has it to find.
                    var pattern = first ? Errors[0] : random.Next(2000) == 0 ? Errors[random.Next(Errors.Length)]
                        : Ordinary[random.Next(Ordinary.Length)];
                    first = false;
                    var line = string.Format(CultureInfo.InvariantCulture, pattern, random.Next(60), random.Next(1000), isoMinute,
                        classicMinute);
                    writer.Write(line);
                    writer.Write('\n');
                    written += line.Length + 1;
                }
            }

            return paths;
        }
    }
}
