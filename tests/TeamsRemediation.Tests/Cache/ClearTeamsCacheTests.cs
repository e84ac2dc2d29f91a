using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Cache;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Cache
{
    /// <summary>Clear-TeamsCache in a real engine against a simulated PC whose files, links and processes are real.</summary>
    public sealed class ClearTeamsCacheTests
    {
        private const string Cmdlet = ",TeamsRemediation.Commands.ClearTeamsCacheCommand";

        private static SimulatedUser AliceWithBothClients(SimulatedSession s)
        {
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams().InstallNewTeams();
            s.Pc.RunAsSystem();
            return alice;
        }

        private static string Classic(SimulatedUser user, params string[] parts) =>
            Path.Combine(new[] { TeamsLayout.ClassicCacheRoot(user.Folders) }.Concat(parts).ToArray());

        private static string New(SimulatedUser user, params string[] parts) =>
            Path.Combine(new[] { TeamsLayout.NewCacheRoot(user.Folders) }.Concat(parts).ToArray());

        [Fact]
        public void ItClearsBothClientsExactFoldersAndKeepsUserDataInstallFoldersAndDecoys()
        {
            using var s = new SimulatedSession();
            var alice = AliceWithBothClients(s);
            var kept = new[]
            {
                Classic(alice, "desktop-config.json"), Classic(alice, "storage.json"), Classic(alice, "logs.txt"),
                    Classic(alice, "Backgrounds", "Uploads", "beach.png"),
                New(alice, "Backgrounds", "Uploads", "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77.png"),
                    New(alice, "Backgrounds", "Uploads", "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77_thumb.png"),
                New(alice, "Logs", alice.NewTeamsLogName!),
            };
            var hashes = kept.Select(TreeSnapshot.Hash).ToList();

            // Decoys: folders whose names start like the cache roots, and the folders that must never be touched.
            alice.WriteFile(TeamsLayout.ClassicCacheRoot(alice.Folders) + " Backup" + Path.DirectorySeparatorChar + "keep.txt", "decoy");
            alice.WriteFile(TeamsLayout.NewCacheRoot(alice.Folders) + "Decoy" + Path.DirectorySeparatorChar + "keep.txt", "decoy");
            var install = TreeSnapshot.Take(TeamsLayout.ClassicInstallPath(alice.Folders));
            var packageSettings = Path.Combine(TeamsLayout.NewPackageRoot(alice.Folders), "Settings", "settings.dat");
            var packageSettingsHash = TreeSnapshot.Hash(packageSettings);

            var result = s.Run("Clear-TeamsCache");

            Assert.Empty(result.Errors);
            var cleared = result.Objects<TeamsCacheClearResult>().OrderBy(r => r.Client).ToList();
            Assert.Equal(new[] { TeamsClient.Classic, TeamsClient.New }, cleared.Select(r => r.Client));
            Assert.All(cleared, r => Assert.Equal(CacheClearStatus.Cleared, r.Status));
            Assert.All(cleared, r => Assert.Equal(alice.Sid, r.UserSid));
            Assert.All(cleared, r => Assert.Equal("PC01", r.ComputerName));
            foreach (var folder in TeamsLayout.ClassicCacheFolders)
            {
                Assert.False(Directory.Exists(Classic(alice, folder)), folder + " should be gone");
            }

            Assert.Equal(TeamsLayout.ClassicCacheFolders.Count, cleared[0].FilesRemoved);
            Assert.False(Directory.Exists(New(alice, "EBWebView")));
            Assert.Equal(6, cleared[1].FilesRemoved);
            Assert.Equal(hashes, kept.Select(TreeSnapshot.Hash).ToList());
            Assert.Contains(Path.Combine("Backgrounds", "Uploads"), cleared[0].Preserved);
            Assert.Contains("desktop-config.json", cleared[0].Preserved);
            Assert.Contains("Logs", cleared[1].Preserved);
            Assert.True(File.Exists(TeamsLayout.ClassicCacheRoot(alice.Folders) + " Backup" + Path.DirectorySeparatorChar + "keep.txt"));
            Assert.True(File.Exists(TeamsLayout.NewCacheRoot(alice.Folders) + "Decoy" + Path.DirectorySeparatorChar + "keep.txt"));
            Assert.Equal(install, TreeSnapshot.Take(TeamsLayout.ClassicInstallPath(alice.Folders)));
            Assert.Equal(packageSettingsHash, TreeSnapshot.Hash(packageSettings));
            Assert.True(Directory.Exists(TeamsLayout.NewCacheRoot(alice.Folders)), "the cache root itself stays");
        }

        [Fact]
        public void ALinkInsideTheCacheIsRemovedItselfAndItsTargetSurvives()
        {
            using var s = new SimulatedSession();
            var alice = AliceWithBothClients(s);
            using var outside = new TempFolder();
            var canary = outside.Combine("canary.txt");
            File.WriteAllText(canary, "must survive");
            Directory.CreateSymbolicLink(New(alice, "EBWebView", "WV2Profile_tfw", "Cache", "outside"), outside.Path);
            File.CreateSymbolicLink(Classic(alice, "Cache", "canary-link"), canary);
            Directory.CreateSymbolicLink(Classic(alice, "linked-folder"), outside.Path);

            var result = s.Run("Clear-TeamsCache -Verbose");

            Assert.Empty(result.Errors);
            Assert.Equal("must survive", File.ReadAllText(canary));
            Assert.Single(Directory.GetFiles(outside.Path));
            Assert.False(Directory.Exists(Classic(alice, "linked-folder")) || File.Exists(Classic(alice, "linked-folder")));
            Assert.False(File.Exists(Classic(alice, "Cache", "canary-link")));
            Assert.Contains(result.Verbose, v => v.Contains("Removing the link") && v.Contains("linked-folder"));
        }

        [Fact]
        public void ACacheRootReachedThroughALinkIsRefused()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            using var elsewhere = new TempFolder();
            var localCache = Path.Combine(TeamsLayout.NewPackageRoot(alice.Folders), "LocalCache");
            Directory.Move(localCache, elsewhere.Combine("LocalCache"));
            Directory.CreateSymbolicLink(localCache, elsewhere.Combine("LocalCache"));
            var before = TreeSnapshot.Take(elsewhere.Path);

            var result = s.Run("Clear-TeamsCache -UserName alice");

            Assert.Equal("CacheRootIsLink" + Cmdlet, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal(CacheClearStatus.Skipped, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.Equal(before, TreeSnapshot.Take(elsewhere.Path));
        }

        [Fact]
        public void AProfileFolderThatIsItselfALinkIsRefused()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            using var elsewhere = new TempFolder();
            Directory.Move(alice.ProfilePath, elsewhere.Combine("alice"));
            Directory.CreateSymbolicLink(alice.ProfilePath, elsewhere.Combine("alice"));
            var before = TreeSnapshot.Take(elsewhere.Path);

            var result = s.Run("Clear-TeamsCache -UserName alice -Client New");

            var error = Assert.Single(result.Errors);
            Assert.Equal("CacheRootIsLink" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains(alice.ProfilePath, error.Exception.Message);
            Assert.Equal(before, TreeSnapshot.Take(elsewhere.Path));
        }

        [Fact]
        public void OnlyTheTargetUsersCacheIsCleared()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallNewTeams();
            var bobBefore = TreeSnapshot.Take(bob.ProfilePath);

            var result = s.Run("Clear-TeamsCache -UserName alice");

            Assert.Equal(alice.Sid, Assert.Single(result.Objects<TeamsCacheClearResult>()).UserSid);
            Assert.False(Directory.Exists(New(alice, "EBWebView")));
            Assert.Equal(bobBefore, TreeSnapshot.Take(bob.ProfilePath));
        }

        [LinuxFact]
        public void RunningTeamsWithoutForceIsAnErrorNamingTheProcessAndTheUserIsSkipped()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            using var teams = RealProcess.Start("ms-teams");
            alice.StartProcess("ms-teams", real: teams.Process);
            var before = TreeSnapshot.Take(alice.ProfilePath);

            var result = s.Run("Clear-TeamsCache");

            var error = Assert.Single(result.Errors);
            Assert.Equal("TeamsRunning" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
            Assert.Contains("ms-teams (" + teams.Process.Id + ")", error.Exception.Message);
            Assert.Equal(CacheClearStatus.Skipped, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.True(teams.IsAlive);
            Assert.Equal(before, TreeSnapshot.Take(alice.ProfilePath));
        }

        [LinuxFact]
        public void ForceStopsThatUsersTeamsAndItsWebViewChildrenOnly()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            using var teams = RealProcess.Start("ms-teams");
            using var teamsWebView = RealProcess.Start("msedgewebview2");
            using var otherWebView = RealProcess.Start("msedgewebview2");
            var teamsInfo = alice.StartProcess("ms-teams", real: teams.Process);
            var webViewInfo = alice.StartProcess("msedgewebview2", parentId: teamsInfo.Id, real: teamsWebView.Process);
            var renderer = alice.StartProcess("msedgewebview2", parentId: webViewInfo.Id);
            var outlook = alice.StartProcess("olk");
            alice.StartProcess("msedgewebview2", parentId: outlook.Id, real: otherWebView.Process);
            var bobsTeams = bob.StartProcess("ms-teams");

            var result = s.Run("Clear-TeamsCache -UserName alice -Force");

            Assert.Empty(result.Errors);
            var cleared = Assert.Single(result.Objects<TeamsCacheClearResult>());
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.False(teams.IsAlive);
            Assert.False(teamsWebView.IsAlive);
            Assert.True(otherWebView.IsAlive);
            Assert.Equal(new[] { teamsInfo.ToString(), webViewInfo.ToString(), renderer.ToString() }.OrderBy(x => x),
                cleared.ProcessesStopped.OrderBy(x => x));
            var left = s.Machine.ProcessTable.List().Select(p => p.Id).ToList();
            Assert.Contains(bobsTeams.Id, left);
            Assert.Contains(outlook.Id, left);
            Assert.DoesNotContain(renderer.Id, left);
        }

        [Fact]
        public void TeamsIsStoppedWithoutBeingAskedToCloseWhichWouldOnlyHideItToTheNotificationArea()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams();
            var teams = alice.StartProcess("Teams");

            var result = s.Run("Clear-TeamsCache -UserName alice -Force -Verbose");

            Assert.Equal(CacheClearStatus.Cleared, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.DoesNotContain(s.Machine.ProcessTable.List(), p => p.Id == teams.Id);
            Assert.Contains("Stopping " + teams + ".", result.Verbose);
            Assert.Equal("kill " + teams, s.Machine.ProcessTable.Actions.First(a => a.Contains(teams.ToString())));
        }

        [Fact]
        public void LockedAndDeniedFilesAreListedAndTheStatusIsNeverCleared()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var locked = New(alice, "EBWebView", "WV2Profile_tfw", "Cache", "data_0");
            var denied = New(alice, "EBWebView", "WV2Profile_tfw", "IndexedDB", "data_0");
            s.Machine.FileOperations.Lock(locked);
            s.Machine.FileOperations.Deny(denied);

            var result = s.Run("Clear-TeamsCache -UserName alice");

            var error = Assert.Single(result.Errors);
            Assert.Equal("CacheFilesNotRemoved" + Cmdlet, error.FullyQualifiedErrorId);
            var cleared = Assert.Single(result.Objects<TeamsCacheClearResult>());
            Assert.Equal(CacheClearStatus.PartiallyCleared, cleared.Status);
            Assert.Equal(2, cleared.Failed.Length);
            Assert.Contains(cleared.Failed, f => f.StartsWith(locked + ": in use"));
            Assert.Contains(cleared.Failed, f => f.StartsWith(denied + ": access denied"));
            Assert.True(File.Exists(locked));
            Assert.True(File.Exists(denied));
            Assert.Equal(4, cleared.FilesRemoved);
            Assert.False(Directory.Exists(New(alice, "EBWebView", "WV2Profile_tfw", "GPUCache")));
        }

        [Fact]
        public void WhatIfCountsWhatWouldGoAndChangesNothing()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams().InstallNewTeams();
            var teams = alice.StartProcess("ms-teams");
            var before = TreeSnapshot.Take(alice.ProfilePath);

            var result = s.Run("Clear-TeamsCache -UserName alice -Force -Backup -IncludeBackgrounds -IncludeLogs -WhatIf");

            Assert.Empty(result.Errors);
            var results = result.Objects<TeamsCacheClearResult>().OrderBy(r => r.Client).ToList();
            Assert.All(results, r => Assert.Equal(CacheClearStatus.WhatIf, r.Status));
            Assert.Equal(TeamsLayout.ClassicCacheFolders.Count + 2, results[0].FilesRemoved);
            Assert.Equal(6 + 3, results[1].FilesRemoved);
            Assert.True(results[1].BytesFreed > 0);
            Assert.Equal(before, TreeSnapshot.Take(alice.ProfilePath));
            Assert.Contains(s.Machine.ProcessTable.List(), p => p.Id == teams.Id);
            Assert.False(Directory.Exists(Path.Combine(s.Machine.ProgramDataPath, "TeamsRemediation")));
            Assert.Empty(s.Machine.ProcessTable.Started);
        }

        [Fact]
        public void ABackupRestoresByteIdenticalFilesThroughTheJournal()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams().AddClassicCache();
            var big = New(alice, "EBWebView", "WV2Profile_tfw", "Cache", "Cache_Data", "data_1");
            Directory.CreateDirectory(Path.GetDirectoryName(big)!);
            File.WriteAllBytes(big, Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray());
            var before = TreeSnapshot.Take(TeamsLayout.NewCacheRoot(alice.Folders));

            var result = s.Run("Clear-TeamsCache -UserName alice -Client New -Backup -IncludeBackgrounds -IncludeLogs");

            Assert.Equal(string.Empty, string.Join(" | ", result.Errors.Select(e => e.ToString())));
            var cleared = Assert.Single(result.Objects<TeamsCacheClearResult>());
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.StartsWith(Path.Combine(alice.Folders.LocalAppData, "TeamsRemediation", "Backups"), cleared.BackupPath);
            // Only the emptied folder that held the backgrounds stays: no file is left in the cache.
            Assert.All(TreeSnapshot.Take(TeamsLayout.NewCacheRoot(alice.Folders)), entry => Assert.Equal("dir", entry.Value));
            Assert.True(Directory.Exists(Classic(alice, "Cache")), "-Client New leaves classic alone");

            // The backup journal is in alice's profile: she restores it in her own session (JournalStorageTests: SYSTEM refuses).
            s.Pc.RunAs(alice, elevated: false);
            var restored = new JournalRestorer(s.Machine, new ScriptedHost(s.Machine))
                .Restore(Path.Combine(cleared.BackupPath, "journal.xml"), force: false);

            Assert.All(restored, r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, TreeSnapshot.Take(TeamsLayout.NewCacheRoot(alice.Folders)));
        }

        [Theory]
        [InlineData("")]
        [InlineData(" -Backup")]
        public void WhatIfCountsLinksInsideTheCacheExactlyAsTheRealRunRemovesThem(string backup)
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var outside = Path.Combine(s.Machine.RootFolder, "outside");
            alice.WriteFile(Path.Combine(outside, "target.txt"), "not the cache's");
            File.CreateSymbolicLink(New(alice, "EBWebView", "WV2Profile_tfw", "Cache", "file-link"), Path.Combine(outside, "target.txt"));
            Directory.CreateSymbolicLink(New(alice, "EBWebView", "WV2Profile_tfw", "GPUCache", "folder-link"), outside);
            var script = "Clear-TeamsCache -UserName alice -Client New" + backup;

            var preview = Assert.Single(s.Run(script + " -WhatIf").Objects<TeamsCacheClearResult>());
            var real = Assert.Single(s.Run(script).Objects<TeamsCacheClearResult>());

            Assert.Equal(CacheClearStatus.WhatIf, preview.Status);
            Assert.Equal(CacheClearStatus.Cleared, real.Status);
            // Six cached files and two links (removed as links, never followed).
            Assert.Equal(8, real.FilesRemoved);
            Assert.Equal(real.FilesRemoved, preview.FilesRemoved);
            Assert.Equal(real.BytesFreed, preview.BytesFreed);
            Assert.Equal("not the cache's", File.ReadAllText(Path.Combine(outside, "target.txt")));
        }

        [Fact]
        public void WhenTheBackupJournalCannotBeWrittenNothingIsMoved()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var before = TreeSnapshot.Take(TeamsLayout.NewCacheRoot(alice.Folders));
            s.Machine.FileOperations.Deny(UserBackups.Root(alice.Folders));

            var result = s.Run("Clear-TeamsCache -UserName alice -Client New -Backup");

            Assert.Equal("JournalWriteFailed" + Cmdlet, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal("WriteError", result.Errors[0].CategoryInfo.Category.ToString());
            Assert.Equal(CacheClearStatus.Skipped, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.Equal(before, TreeSnapshot.Take(TeamsLayout.NewCacheRoot(alice.Folders)));
            Assert.Empty(Directory.GetFileSystemEntries(UserBackups.Root(alice.Folders)));
        }

        [Fact]
        public void IncludeBackgroundsAlwaysBacksThemUpFirst()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams();
            var beach = Classic(alice, "Backgrounds", "Uploads", "beach.png");
            var hash = TreeSnapshot.Hash(beach);
            using var backups = new TempFolder();

            var cleared = Assert.Single(s.Run("Clear-TeamsCache -UserName alice -IncludeBackgrounds -BackupPath $args[0]",
                backups.Path).Objects<TeamsCacheClearResult>());

            Assert.False(File.Exists(beach));
            Assert.StartsWith(backups.Path, cleared.BackupPath);
            Assert.Equal(hash, TreeSnapshot.Hash(Path.Combine(cleared.BackupPath, "Cache", "Backgrounds", "Uploads", "beach.png")));
            Assert.True(File.Exists(Classic(alice, "logs.txt")));
        }

        [Fact]
        public void WithoutABackupOnlyTheBackgroundsAreMovedAsideWhenIncluded()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();

            var cleared = Assert.Single(s.Run("Clear-TeamsCache -UserName alice -IncludeBackgrounds -IncludeLogs").Objects<TeamsCacheClearResult>());

            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            var backedUp = TreeSnapshot.Take(Path.Combine(cleared.BackupPath, "Cache")).Keys.Where(k => !k.EndsWith("/")).ToList();
            Assert.Equal(new[] { Path.Combine("Backgrounds", "Uploads", "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77.png"),
                Path.Combine("Backgrounds", "Uploads", "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77_thumb.png") }, backedUp);
            Assert.False(Directory.Exists(New(alice, "Logs")));
        }

        [Fact]
        public void ASecondRunForTheSameUserReportsTheRunInProgress()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var before = TreeSnapshot.Take(alice.ProfilePath);
            using var other = UserCacheLock.TryAcquire(s.Machine, alice.Sid, System.TimeSpan.Zero, out _);
            Assert.NotNull(other);

            var result = s.Run("Clear-TeamsCache -UserName alice");

            var error = Assert.Single(result.Errors);
            Assert.Equal("CacheClearInProgress" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("process " + System.Environment.ProcessId, error.Exception.Message);
            Assert.Equal(CacheClearStatus.Skipped, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.Equal(before, TreeSnapshot.Take(alice.ProfilePath));
        }

        [Fact]
        public void PipedInstallationsBindUserAndClient()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams().InstallNewTeams();
            var bob = s.Pc.AddUser("bob").InstallNewTeams();

            var run = s.Run("Get-TeamsInstallation -AllUsers | Where-Object Client -eq 'New' | Clear-TeamsCache");
            Assert.Equal(string.Empty, string.Join(" | ", run.Errors.Select(e => e.ToString())));
            var results = run.Objects<TeamsCacheClearResult>().ToList();

            Assert.Equal(new[] { alice.Sid, bob.Sid }.OrderBy(x => x), results.Select(r => r.UserSid).OrderBy(x => x));
            Assert.All(results, r => Assert.Equal(TeamsClient.New, r.Client));
            Assert.True(Directory.Exists(Classic(alice, "Cache")));
            Assert.False(Directory.Exists(New(bob, "EBWebView")));
        }

        [Fact]
        public void RestartStartsNewTeamsOnlyInTheUsersOwnSession()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();

            var asSystem = s.Run("Clear-TeamsCache -Restart");

            Assert.Empty(s.Machine.ProcessTable.Started);
            Assert.Contains(asSystem.Warnings, w => w.Contains("not restarted"));

            s.Pc.RunAs(alice, elevated: false);
            s.Run("Clear-TeamsCache -Restart");

            Assert.Equal(Path.Combine(s.Machine.WindowsPath, "explorer.exe") + @" shell:AppsFolder\MSTeams_8wekyb3d8bbwe!MSTeams",
                Assert.Single(s.Machine.ProcessTable.Started));
        }

        [Fact]
        public void RestartStartsClassicTeamsThroughItsUpdater()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallClassicTeams();
            s.Pc.RunAs(alice, elevated: false);

            s.Run("Clear-TeamsCache -Restart");

            Assert.Equal(TeamsLayout.ClassicLauncherPath(alice.Folders) + " --processStart \"Teams.exe\"",
                Assert.Single(s.Machine.ProcessTable.Started));
        }

        [Fact]
        public void VerboseSaysEachDecisionAndALargeTreeShowsProgress()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var many = New(alice, "EBWebView", "WV2Profile_tfw", "Service Worker", "CacheStorage");
            Directory.CreateDirectory(many);
            for (var i = 0; i < 2500; i++)
            {
                File.WriteAllText(Path.Combine(many, "f" + i), "x");
            }

            using var ps = PowerShell.Create();
            ps.Runspace = s.Shell.Runspace;
            ps.AddScript("Clear-TeamsCache -UserName alice -Verbose");
            var output = ps.Invoke();

            var verbose = ps.Streams.Verbose.Select(v => v.Message).ToList();
            Assert.Contains(verbose, v => v.StartsWith("Keeping custom backgrounds"));
            Assert.Contains(verbose, v => v.StartsWith("Keeping the logs"));
            Assert.Contains(verbose, v => v.StartsWith("Cleared: 2,506 files"));
            var progress = ps.Streams.Progress.Where(p => p.Activity.Contains("alice")).ToList();
            // Folders are deleted by several threads, so progress shows the count when it is reported, not a multiple of 1,000.
            Assert.Contains(
                progress,
                p => p.RecordType == ProgressRecordType.Processing && FilesIn(p.StatusDescription) >= CacheTreeRemover.ProgressEvery);
            Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
        }

        private static long FilesIn(string status) =>
            long.Parse(status.Substring(0, status.IndexOf(' ')), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        [Fact]
        public void NoInstalledClientMeansNoResultAndClientClassicClearsALeftover()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).AddClassicCache();

            Assert.Empty(s.Run("Clear-TeamsCache -UserName alice").Output);

            var cleared = Assert.Single(s.Run("Clear-TeamsCache -UserName alice -Client Classic").Objects<TeamsCacheClearResult>());
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.False(Directory.Exists(Classic(alice, "Cache")));
        }

        [Fact]
        public void ABackupPathInsideTheCacheIsRefused()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var before = TreeSnapshot.Take(alice.ProfilePath);

            var result = s.Run("Clear-TeamsCache -UserName alice -BackupPath $args[0]", New(alice, "EBWebView", "backup"));

            Assert.Equal("BackupPathInsideCache" + Cmdlet, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal(before, TreeSnapshot.Take(alice.ProfilePath));
        }

        [Fact]
        public void TheDefaultViewShowsStatusAndCounts()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();

            var text = s.Shell.Show("Clear-TeamsCache");

            Assert.Contains("Freed(MB)", text);
            Assert.Contains("CONTOSO\\alice", text);
            Assert.Contains("Cleared", text);
        }
    }
}
