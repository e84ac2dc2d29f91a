using System.IO;
using System.Linq;
using TeamsRemediation.Inventory;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using Xunit;

namespace TeamsRemediation.Tests.Inventory
{
    public sealed class TeamsInventoryTests
    {
        private static TargetUser Target(SimulatedPc pc, SimulatedUser user) =>
            new TargetResolver(pc.Machine.Users).Resolve(new TargetRequest { UserSids = new[] { user.Sid } }).Users.Single();

        private static System.Collections.Generic.IReadOnlyList<TeamsInstallation> Find(SimulatedPc pc, SimulatedUser user,
            TeamsClientSelection selection = TeamsClientSelection.All) =>
            new TeamsInventory(pc.Machine).Find(Target(pc, user), selection, measureCache: true);

        [Fact]
        public void ClassicOnly()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var user = pc.AddUser("alice").InstallClassicTeams("1.7.00.13456");

            var found = Assert.Single(Find(pc, user));

            Assert.Equal(TeamsClient.Classic, found.Client);
            Assert.True(found.Installed);
            Assert.Equal("1.7.00.13456", found.Version);
            Assert.Equal(TeamsLayout.ClassicCacheRoot(user.Folders), found.CachePath);
            Assert.Equal(Directory.GetFiles(found.CachePath, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length),
                found.CacheSizeBytes);
        }

        /// <summary>The size and newest write of a WebView2 cache deeper than MAX_PATH come from the file seam's listing.</summary>
        [Fact]
        public void ADeepCacheIsMeasuredToItsNewestWrite()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var user = pc.AddUser("alice").InstallNewTeams();
            var folder = Path.Combine(TeamsLayout.NewCacheRoot(user.Folders), "EBWebView", "WV2Profile_tfw", "Service Worker", "CacheStorage");
            for (var level = 0; folder.Length < 320; level++)
            {
                folder = Path.Combine(folder, level.ToString("D2") + "-" + System.Guid.NewGuid().ToString("N"));
            }

            var deep = Path.Combine(folder, "7f3a_0");
            const string body = "a cached service worker response";
            user.WriteFile(deep, body);
            var newest = new System.DateTime(2031, 5, 4, 3, 2, 1, System.DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(deep, newest);
            var shallow = Directory.GetFiles(TeamsLayout.NewCacheRoot(user.Folders), "*", SearchOption.AllDirectories).Where(f => f != deep).ToList();

            var found = Assert.Single(Find(pc, user));

            Assert.True(deep.Length > 320);
            Assert.True(found.CacheMeasuredFully);
            Assert.Equal(shallow.Count + 1, found.CacheFileCount);
            Assert.Equal(shallow.Sum(f => new FileInfo(f).Length) + body.Length, found.CacheSizeBytes);
            Assert.Equal(newest, found.CacheLastWriteTimeUtc);
        }

        /// <summary>The cache is listed through the file seam, as its removal is: a folder Windows refuses to list is left out of both.</summary>
        [Fact]
        public void ACacheFolderThatCannotBeListedIsLeftOutOfTheSize()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var user = pc.AddUser("alice").InstallNewTeams();
            var cacheRoot = TeamsLayout.NewCacheRoot(user.Folders);
            var measured = Assert.Single(Find(pc, user));
            var denied = Path.Combine(cacheRoot, "EBWebView", "UnreadableByTheCaller");
            user.WriteFile(Path.Combine(denied, "report.dmp"), "a crash report nobody may read");
            pc.Machine.FileOperations.Deny(denied);

            var found = Assert.Single(Find(pc, user));

            Assert.Equal(measured.CacheFileCount, found.CacheFileCount);
            Assert.Equal(measured.CacheSizeBytes, found.CacheSizeBytes);
            Assert.True(found.CacheFileCount > 0);
        }

        [Fact]
        public void NewOnly()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var user = pc.AddUser("alice").InstallNewTeams("25122.1415.3698.6812");

            var found = Assert.Single(Find(pc, user));

            Assert.Equal(TeamsClient.New, found.Client);
            Assert.True(found.Installed);
            Assert.Equal("25122.1415.3698.6812", found.Version);
            Assert.EndsWith(Path.Combine("MSTeams_8wekyb3d8bbwe", "LocalCache", "Microsoft", "MSTeams"), found.CachePath);
        }

        [Fact]
        public void Both()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var user = pc.AddUser("alice").InstallClassicTeams().InstallNewTeams();

            Assert.Equal(new[] { TeamsClient.Classic, TeamsClient.New }, Find(pc, user).Select(i => i.Client));
            Assert.Equal(new[] { TeamsClient.New }, Find(pc, user, TeamsClientSelection.New).Select(i => i.Client));
        }

        [Fact]
        public void Neither()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var user = pc.AddUser("alice");

            Assert.Empty(Find(pc, user));
        }

        [Fact]
        public void AFolderLeftBehindIsNotAnInstalledClient()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var user = pc.AddUser("alice").AddClassicCache().AddNewTeamsCache();

            var found = Find(pc, user);

            Assert.Equal(2, found.Count);
            Assert.All(found, i => Assert.False(i.Installed));
            Assert.All(found, i => Assert.True(i.FolderPresent));
            Assert.Empty(Find(pc, user, TeamsClientSelection.Installed));
        }

        [Fact]
        public void ANewTeamsPackageOfAnotherUserDoesNotCount()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            pc.AddUser("bob").InstallNewTeams();
            var alice = pc.AddUser("alice");

            Assert.Empty(Find(pc, alice));
        }

        [Fact]
        public void RunningMeansAProcessOfThisUserNotOfAnother()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var bob = pc.AddUser("bob", loggedOn: true).InstallNewTeams();
            bob.StartProcess("ms-teams");

            Assert.False(Find(pc, alice).Single().Running);
            var bobs = Find(pc, bob).Single();
            Assert.True(bobs.Running);
            Assert.StartsWith("ms-teams (", Assert.Single(bobs.Processes));
        }

        [Fact]
        public void AnotherAppsUpdateExeDoesNotMakeClassicTeamsRunning()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice", loggedOn: true).InstallClassicTeams();
            machine.ProcessTable.Add("Update", alice.SessionId!.Value, alice.Sid,
                executablePath: Path.Combine(alice.ProfilePath, "AppData", "Local", "Discord", "Update.exe"));
            machine.ProcessTable.Add("Update", alice.SessionId!.Value, alice.Sid, executablePath: null);

            Assert.False(Find(pc, alice).Single().Running);

            machine.ProcessTable.Add("Update", alice.SessionId!.Value, alice.Sid,
                executablePath: Path.Combine(TeamsLayout.ClassicInstallPath(alice.Folders), "Update.exe"));
            Assert.True(Find(pc, alice).Single().Running);
        }

        [Fact]
        public void ALinkInsideTheCacheIsNotCountedOrFollowed()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var user = pc.AddUser("alice").InstallNewTeams();
            var outside = Path.Combine(machine.RootFolder, "outside");
            Directory.CreateDirectory(outside);
            File.WriteAllBytes(Path.Combine(outside, "big.bin"), new byte[100000]);
            var before = Find(pc, user).Single().CacheSizeBytes;
            Directory.CreateSymbolicLink(Path.Combine(TeamsLayout.NewCacheRoot(user.Folders), "link"), outside);

            Assert.Equal(before, Find(pc, user).Single().CacheSizeBytes);
        }

        [Theory]
        [InlineData("MSTeams_25122.1415.3698.6812_x64__8wekyb3d8bbwe", "25122.1415.3698.6812")]
        [InlineData("MSTeams_24335.208.3315.1951_arm64__8wekyb3d8bbwe", "24335.208.3315.1951")]
        [InlineData("MSTeamsX_25122.1415.3698.6812_x64__8wekyb3d8bbwe", null)]
        [InlineData("MSTeams_25122.1415.3698.6812_x64__otherpublisher", null)]
        [InlineData("Microsoft.AAD.BrokerPlugin_1000.19580.1000.0_neutral_neutral_cw5n1h2txyewy", null)]
        public void NewTeamsVersionComesOnlyFromItsOwnPackageName(string fullName, string? version)
        {
            Assert.Equal(version, TeamsLayout.NewTeamsVersionFromPackageFullName(fullName));
        }
    }
}
