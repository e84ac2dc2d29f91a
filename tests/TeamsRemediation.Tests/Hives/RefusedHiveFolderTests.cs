using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Hives
{
    /// <summary>A logged-off user's NTUSER.DAT the parser refuses: the default folders, and a note that gives the parser's reason.</summary>
    public sealed class RefusedHiveFolderTests
    {
        [Fact]
        public void AHiveWithUnwrittenChangesFallsBackToTheDefaultFoldersAndNamesTheReasonNotElevation()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: false, hiveLoaded: false);
            alice.RedirectRoamingAppData(@"\\server\home$\alice\AppData", @"\\server\home$\alice\AppData");
            s.Machine.SimulatedRegistry.RefuseUnloadedHive(alice.Sid,
                "the hive has changes not yet written; Windows applies its logs on the next logon.");
            s.Pc.RunAsSystem();

            var profile = Assert.Single(s.Machine.Users.GetProfiles());

            Assert.Equal(UserFolders.DefaultRoamingAppData(alice.ProfilePath), profile.Folders.RoamingAppData);
            Assert.Equal(FolderSource.Default, profile.Folders.RoamingAppDataSource);
            Assert.Contains("changes not yet written; Windows applies its logs on the next logon", profile.Folders.Note);
            Assert.DoesNotContain("Run elevated", profile.Folders.Note);
        }
    }
}
