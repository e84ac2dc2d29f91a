using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Cache
{
    /// <summary>Clear-TeamsCache in a real engine on a new Teams WebView2 cache whose paths pass MAX_PATH (260), as in a long profile path.</summary>
    public sealed class DeepCacheTreeTests
    {
        [Fact]
        public void ADeepServiceWorkerTreeIsClearedAndCountedTheSameByWhatIf()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            var folder = Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView", "WV2Profile_tfw", "Service Worker", "CacheStorage");
            for (var level = 0; folder.Length < 320; level++)
            {
                folder = Path.Combine(folder, level.ToString("D2") + "-" + Guid.NewGuid().ToString("N"));
            }

            var deep = new[] { Path.Combine(folder, "index-dir"), Path.Combine(folder, "7f3a_0") };
            foreach (var file in deep)
            {
                alice.WriteFile(file, "response");
            }

            var would = s.Run("Clear-TeamsCache -WhatIf").Objects<TeamsCacheClearResult>().Single();
            var cleared = s.Run("Clear-TeamsCache").Objects<TeamsCacheClearResult>().Single();

            Assert.All(deep, f => Assert.True(f.Length > 320));
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.Empty(cleared.Failed);
            Assert.Equal(6 + deep.Length, cleared.FilesRemoved);
            Assert.Equal(cleared.FilesRemoved, would.FilesRemoved);
            Assert.False(Directory.Exists(Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView")));
        }
    }
}
