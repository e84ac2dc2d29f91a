using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>
    /// The whole way back: simulated PCs broken one way each run Intune's cycle for real (detect, remediate, detect); their
    /// lines fill an Intune export of 3,200 devices (quoted cells, a line break inside some, a byte-order mark, UTF-8 and
    /// UTF-16); ConvertFrom-TeamsRemediationOutput and Get-TeamsRemediationFleetSummary read it back in the engine, and
    /// every count is what was planted.
    /// </summary>
    public sealed class FleetRoundTripTests
    {
        private static readonly (string Kind, int Devices)[] Plan =
        {
            ("healthy", 1200), ("tls-off", 500), ("stale-cache-caa20002", 700), ("wam-disabled", 300), ("clock-skew", 250), ("dns-failure", 150),
            ("conditional-access", 100),
        };

        private static readonly Lazy<IReadOnlyDictionary<string, PcRun>> Runs =
            new Lazy<IReadOnlyDictionary<string, PcRun>>(() => Plan.ToDictionary(p => p.Kind, p => FleetPcs.Run(p.Kind)));

        private static readonly DateTime Reported = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

        private const string Versioned = "versioned lines", Legacy = "lines of earlier versions", Json = "JSON lines (-As Json)";

        /// <summary>
        /// A device's line, in the versioned grammar (as Test-TeamsCaa20002 -As Line writes it), its JSON form (-As Json) or as earlier versions
        /// wrote it.
        /// </summary>
        private static string LineOf(string name, IReadOnlyList<TeamsCaa20002Finding> findings, string form) =>
            form == Legacy ? LegacyLine.Detection(name, findings) : form == Json ? DiagnosisSummary.Json(name, findings)
                : DiagnosisSummary.Line(name, findings);

        private static List<RunState> Export(string form)
        {
            var states = new List<RunState>();
            foreach (var (kind, devices) in Plan)
            {
                var run = Runs.Value[kind];
                for (var i = 0; i < devices; i++)
                {
                    var name = kind.ToUpperInvariant().Replace("-", string.Empty).Substring(0, 6) + "-" + i.ToString("D4");
                    var pre = LineOf(name, run.Before, form);
                    // Some detections printed more before their last line (a transcript, a module warning): Intune keeps it all, quotes and breaks
                    // included.
                    if (i % 3 == 0)
                    {
                        pre = "Transcript \"started\", output file C:\\Windows\\Temp\\t.txt\r\n" + pre;
                    }

                    states.Add(new RunState
                    {
                        DeviceName = name,
                        Upn = "user" + i + "@contoso.com",
                        DetectionStatus = run.Remediated ? "Fail" : "Success",
                        PreOutput = pre,
                        RemediationStatus = run.Remediated ? (run.Repair.ExitCode == 0 ? "Success" : "RemediationFailed") : "Skipped",
                        PostOutput = run.Remediated ? LineOf(name, run.After, form) : string.Empty,
                        Modified = Reported.AddMinutes(-i),
                    });
                }
            }

            return states;
        }

        /// <summary>
        /// The causes a detection's findings name: its failing checks, and its warnings only the user or the tenant admin can answer. A line
        /// of an earlier version names a warning without its summary, so without the code that tells its owner: there, failing checks only.
        /// </summary>
        private static HashSet<(string CheckId, string Code, FindingOwner Owner)> Causes(IEnumerable<TeamsCaa20002Finding> findings, bool legacy) =>
            new HashSet<(string, string, FindingOwner)>(findings
                .Where(f => f.Status == FindingStatus.Fail || (!legacy && f.Status == FindingStatus.Warning
                    && (f.Owner == FindingOwner.User || f.Owner == FindingOwner.TenantAdmin)))
                .Select(f => (f.CheckId, legacy || f.TopCode.Length == 0 ? CodeCatalog.Extract(f.Summary).FirstOrDefault() ?? string.Empty
                    : f.TopCode,
                    f.Owner)));

        /// <summary>The verdict rule (Get-TeamsRemediationFleetSummary's help), applied to what each PC really found before and after.</summary>
        private static Dictionary<(string, string, FindingOwner), Dictionary<FleetVerdict, int>> Planted(bool legacy)
        {
            var planted = new Dictionary<(string, string, FindingOwner), Dictionary<FleetVerdict, int>>();
            foreach (var (kind, devices) in Plan)
            {
                var run = Runs.Value[kind];
                var before = Causes(run.Before, legacy);
                var after = run.Remediated ? Causes(run.After, legacy) : new HashSet<(string, string, FindingOwner)>();
                foreach (var cause in before.Union(after))
                {
                    var verdict = run.Remediated && !after.Contains(cause) ? FleetVerdict.Fixed
                        : cause.Item3 == FindingOwner.User || cause.Item3 == FindingOwner.TenantAdmin ? FleetVerdict.NeedsAdmin
                        : run.Remediated && run.Repair.ExitCode == 0 ? FleetVerdict.Recurred
                        : FleetVerdict.NotFixed;
                    if (!planted.TryGetValue(cause, out var counts))
                    {
                        planted[cause] = counts = new Dictionary<FleetVerdict, int>();
                    }

                    counts[verdict] = (counts.TryGetValue(verdict, out var n) ? n : 0) + devices;
                }
            }

            return planted;
        }

        [Fact]
        public void TheEngineWritesTheSameLinesThatTheExportIsBuiltFrom()
        {
            foreach (var run in Runs.Value.Values)
            {
                Assert.Equal(run.BeforeLine, DiagnosisSummary.Line(run.ComputerName, run.Before));
            }
        }

        [Theory]
        [InlineData("utf-8 with byte-order mark", Versioned)]
        [InlineData("utf-16 little endian with byte-order mark", Versioned)]
        [InlineData("utf-8 with byte-order mark", Legacy)]
        [InlineData("utf-16 little endian with byte-order mark", Legacy)]
        [InlineData("utf-8 with byte-order mark", Json)]
        [InlineData("utf-16 little endian with byte-order mark", Json)]
        public void EveryCountOfTheSummaryIsWhatThePcsPlantedInTheExport(string encodingName, string lines)
        {
            var legacy = lines == Legacy;
            using var temp = new TempFolder();
            var encoding = encodingName.StartsWith("utf-8") ? new UTF8Encoding(true) : (Encoding)new UnicodeEncoding(false, true);
            var path = IntuneExport.Write(temp.Combine("DeviceRunStatesByProactiveRemediation.csv"), IntuneExport.Csv(Export(lines)), encoding);
            using var s = new SimulatedSession();

            var result = s.Run("ConvertFrom-TeamsRemediationOutput -Path $args[0] | Get-TeamsRemediationFleetSummary", path);

            Assert.Empty(result.Errors);
            Assert.Empty(result.Warnings);
            var causes = result.Objects<TeamsRemediationFleetCause>().ToList();
            var planted = Planted(legacy);
            Assert.True(planted.Count >= 4, "The broken PCs planted too few causes: " + string.Join(", ", planted.Keys));
            Assert.Equal(planted.Keys.OrderBy(k => k.ToString()), causes.Select(c => (c.CheckId, c.Code, c.Owner)).OrderBy(k => k.ToString()));
            foreach (var cause in causes)
            {
                var counts = planted[(cause.CheckId, cause.Code, cause.Owner)];
                int Of(FleetVerdict v) => counts.TryGetValue(v, out var n) ? n : 0;
                var what = cause.Cause + " (" + cause.Owner + ")";
                Assert.True(counts.Values.Sum() == cause.Devices, what + ": devices " + cause.Devices);
                Assert.True(Of(FleetVerdict.Fixed) == cause.Fixed, what + ": fixed " + cause.Fixed);
                Assert.True(Of(FleetVerdict.Recurred) == cause.Recurred, what + ": recurred " + cause.Recurred);
                Assert.True(Of(FleetVerdict.NeedsAdmin) == cause.NeedsAdmin, what + ": needs admin " + cause.NeedsAdmin);
                Assert.True(Of(FleetVerdict.NeedsRestart) == cause.NeedsRestart, what + ": needs restart " + cause.NeedsRestart);
                Assert.True(Of(FleetVerdict.NotFixed) == cause.NotFixed, what + ": not fixed " + cause.NotFixed);
                // The newest devices are the first of their kind: each kind's device 0 reported last.
                Assert.Equal(Reported, cause.NewestTime);
                Assert.Equal(5, cause.NewestDevices.Length);
            }

            var devices = s.Run("ConvertFrom-TeamsRemediationOutput -Path $args[0] | Get-TeamsRemediationFleetSummary -ByDevice", path)
                .Objects<TeamsRemediationFleetDevice>().ToList();
            Assert.Equal(Plan.Sum(p => p.Devices), devices.Count);
            foreach (var (kind, planted1) in Plan)
            {
                var run = Runs.Value[kind];
                var prefix = kind.ToUpperInvariant().Replace("-", string.Empty).Substring(0, 6) + "-";
                var mine = devices.Where(d => d.ComputerName.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                Assert.Equal(planted1, mine.Count);
                Assert.All(mine, d => Assert.Equal(Causes(run.Before, legacy).Count, d.Before.Length));
                Assert.All(mine, d => Assert.Equal(run.Remediated, d.Rechecked));
            }
        }
    }
}
