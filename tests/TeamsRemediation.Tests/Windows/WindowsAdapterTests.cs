using System;
using System.IO;
using System.Linq;
using System.Security.Authentication;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Windows
{
    /// <summary>
    /// The real Windows adapters against this PC, read-only or on processes the test starts itself: process table,
    /// token, ProfileList, WinHTTP proxy, TLS, links, sessions, event log, dsregcmd. What Wine does not implement is skipped under Wine
    /// with the gap named, and runs on Windows.
    /// </summary>
    public sealed class WindowsAdapterTests
    {
        private static WindowsMachine Local => WindowsMachine.Local;

        [WindowsFact]
        public void AStartedProcessIsListedWithItsNameParentOwnerAndImage()
        {
            using var teams = RealProcess.Start("ms-teams");
            var me = Local.Users.GetCurrentIdentity();

            var listed = Local.Processes.List().Single(p => p.Id == teams.Process.Id);

            Assert.Equal("ms-teams", listed.Name);
            Assert.Equal(Environment.ProcessId, listed.ParentId);
            Assert.Equal(me.Sid, listed.OwnerSid);
            Assert.Equal(me.SessionId, listed.SessionId);
            Assert.EndsWith(Path.DirectorySeparatorChar + "ms-teams.exe", listed.ExecutablePath, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>IsActiveSessionCountLimited's suite test on a workstation: only the multi-session edition (ServerRdsh) lifts it.</summary>
        [WindowsFact]
        public void AWorkstationIsAMultiSessionHostOnlyInTheMultiSessionEdition()
        {
            var productType = Local.Registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine,
                @"SYSTEM\CurrentControlSet\Control\ProductOptions"), "ProductType")?.AsString;
            var edition = Local.Registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine,
                @"SOFTWARE\Microsoft\Windows NT\CurrentVersion"), "EditionID")?.AsString;
            Assert.True(productType == "WinNT", "This check is meaningful on a workstation (ProductType WinNT), not on " + productType + ".");

            Assert.Equal(edition == "ServerRdsh", Local.IsMultiSessionHost);
        }

        /// <summary>
        /// A logged-off user's hive is read from the file, never loaded: a missing NTUSER.DAT is no hive and none is created (RegLoadKey
        /// created an empty one), a file that is no hive says so, and a real one gives its values.
        /// </summary>
        [WindowsFact]
        public void ALoggedOffUsersNtuserDatIsReadFromTheFileAndAMissingOneIsNeverCreated()
        {
            using var profile = new TempFolder();
            var key = TeamsRemediation.Targets.UserFolderReader.UserShellFoldersKey;
            var hive = Path.Combine(profile.Path, "NTUSER.DAT");

            Assert.Null(Local.Registry.ReadUnloadedHiveKey("S-1-5-21-1-2-3-1001", profile.Path, key));
            Assert.False(File.Exists(hive));

            File.WriteAllText(hive, "not a registry hive");
            Assert.Throws<TeamsRemediation.Hives.HiveNotReadableException>(
                () => Local.Registry.ReadUnloadedHiveKey("S-1-5-21-1-2-3-1001", profile.Path, key));

            File.Copy(Fixture.Path(Path.Combine("Hives", "ntuser.hive")), hive, overwrite: true);
            var folders = Local.Registry.ReadUnloadedHiveKey("S-1-5-21-1-2-3-1001", profile.Path, key);
            Assert.Equal(RegistryValue.ExpandString(@"%USERPROFILE%\AppData\Local"), folders!["Local AppData"]);
        }

        [WindowsFact]
        public void TheTokenNamesAUserWhoseProfileIsInProfileList()
        {
            var me = Local.Users.GetCurrentIdentity();

            var profile = Local.Users.GetProfiles().Single(p => p.Sid.Equals(me.Sid, StringComparison.OrdinalIgnoreCase));

            Assert.StartsWith("S-1-5-", me.Sid);
            Assert.Equal(Environment.UserName, me.UserName.Split('\\').Last(), ignoreCase: true);
            Assert.True(Directory.Exists(profile.ProfilePath), profile.ProfilePath + " is the profile ProfileList names");
            Assert.Equal(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), profile.ProfilePath, ignoreCase: true);
            Assert.True(profile.HiveLoaded, "the caller's own hive is loaded while the caller runs");
        }

        [WindowsFact]
        public void TheWinHttpProxyIsReadThroughTheApi()
        {
            var proxy = Local.NetworkSettings.GetWinHttpProxy();

            Assert.Equal(string.Empty, proxy.Error);
            Assert.Equal(proxy.Direct, proxy.ProxyServer.Length == 0);
        }

        [WindowsFact(WineGap = "Wine's TLS layer (schannel over GnuTLS) fails the TLS 1.2 handshake with .NET's SslStream.")]
        public void ATls12HandshakeOnLoopbackSucceeds()
        {
            using var server = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Json(DateTimeOffset.UtcNow));
            Assert.True(ProbeEndpoint.TryParse(server.Endpoint(), out var endpoint));

            var result = Local.Network.Probe(endpoint!, null, ProbeDeadline.After(TimeSpan.FromSeconds(20)));

            Assert.True(result.TlsHandshakeSucceeded, result.Stage + ": " + result.Outcome);
            Assert.Equal(200, result.HttpStatus);
        }

        /// <summary>
        /// A journal an elevated run writes is made Administrators' own with SYSTEM and Administrators alone; a caller
        /// without Administrators in its token may not hand a file to that group, and is told so.
        /// </summary>
        [WindowsFact(WineGap = "Wine reports a file's owner from its Unix owner: SetNamedSecurityInfoW does not keep an Administrators owner.")]
        public void AProtectedFileIsAdministratorsOwnOrTheCallerIsRefused()
        {
            using var folder = new TempFolder();
            var file = folder.Combine("journal.xml");
            File.WriteAllText(file, "<journal/>");

            if (Local.Users.GetCurrentIdentity().IsElevated)
            {
                Local.Storage.Protect(file, JournalStorage.JournalFileSddl);
                var access = StorageAccess.FromSddl(Local.Storage.ReadSddl(file));
                Assert.StartsWith("O:BA", Local.Storage.ReadSddl(file));
                Assert.True(access.IsProtectedAgainst(StorageAccess.WriteRights), access.Describe(StorageAccess.WriteRights));
            }
            else
            {
                Assert.Throws<UnauthorizedAccessException>(() => Local.Storage.Protect(file, JournalStorage.JournalFileSddl));
            }
        }

        /// <summary>Only under Wine: on Windows creating a link needs Developer Mode or elevation, which a test run may lack.</summary>
        [WineFact]
        public void ADirectorySymbolicLinkIsSeenAsALink()
        {
            using var folder = new TempFolder();
            var target = Directory.CreateDirectory(folder.Combine("target"));
            var link = folder.Combine("link");

            Directory.CreateSymbolicLink(link, target.FullName);

            Assert.True(SafeTree.IsLink(new DirectoryInfo(link)));
            Assert.False(SafeTree.IsLink(target));
        }

        /// <summary>
        /// A caller in a user's session finds it in the list, with its own SID; a caller in session 0 (a service, as
        /// some CI agents run) has none, and session 0 is never listed as interactive.
        /// </summary>
        [WindowsFact(WineGap = "WTSEnumerateSessionsW is a stub that lists no session.")]
        public void TheCallersSessionIsInTheSessionList()
        {
            var me = Local.Users.GetCurrentIdentity();

            var sessions = Local.Users.GetInteractiveSessions();

            Assert.DoesNotContain(sessions, s => s.SessionId == 0);
            if (me.SessionId != 0)
            {
                Assert.Equal(me.Sid, sessions.Single(s => s.SessionId == me.SessionId).UserSid, ignoreCase: true);
            }
        }

        [WindowsFact(WineGap = "wevtutil is a stub: it exits without printing any event.")]
        public void TheAadLogCanBeQueried()
        {
            var wevtutil = SystemTools.Resolve(Local.WindowsPath, Local.Is32BitProcess, "wevtutil.exe");

            var result = Local.Commands.Run(wevtutil, "gli Microsoft-Windows-AAD/Operational", TimeSpan.FromSeconds(30));

            Assert.Equal(CommandOutcome.Completed, result.Outcome);
            Assert.Contains("enabled:", result.StandardOutput);
        }

        [WindowsFact(WineGap = "Wine has no dsregcmd.exe.")]
        public void DsregcmdReportsTheJoinState()
        {
            var dsregcmd = SystemTools.Resolve(Local.WindowsPath, Local.Is32BitProcess, "dsregcmd.exe");

            var result = Local.Commands.Run(dsregcmd, "/status", TimeSpan.FromSeconds(60));

            Assert.Equal(CommandOutcome.Completed, result.Outcome);
            Assert.Contains("AzureAdJoined", result.StandardOutput);
        }
    }
}
