using System;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Diagnostics;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Targets
{
    /// <summary>
    /// Folder Redirection: the user's User Shell Folders name AppData and Downloads elsewhere, as REG_EXPAND_SZ values that only
    /// mean something in that user's environment. The module runs as SYSTEM (whose %USERPROFILE% is the system profile) and
    /// must find, clear and read the user's real folders, never the unused defaults in the profile.
    /// </summary>
    public sealed class RedirectedFoldersTests
    {
        private static readonly char Slash = Path.DirectorySeparatorChar;

        /// <summary>A data root named by a user variable (HKU\SID\Environment DATAROOT), as a site's logon script sets it.</summary>
        private static (SimulatedUser User, string Redirected) AliceWithRedirectedAppData(SimulatedSession s, bool loggedOn = true)
        {
            var dataRoot = Path.Combine(s.Machine.RootFolder, "Data");
            var alice = s.Pc.AddUser("alice", loggedOn: loggedOn, hiveLoaded: loggedOn);
            alice.SetUserValue(UserFolderReader.UserEnvironmentKey, "DATAROOT", RegistryValue.String(dataRoot));
            var redirected = Path.Combine(dataRoot, "alice", "AppData");
            alice.RedirectRoamingAppData("%DATAROOT%" + Slash + "%USERNAME%" + Slash + "AppData", redirected);
            s.Pc.RunAsSystem();
            return (alice, redirected);
        }

        [Fact]
        public void RedirectedRoamingAppDataIsFoundForThatUserAndClearedThereNotAtTheDefaultPath()
        {
            using var s = new SimulatedSession();
            var (alice, redirected) = AliceWithRedirectedAppData(s);
            // A leftover classic cache at the default path, from before the redirection: not the one Teams uses.
            var stale = Path.Combine(UserFolders.DefaultRoamingAppData(alice.ProfilePath), "Microsoft", "Teams", "Cache", "data_0");
            alice.WriteFile(stale, "stale");
            alice.InstallClassicTeams();
            var realCache = Path.Combine(redirected, "Microsoft", "Teams");
            Assert.Equal(realCache, TeamsLayout.ClassicCacheRoot(alice.Folders));

            var inventory = s.Run("Get-TeamsInstallation").Objects<TeamsInstallation>().Single(i => i.Client == TeamsClient.Classic);
            var result = s.Run("Clear-TeamsCache -Client Classic -Verbose");

            Assert.Equal(realCache, inventory.CachePath);
            Assert.Empty(result.Errors);
            var cleared = Assert.Single(result.Objects<TeamsCacheClearResult>());
            Assert.Equal(realCache, cleared.CachePath);
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.Equal(CacheScope.Full, cleared.Scope);
            Assert.Equal(TeamsLayout.ClassicCacheFolders.Count, cleared.FilesRemoved);
            Assert.All(TeamsLayout.ClassicCacheFolders, f => Assert.False(Directory.Exists(Path.Combine(realCache, f)), f));
            Assert.True(File.Exists(Path.Combine(realCache, "desktop-config.json")));
            Assert.Equal("stale", File.ReadAllText(stale));
            Assert.Contains(result.Verbose, v => v.StartsWith("Target user: CONTOSO\\alice") && v.Contains(redirected + " (redirected)"));
        }

        [Fact]
        public void ARedirectionToAFolderTheUserDoesNotOwnIsNeverClearedBySystem()
        {
            using var s = new SimulatedSession();
            // The user wrote their own User Shell Folders: AppData is "the machine's" folder, where a SYSTEM clear would delete.
            var machineFolder = Path.Combine(s.Machine.RootFolder, "Program Files (x86)");
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.RedirectRoamingAppData(machineFolder, machineFolder);
            s.Machine.StorageSecurity.Declare(machineFolder, "O:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)");
            var install = Path.Combine(machineFolder, "Microsoft", "Teams", "Cache", "data_0");
            alice.WriteFile(install, "machine-wide Teams");
            s.Pc.RunAsSystem();

            var result = s.Run("Clear-TeamsCache -Client Classic");

            var error = Assert.Single(result.Errors);
            Assert.Equal("RedirectedFolderNotTheUsers,TeamsRemediation.Commands.ClearTeamsCacheCommand", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.SecurityError, error.CategoryInfo.Category);
            Assert.Contains("whose owner is S-1-5-18", error.Exception.Message);
            Assert.Equal(CacheClearStatus.Skipped, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.Equal("machine-wide Teams", File.ReadAllText(install));
        }

        [Fact]
        public void AnUnloadedHiveIsReadFromNtuserDatSoALoggedOffUsersRedirectionStillCounts()
        {
            using var s = new SimulatedSession();
            var (alice, redirected) = AliceWithRedirectedAppData(s, loggedOn: false);
            alice.InstallClassicTeams();
            Assert.True(s.Machine.SimulatedRegistry.IsHiveUnloaded(alice.Sid));

            var result = s.Run("Clear-TeamsCache -AllUsers -Client Classic");

            var cleared = Assert.Single(result.Objects<TeamsCacheClearResult>());
            Assert.Equal(Path.Combine(redirected, "Microsoft", "Teams"), cleared.CachePath);
            Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
            Assert.False(Directory.Exists(Path.Combine(redirected, "Microsoft", "Teams", "IndexedDB")));
            Assert.True(s.Machine.SimulatedRegistry.IsHiveUnloaded(alice.Sid), "reading NTUSER.DAT must not load the hive for everyone");
        }

        [Fact]
        public void AnUnreadableNtuserDatFallsBackToTheDefaultFoldersAndSaysWhy()
        {
            using var s = new SimulatedSession();
            var (alice, _) = AliceWithRedirectedAppData(s, loggedOn: false);
            s.Machine.SimulatedRegistry.MakeUnloadedHiveUnreadable(alice.Sid);

            var profile = Assert.Single(s.Machine.Users.GetProfiles());

            Assert.Equal(UserFolders.DefaultRoamingAppData(alice.ProfilePath), profile.Folders.RoamingAppData);
            Assert.Equal(FolderSource.Default, profile.Folders.RoamingAppDataSource);
            Assert.Contains("NTUSER.DAT could not be read", profile.Folders.Note);
        }

        [Fact]
        public void UserVariablesAreTheUsersNotTheCallersAndAnUnknownOneKeepsTheDefaultWithANote()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            alice.SetUserValue(UserFolderReader.UserShellFoldersKey, UserFolderReader.RoamingAppDataValue,
                RegistryValue.ExpandString("%USERPROFILE%" + Slash + "Roam"));
            alice.SetUserValue(UserFolderReader.UserShellFoldersKey, UserFolderReader.DownloadsValue,
                RegistryValue.ExpandString("%NOSUCHVARIABLE%" + Slash + "Downloads"));
            s.Pc.RunAsSystem();

            var folders = Assert.Single(s.Machine.Users.GetProfiles()).Folders;

            Assert.Equal(Path.Combine(alice.ProfilePath, "Roam"), folders.RoamingAppData);
            Assert.Equal(FolderSource.Redirected, folders.RoamingAppDataSource);
            Assert.Equal(UserFolders.DefaultDownloads(alice.ProfilePath), folders.Downloads);
            Assert.Equal(FolderSource.Default, folders.DownloadsSource);
            Assert.Contains("%NOSUCHVARIABLE%", folders.Note);
        }

        [Fact]
        public void ARoamingProfileIsNamedAndALoggedOffUsersClassicClearWarnsThatTheServerCopyComesBack()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: false, hiveLoaded: false).UseRoamingProfile(@"\\files\profiles$\alice.V6");
            alice.InstallClassicTeams();
            s.Pc.RunAsSystem();

            var result = s.Run("Clear-TeamsCache -AllUsers -Client Classic -Verbose");

            Assert.Equal(@"\\files\profiles$\alice.V6", Assert.Single(s.Machine.Users.GetProfiles()).Folders.RoamingProfile);
            Assert.Equal(CacheClearStatus.Cleared, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.Contains(result.Warnings, w => w.Contains(@"\\files\profiles$\alice.V6") && w.Contains("logged on"));
        }

        [Fact]
        public void TheNewestWebLogsZipInARedirectedDownloadsFolderIsScanned()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var moved = Path.Combine(s.Machine.RootFolder, "Redirected", "alice", "Downloads");
            alice.RedirectDownloads("%USERPROFILE%" + Slash + ".." + Slash + ".." + Slash + "Redirected" + Slash + "%USERNAME%" + Slash
                + "Downloads", moved);
            s.Pc.RunAsSystem();
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            var stamp = now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var zip = WebLogsEvidenceTests.WriteWebLogs(alice, "PROD-WebLogs-2026-11-26.zip", now.AddHours(-1),
                ("MSTeams.log", stamp + " Error acquireToken failed: CAA20002\n"));
            // The unused default Downloads has nothing: a scan of the default path would find no evidence at all.
            Assert.False(Directory.Exists(UserFolders.DefaultDownloads(alice.ProfilePath)));

            var logs = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -CheckId Evidence.TeamsLogs"), "Evidence.TeamsLogs", alice);

            Assert.StartsWith(Path.GetFullPath(moved), Path.GetFullPath(zip));
            Assert.Equal(FindingStatus.Fail, logs.Status);
            Assert.Contains(logs.Evidence, e => e.StartsWith("collected logs PROD-WebLogs-2026-11-26.zip: 1 entry"));
            Assert.Contains(logs.Evidence, e => e.StartsWith("CAA20002 (invalid_request") && e.Contains("PROD-WebLogs-2026-11-26.zip"));
        }
    }
}
