using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Demo;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// A large tenant's Intune export (DeviceRunStatesByProactiveRemediation, --fleet-devices rows, default 100,000) summarised per cause
    /// and owner: Get-TeamsRemediationFleetSummary -Path (the reader of ConvertFrom-TeamsRemediationOutput, without a pipeline hop per
    /// row) against Import-Csv | Group-Object doing the same
    /// grouping by hand, both in one engine, the order alternating every round. Then the memory: the peak working set of a fresh process
    /// summarising a tenth of the rows and all of them.
    /// </summary>
    internal static class FleetBenchmark
    {
        private const long MemoryBarBytes = 400L << 20;

        private const string Ours = "Get-TeamsRemediationFleetSummary -Path $args[0]";

        // What an admin writes by hand: every row's pre-remediation line split into its items, the causes (failing checks and the
        // warnings only the user or the tenant admin answer) grouped by check, code and owner, devices counted once per cause.
        private const string Reference = @"
            Import-Csv -Path $args[0] | ForEach-Object {
                $device = $_.DeviceName
                foreach ($item in @($_.PreRemediationDetectionScriptOutput -split ' \| ' | Select-Object -Skip 1)) {
                    $f = ($item -split ' \|\| ')[0] -split ' '
                    if ($f[0] -eq 'Fail' -or ($f[0] -eq 'Warning' -and $f[2] -in 'User', 'TenantAdmin')) {
                        [pscustomobject]@{ Device = $device; Cause = $f[1] + ' ' + $f[3]; Owner = $f[2] }
                    }
                }
            } | Group-Object -Property Cause, Owner | ForEach-Object {
                [pscustomobject]@{ Cause = $_.Values[0]; Owner = $_.Values[1]; Devices = @($_.Group.Device | Sort-Object -Unique).Count }
            }";

        public static void Run(Options options, Verdicts verdicts, string benchRoot)
        {
            var devices = options.Smoke ? 2_000 : options.Int("--fleet-devices", 100_000);
            var rounds = options.Rounds(6);
            Console.WriteLine("== Fleet summary: " + devices.ToString("N0", CultureInfo.InvariantCulture) + " device rows, "
                + "Get-TeamsRemediationFleetSummary -Path vs Import-Csv | Group-Object, one engine, " + rounds + " rounds");
            var csv = WriteExport(Path.Combine(benchRoot, "fleet-" + devices + ".csv"), devices);
            using (var session = new ModuleSession(machine: null))
            {
                session.Invoke("Import-Module -Name $args[0] -ErrorAction Stop",
                    typeof(Microsoft.PowerShell.Commands.ImportCsvCommand).Assembly.Location);
                // Both sides once on a small export first, untimed: the first run of either pays for compiling its code, not for the rows.
                var warmUp = WriteExport(Path.Combine(benchRoot, "fleet-warm-up.csv"), Math.Max(1, devices / 100));
                session.Invoke(Ours, warmUp);
                session.Invoke(Reference, warmUp);
                var ours = new Samples("Get-TeamsRemediationFleetSummary -Path");
                var reference = new Samples("Import-Csv | Group-Object");
                IReadOnlyList<System.Management.Automation.PSObject> ourCauses = Array.Empty<System.Management.Automation.PSObject>();
                IReadOnlyList<System.Management.Automation.PSObject> theirCauses = ourCauses;
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var side in Verdicts.Order(round, 2))
                    {
                        if (side == 0)
                        {
                            ours.Add(Timed.Run(() => ourCauses = session.Invoke(Ours, csv)));
                        }
                        else
                        {
                            reference.Add(Timed.Run(() => theirCauses = session.Invoke(Reference, csv)));
                        }
                    }
                }

                Compare(ourCauses, theirCauses, verdicts);
                Verdicts.Sides(ours, reference);
                verdicts.Speed("fleet summary at least 5x faster than Import-Csv | Group-Object (median of per-round ratios)", ours, reference, 5.0);
            }

            Memory(benchRoot, devices, verdicts);
        }

        /// <summary>Both sides found the same causes with the same device counts.</summary>
        private static void Compare(IReadOnlyList<System.Management.Automation.PSObject> ours,
            IReadOnlyList<System.Management.Automation.PSObject> theirs,
            Verdicts verdicts)
        {
            string Key(string cause, string owner) => cause.Replace(" -", string.Empty).Trim() + " (" + owner + ")";
            var mine = ours.Select(o => (TeamsRemediationFleetCause)o.BaseObject).ToDictionary(c => Key(c.Cause, c.Owner.ToString()), c => c.Devices);
            var reference = theirs.ToDictionary(o => Key(o.Properties["Cause"].Value.ToString()!, o.Properties["Owner"].Value.ToString()!),
                o => (int)o.Properties["Devices"].Value);
            Console.WriteLine("  causes: " + string.Join("; ", mine.OrderBy(p => p.Key).Select(p => p.Key + " " + p.Value)));
            if (mine.Count != reference.Count || mine.Any(p => !reference.TryGetValue(p.Key, out var n) || n != p.Value))
            {
                verdicts.Mismatch("the two sides counted different causes or devices: ours " + string.Join("; ", mine.Select(p => p.Key + " "
                    + p.Value))
                    + " / reference " + string.Join("; ", reference.Select(p => p.Key + " " + p.Value)));
            }
        }

        /// <summary>
        /// Memory in a fresh process each (so the peak is the command's, not the export writer's), on a tenth of the rows and all: the reader
        /// alone must stay flat (it streams); the summary keeps a few dozen bytes per device (its causes before and after), so its growth is
        /// judged per device.
        /// </summary>
        private static void Memory(string benchRoot, int devices, Verdicts verdicts)
        {
            var sizes = new[] { Math.Max(1, devices / 10), devices };
            var csv = sizes.Select(n => WriteExport(Path.Combine(benchRoot, "fleet-memory-" + n + ".csv"), n)).ToArray();
            foreach (var mode in new[] { "reader", "summary" })
            {
                var peaks = new long[2];
                for (var i = 0; i < sizes.Length; i++)
                {
                    var self = Environment.ProcessPath!;
                    var arguments = (Path.GetFileNameWithoutExtension(self) == "dotnet" ? new[] { typeof(FleetBenchmark).Assembly.Location }
                        : Array.Empty<string>()).Concat(new[] { "fleet-child", csv[i], mode }).ToArray();
                    Timed.Program(self, arguments, out var report, capture: true);
                    Console.Write(report);
                    peaks[i] = long.Parse(report.Split('\n').First(l => l.StartsWith("peak-working-set ", StringComparison.Ordinal)).Substring(17),
                        CultureInfo.InvariantCulture);
                }

                var perDevice = (peaks[1] - peaks[0]) / (double)(sizes[1] - sizes[0]);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "  {0}: peak working set {1} MB for {2:N0} devices, {3} MB for {4:N0} devices ({5:0} bytes per device more)", mode,
                        peaks[0] >> 20,
                    sizes[0], peaks[1] >> 20, sizes[1], perDevice));
                if (mode == "reader")
                {
                    verdicts.AtMostMoreBytes("reader memory flat in rows: peak at " + sizes[1].ToString("N0", CultureInfo.InvariantCulture)
                        + " rows <= peak at " + sizes[0].ToString("N0", CultureInfo.InvariantCulture) + " + 16 MB, and < " + (MemoryBarBytes >> 20)
                        + " MB (an engine included)", peaks[1], peaks[0] + (16L << 20), MemoryBarBytes);
                }
                else
                {
                    verdicts.AtMostMoreBytes("summary memory at most 512 bytes per device more (its causes before and after per device), and < "
                        + (MemoryBarBytes >> 20) + " MB", peaks[1], peaks[0] + (long)(512.0 * (sizes[1] - sizes[0])), MemoryBarBytes);
                }
            }
        }

        /// <summary>
        /// The child side of the memory measurement: reads the export (reader: rows counted and dropped) or summarises it (summary) in a
        /// fresh engine, and reports the process's peak working set.
        /// </summary>
        public static int RunChild(string[] args)
        {
            EngineTelemetry.EnsureSilent();
            using var session = new ModuleSession(machine: null);
            var clock = Stopwatch.StartNew();
            var output = session.Invoke(args[1] == "reader"
                ? "$rows = 0; ConvertFrom-TeamsRemediationOutput -Path $args[0] | ForEach-Object { $rows++ }; $rows" : Ours, args[0]);
            clock.Stop();
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "  {0} alone in a fresh engine: {1:0.00} s, {2} object(s), peak working set {3} MB",
                args[1], clock.Elapsed.TotalSeconds, args[1] == "reader" ? output[0].ToString() : output.Count.ToString(CultureInfo.InvariantCulture),
                self.PeakWorkingSet64 >> 20));
            Console.WriteLine("peak-working-set " + self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
            return output.Count > 0 ? 0 : 1;
        }

        /// <summary>
        /// An export as Intune writes it: every cell quoted, ten kinds of device in turn (healthy, TLS off and fixed, CAA20002 that recurred,
        /// a Conditional Access block, a DNS failure), the versioned lines with their free text.
        /// </summary>
        private static string WriteExport(string path, int devices)
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            writer.Write("\"DeviceId\",\"DeviceName\",\"UPN\",\"DetectionStatus\",\"RemediationStatus\",\"PreRemediationDetectionScriptOutput\","
                + "\"PreRemediationDetectionScriptError\",\"RemediationScriptErrorDetails\",\"PostRemediationDetectionScriptOutput\","
                + "\"PostRemediationDetectionScriptError\",\"ModifiedTime\"\r\n");
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < devices; i++)
            {
                var pc = "PC" + i.ToString("D6", CultureInfo.InvariantCulture);
                var user = "CONTOSO\\u" + i.ToString(CultureInfo.InvariantCulture);
                string item, post, remediation;
                switch (i % 10)
                {
                    case 4:
                    case 5:
                        item = "Fail Tls.Schannel Device - -";
                        post = "CAA20002/1 Test " + pc + " Compliant exit=0 dropped=0 || pass 17, skipped 1";
                        remediation = "Success";
                        break;
                    case 6:
                    case 7:
                        item = "Fail Evidence.AadEvents Device CAA20002 " + user;
                        post = null!;
                        remediation = "Success";
                        break;
                    case 8:
                        item = "Warning Evidence.AadEvents TenantAdmin AADSTS53003 " + user;
                        post = null!;
                        remediation = "Success";
                        break;
                    case 9:
                        item = "Fail Network.Endpoint Network CAA82EE7 -";
                        post = null!;
                        remediation = "RemediationFailed";
                        break;
                    default:
                        item = string.Empty;
                        post = string.Empty;
                        remediation = string.Empty;
                        break;
                }

                var failing = item.Length > 0;
                var pre = "CAA20002/1 Test " + pc + (failing ? " NonCompliant exit=1 dropped=0 | " + item : " Compliant exit=0 dropped=0")
                    + " || pass 15, skipped 1" + (failing ? ": \"" + item.Split(' ')[1] + "\" needs attention, see the report" : string.Empty);
                post ??= pre;
                writer.Write(string.Join(",", new[]
                {
                    Guid.Empty.ToString(), pc, "u" + i + "@contoso.com", failing ? "Fail" : "Success", failing ? remediation : "Skipped", pre,
                        string.Empty,
                    string.Empty, post, string.Empty, start.AddSeconds(i).ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture),
                }.Select(c => "\"" + c.Replace("\"", "\"\"") + "\"")));
                writer.Write("\r\n");
            }

            return path;
        }
    }
}
