using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Inventory;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>The diagnosis never walks a cache past its deadline, and says so when the walk was cut.</summary>
    public sealed class CacheWalkDeadlineTests
    {
        private const int CacheFiles = 3000;

        private static (SimulatedPc Pc, TargetUser User, long Files) AliceWithABigNewTeamsCache()
        {
            var pc = SimulatedPc.Create();
            var alice = pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var folder = Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView", "Default", "Cache", "Cache_Data");
            Directory.CreateDirectory(folder);
            for (var i = 0; i < CacheFiles; i++)
            {
                File.WriteAllText(Path.Combine(folder, "f_" + i), "0123456789");
            }

            var files = Directory.EnumerateFiles(TeamsLayout.NewCacheRoot(alice.Folders), "*", SearchOption.AllDirectories).LongCount();
            return (pc, new TargetUser(alice.Sid, alice.UserName, alice.Folders, true, false, alice.SessionId), files);
        }

        private static TeamsCaa20002Finding CacheFinding(SimulatedPc pc, TargetUser user, TimeSpan timeout)
        {
            var options = new DiagnosisOptions { Timeout = timeout, SkipNetwork = true, CheckIds = new HashSet<string> { CheckIds.TeamsCache } };
            return new Caa20002Diagnosis(pc.Machine, options).Run(new[] { user }).Single(f => f.CheckId == CheckIds.TeamsCache);
        }

        [Fact]
        public void ADeadlineAlreadyPassedCutsTheWalkAndTheEvidenceSaysPartial()
        {
            var (pc, user, files) = AliceWithABigNewTeamsCache();
            using var machine = pc.Machine;

            var finding = CacheFinding(pc, user, TimeSpan.Zero);

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.StartsWith("Cache of at least ", finding.Summary);
            var line = Assert.Single(finding.Evidence);
            Assert.Contains("partial: at least ", line);
            Assert.Contains("the walk stopped at the -TimeoutSeconds deadline", line);
            Assert.DoesNotContain(" " + files + " files", line);
        }

        [Fact]
        public void ACacheWalkedWithinTheDeadlineIsReportedInFull()
        {
            var (pc, user, files) = AliceWithABigNewTeamsCache();
            using var machine = pc.Machine;

            var finding = CacheFinding(pc, user, TimeSpan.FromMinutes(5));

            var line = Assert.Single(finding.Evidence);
            Assert.Contains(" in " + files + " files,", line);
            Assert.DoesNotContain("partial", line);
            Assert.DoesNotContain("at least", finding.Summary);
        }

        [Fact]
        public void TheInventoryStopsAtTheDeadlineWithALowerBoundAndWalksAllWithoutOne()
        {
            var (pc, user, files) = AliceWithABigNewTeamsCache();
            using var machine = pc.Machine;
            var inventory = new TeamsInventory(pc.Machine);

            var cut = inventory.Find(user, TeamsClientSelection.New, measureCache: true, DateTime.UtcNow.AddSeconds(-1)).Single();
            var full = inventory.Find(user, TeamsClientSelection.New, measureCache: true).Single();

            Assert.False(cut.CacheMeasuredFully);
            Assert.InRange(cut.CacheFileCount, 1, TeamsInventory.DeadlineCheckEvery);
            Assert.True(full.CacheMeasuredFully);
            Assert.Equal(files, full.CacheFileCount);
        }
    }
}
