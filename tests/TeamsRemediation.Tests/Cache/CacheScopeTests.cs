using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Cache
{
    /// <summary>
    /// How much Clear-TeamsCache removes on a virtual desktop: Microsoft does not support routine deletion of the new Teams cache
    /// there, so multi-session, FSLogix and AVD hosts clear lightly unless the admin asks for the full clear; a cache on a network
    /// share (redirected AppData) is never fully cleared from one PC.
    /// </summary>
    public sealed class CacheScopeTests
    {
        private const string Cmdlet = ",TeamsRemediation.Commands.ClearTeamsCacheCommand";

        private static string Profile(SimulatedUser user, string folder) =>
            Path.Combine(TeamsLayout.NewCacheRoot(user.Folders), "EBWebView", "WV2Profile_tfw", folder);

        private static SimulatedUser AliceWithNewTeams(SimulatedSession s)
        {
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            alice.WriteFile(Path.Combine(Profile(alice, "WebStorage"), "1", "data_0"), "web storage");
            alice.WriteFile(Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView", "WV2Profile_tfl", "GPUCache", "data_0"), "gpu");
            s.Pc.RunAsSystem();
            return alice;
        }

        private static void AssertLightlyCleared(SimulatedUser alice, TeamsCacheClearResult cleared)
        {
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.Equal(CacheScope.Light, cleared.Scope);
            Assert.Equal(3, cleared.FilesRemoved);
            Assert.False(Directory.Exists(Profile(alice, "GPUCache")));
            Assert.False(Directory.Exists(Profile(alice, "WebStorage")));
            Assert.False(Directory.Exists(Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView", "WV2Profile_tfl", "GPUCache")));
            foreach (var kept in new[] { "Cache", "Code Cache", "IndexedDB", "Local Storage", "Service Worker" })
            {
                Assert.True(File.Exists(Path.Combine(Profile(alice, kept), "data_0")), kept + " must stay on a virtual desktop");
            }
        }

        [Fact]
        public void AMultiSessionHostClearsLightlyByDefaultAndSaysWhy()
        {
            using var s = new SimulatedSession();
            s.Pc.MultiSession();
            var alice = AliceWithNewTeams(s);

            var result = s.Run("Clear-TeamsCache -Verbose");

            Assert.Empty(result.Errors);
            var cleared = Assert.Single(result.Objects<TeamsCacheClearResult>());
            AssertLightlyCleared(alice, cleared);
            Assert.Contains("multi-session host", cleared.ScopeReason);
            Assert.Contains("-Scope Full", cleared.ScopeReason);
            Assert.Contains(result.Verbose, v => v.StartsWith("Scope Light for the New Teams cache of CONTOSO\\alice: ")
                && v.Contains("multi-session"));
        }

        [Fact]
        public void AnFsLogixHostClearsLightlyByDefaultAndFullOnlyWhenAsked()
        {
            using var s = new SimulatedSession();
            s.Pc.FsLogixProfiles();
            var alice = AliceWithNewTeams(s);

            var light = Assert.Single(s.Run("Clear-TeamsCache").Objects<TeamsCacheClearResult>());
            AssertLightlyCleared(alice, light);
            Assert.Contains(@"FSLogix\Profiles Enabled = 1", light.ScopeReason);

            var full = Assert.Single(s.Run("Clear-TeamsCache -Scope Full").Objects<TeamsCacheClearResult>());

            Assert.Equal(CacheScope.Full, full.Scope);
            Assert.Equal(CacheClearStatus.Cleared, full.Status);
            Assert.Equal("Full was asked for (-Scope Full).", full.ScopeReason);
            Assert.False(Directory.Exists(Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView")));
        }

        [Fact]
        public void AnAzureVirtualDesktopClearsLightlyAndWhatIfCountsOnlyTheLightFolders()
        {
            using var s = new SimulatedSession();
            s.Pc.AzureVirtualDesktop();
            var alice = AliceWithNewTeams(s);

            var would = Assert.Single(s.Run("Clear-TeamsCache -WhatIf").Objects<TeamsCacheClearResult>());

            Assert.Equal(CacheClearStatus.WhatIf, would.Status);
            Assert.Equal(CacheScope.Light, would.Scope);
            Assert.Equal(3, would.FilesRemoved);
            Assert.Contains("IsWVDEnvironment = 1", would.ScopeReason);
            Assert.True(Directory.Exists(Profile(alice, "GPUCache")), "-WhatIf changes nothing");
        }

        [Fact]
        public void ASingleUserPcClearsFullyAndAskingForLightThereIsHonoured()
        {
            using var s = new SimulatedSession();
            var alice = AliceWithNewTeams(s);

            var light = Assert.Single(s.Run("Clear-TeamsCache -Scope Light").Objects<TeamsCacheClearResult>());

            AssertLightlyCleared(alice, light);
            Assert.Equal("Light was asked for (-Scope Light).", light.ScopeReason);
            var full = Assert.Single(s.Run("Clear-TeamsCache").Objects<TeamsCacheClearResult>());
            Assert.Equal(CacheScope.Full, full.Scope);
            Assert.False(Directory.Exists(Profile(alice, "IndexedDB")));
        }

        [Fact]
        public void ACacheOnANetworkShareIsClearedLightlyAndAFullClearIsRefusedWithNothingRemoved()
        {
            using var s = new SimulatedSession();
            var share = s.Pc.NetworkShare("profiles");
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.RedirectRoamingAppData(share + Path.DirectorySeparatorChar + "%USERNAME%" + Path.DirectorySeparatorChar + "AppData",
                Path.Combine(share, "alice", "AppData"));
            alice.InstallClassicTeams();
            s.Pc.RunAsSystem();
            var cache = TeamsLayout.ClassicCacheRoot(alice.Folders);
            var before = TreeSnapshot.Take(cache);

            var refused = s.Run("Clear-TeamsCache -Client Classic -Scope Full");

            var error = Assert.Single(refused.Errors);
            Assert.Equal("CacheOnNetworkShare" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Equal(CacheClearStatus.Skipped, Assert.Single(refused.Objects<TeamsCacheClearResult>()).Status);
            Assert.Equal(before, TreeSnapshot.Take(cache));

            var light = Assert.Single(s.Run("Clear-TeamsCache -Client Classic").Objects<TeamsCacheClearResult>());

            Assert.Equal(CacheScope.Light, light.Scope);
            Assert.Contains("network share", light.ScopeReason);
            Assert.Equal(1, light.FilesRemoved);
            Assert.False(Directory.Exists(Path.Combine(cache, "GPUCache")));
            Assert.True(File.Exists(Path.Combine(cache, "IndexedDB", "data_0")));
        }

        [Fact]
        public void TheDecisionIsOneCoreFunctionThatOtherServicesCanAsk()
        {
            using var s = new SimulatedSession();
            s.Pc.MultiSession();
            var alice = AliceWithNewTeams(s);
            var user = new TargetResolver(s.Machine.Users).Resolve(new TargetRequest { AllUsers = true }).Users.Single();

            var byDefault = CacheScopePolicy.Decide(s.Machine, user, TeamsClient.New, requested: null);
            var asked = CacheScopePolicy.Decide(s.Machine, user, TeamsClient.New, CacheScope.Full);

            Assert.Equal(CacheScope.Light, byDefault.Scope);
            Assert.False(byDefault.ChosenByCaller);
            Assert.Null(byDefault.Refusal);
            Assert.Equal(CacheScope.Full, asked.Scope);
            Assert.True(asked.ChosenByCaller);
            Assert.Equal(alice.Sid, user.Sid);
        }
    }
}
