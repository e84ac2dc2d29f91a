using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// The views an admin meets first, rendered at 120 columns (a default Windows console) from what the cmdlets return on the
    /// demo's broken PC: one line per row, no line wider than the console, and what tells rows apart never cut.
    /// </summary>
    public sealed class ViewsAt120ColumnsTests
    {
        private const int Width = 120;

        /// <summary>The demo's PC with every break its steps make, before any of them runs.</summary>
        private static DemoPc BrokenDemoPc()
        {
            var pc = new DemoPc();
            foreach (var step in typeof(IDemoStep).Assembly.GetTypes()
                .Where(t => typeof(IDemoStep).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
                .Select(t => (IDemoStep)Activator.CreateInstance(t)!).OrderBy(s => s.Order))
            {
                step.Prepare(pc);
            }

            return pc;
        }

        /// <summary>Runs the command into $r, shows $r through Out-Default and returns the lines shown and the objects.</summary>
        private static (List<string> Lines, IReadOnlyList<object> Objects) Render(ModuleSession session, string command)
        {
            var text = session.Show("$r = " + command + "; $r");
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.All(lines, l => Assert.True(l.Length <= Width, "Wider than " + Width + " columns (" + l.Length + "): " + l));
            return (lines, session.Invoke("$r").Select(o => o.BaseObject).ToList());
        }

        private static string Dump(IEnumerable<string> lines) => "\n" + string.Join("\n", lines);

        [Fact]
        public void TheRepairStepsTakeOneLineEachAndTheSummarySaysHowManyProblemsMore()
        {
            var pc = BrokenDemoPc();
            using var _ = pc.Machine;
            using var session = new ModuleSession(pc.Machine, Width);

            var (lines, objects) = Render(session, "Repair-TeamsCaa20002 -Force");

            var steps = objects.OfType<TeamsRepairStep>().ToList();
            Assert.True(steps.Count >= 4, "Expected the demo's four steps at least, got " + steps.Count);
            var header = lines.FindIndex(l => l.StartsWith("Rung ", StringComparison.Ordinal));
            Assert.True(header >= 0, "No step table:" + Dump(lines));
            var rows = lines.Skip(header + 2).TakeWhile(l => l.Trim().Length > 0).ToList();
            var detail = lines[header].IndexOf("Detail", StringComparison.Ordinal);
            // One line a step: a Detail that wrapped would add lines that start with spaces.
            Assert.Equal(steps.Select(s => string.Join(" ", new[] { s.Rung.ToString(), s.Step.ToString(), s.User, s.Status.ToString() }
                    .Where(p => p.Length > 0))),
                rows.Select(r => string.Join(" ", r.Substring(0, detail).Split(' ', StringSplitOptions.RemoveEmptyEntries))));
            var tls = rows.Single(r => r.StartsWith("Machine ", StringComparison.Ordinal));
            Assert.Contains("7 values written: HKLM", tls);
            Assert.EndsWith("...", tls);

            var summary = objects.OfType<TeamsRepairSummary>().Single();
            Assert.True(summary.ProblemsBefore.Length > 4, "The demo PC should have more than 4 problems: " + summary.ProblemsBefore.Length);
            var rest = "... and " + (summary.ProblemsBefore.Length - 4) + " more";
            Assert.True(lines.Count(l => l.Trim() == rest) == 1, "No \"" + rest + "\":" + Dump(lines));
            Assert.Contains(lines, l => l.StartsWith("ProblemsBefore : " + summary.ProblemsBefore[0].Substring(0, 40), StringComparison.Ordinal));
        }

        [Fact]
        public void TheAdminPackAmongTheStepsIsSixLinesEndingWithItsFile()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003 correlation 5f0c2a91-3b7e-4d2c-9a61-0d4b8e2f7c11");
            using var session = new ModuleSession(s.Machine, Width);

            var (lines, objects) = Render(session, "Repair-TeamsCaa20002 -Force");

            var pack = objects.OfType<TeamsRemediation.Repair.AdminPack>().Single();
            var first = lines.FindIndex(l => l.StartsWith("AdminPack ", StringComparison.Ordinal));
            Assert.True(first >= 0, "No admin pack:" + Dump(lines));
            var block = lines.Skip(first).TakeWhile(l => l.Trim().Length > 0).ToList();
            Assert.Equal(new[] { "AdminPack", "TenantId", "DeviceId", "Failures", "Codes", "FilePath" },
                block.Where(l => !l.StartsWith(" ", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]));
            Assert.EndsWith(": PC01", block[0]);
            Assert.EndsWith(": 1", block[3]);
            Assert.EndsWith(": 0xCAA20004, AADSTS53003", block[4]);
            // The file's path in full (a list wraps a long value instead of cutting it).
            Assert.Equal(pack.FilePath, string.Concat(block.Skip(5).Select(l => l.StartsWith("FilePath", StringComparison.Ordinal)
                ? l.Substring(l.IndexOf(": ", StringComparison.Ordinal) + 2) : l.TrimStart())));
            // Not the 17-property list of an object without a view.
            Assert.DoesNotContain(lines, l => l.StartsWith("CorrelationIds", StringComparison.Ordinal));
        }

        [Fact]
        public void TheCacheViewsKeepTheEndOfEachBackupAndCachePath()
        {
            var pc = BrokenDemoPc();
            using var _ = pc.Machine;
            using var session = new ModuleSession(pc.Machine, Width);

            var (cleared, results) = Render(session, "Clear-TeamsCache -AllUsers -Client All -Backup -Force");
            var (installed, installations) = Render(session, "Get-TeamsInstallation -AllUsers");

            var backups = results.OfType<TeamsCacheClearResult>().Select(r => r.BackupPath).ToList();
            Assert.Equal(3, backups.Count(b => b.Length > 37));
            foreach (var backup in backups)
            {
                // The backup folder's name: time, user, client and a unique suffix.
                var end = backup.Substring(backup.Length - 34);
                Assert.Single(cleared, l => l.EndsWith(end, StringComparison.Ordinal));
            }

            var caches = installations.OfType<TeamsInstallation>().Select(i => i.CachePath).ToList();
            Assert.Equal(3, caches.Count);
            foreach (var cache in caches)
            {
                var end = cache.Substring(Math.Max(0, cache.Length - 35));
                Assert.Contains(installed, l => l.EndsWith(end, StringComparison.Ordinal));
            }
        }
    }
}
