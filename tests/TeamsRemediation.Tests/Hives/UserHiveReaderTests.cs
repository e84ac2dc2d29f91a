using System.IO;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Hives;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Hives
{
    /// <summary>A logged-off user's NTUSER.DAT read from the file through the file seam: nothing created, links refused, size bounded.</summary>
    public sealed class UserHiveReaderTests
    {
        private const string UserShellFolders = @"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders";

        internal static string ProfileWithHive(TempFolder profile, string fixture)
        {
            var hive = profile.Combine(UserHiveReader.HiveFileName);
            File.WriteAllBytes(hive, HiveFileTests.FixtureBytes(fixture));
            return hive;
        }

        [Fact]
        public void TheUserShellFoldersComeFromTheProfilesNtuserDat()
        {
            using var profile = new TempFolder();
            ProfileWithHive(profile, "ntuser.hive");

            var folders = UserHiveReader.ReadKey(PhysicalFileOperations.Instance, profile.Path, UserShellFolders);

            Assert.Equal(RegistryValue.ExpandString(@"%USERPROFILE%\AppData\Roaming"), folders!["AppData"]);
            Assert.Empty(UserHiveReader.ReadKey(PhysicalFileOperations.Instance, profile.Path, @"Software\Policies")!);
        }

        [Fact]
        public void AProfileWithoutNtuserDatHasNoHiveAndGetsNoneCreated()
        {
            using var profile = new TempFolder();

            Assert.Null(UserHiveReader.ReadKey(PhysicalFileOperations.Instance, profile.Path, UserShellFolders));
            Assert.Null(UserHiveReader.ReadKey(PhysicalFileOperations.Instance, profile.Combine("gone"), UserShellFolders));

            Assert.Empty(Directory.GetFileSystemEntries(profile.Path));
        }

        [NotUnderWineFact("Wine cannot make the symbolic links this test needs: its CreateSymbolicLinkW is a stub that makes nothing.")]
        public void AnNtuserDatThatIsALinkIsRefusedNotFollowed()
        {
            using var profile = new TempFolder();
            var elsewhere = profile.Combine("elsewhere.dat");
            File.WriteAllBytes(elsewhere, HiveFileTests.FixtureBytes("ntuser.hive"));
            File.CreateSymbolicLink(profile.Combine(UserHiveReader.HiveFileName), elsewhere);

            Assert.Throws<LinkRefusedException>(() => UserHiveReader.ReadKey(PhysicalFileOperations.Instance, profile.Path, UserShellFolders));
        }

        /// <summary>A sparse file: its length says 257 MB, and nothing of it is read into memory.</summary>
        [Fact]
        public void AHiveOverTheSizeBoundIsNotReadAndSaysWhy()
        {
            using var profile = new TempFolder();
            using (var file = new FileStream(profile.Combine(UserHiveReader.HiveFileName), FileMode.CreateNew))
            {
                file.SetLength(UserHiveReader.MaxHiveBytes + (1 << 20));
            }

            var refused = Assert.Throws<HiveNotReadableException>(
                () => UserHiveReader.ReadKey(PhysicalFileOperations.Instance, profile.Path, UserShellFolders));

            Assert.Contains("more than the 256 MB", refused.Reason);
        }

        [Fact]
        public void AnNtuserDatInUseIsAnIOExceptionNotAnEmptyKey()
        {
            using var profile = new TempFolder();
            var hive = ProfileWithHive(profile, "ntuser.hive");
            var files = new SimulatedFileOperations();
            files.Lock(hive);

            Assert.Throws<IOException>(() => UserHiveReader.ReadKey(files, profile.Path, UserShellFolders));
        }
    }
}
