using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.FileSystem
{
    /// <summary>
    /// A standard user may create folders in ProgramData before SYSTEM does. Every folder of the module that SYSTEM writes in is
    /// then taken over (the user's folder moved aside untouched, the module's made again with its DACL), or refused with
    /// ModuleFolderUntrusted when it is a link or cannot be moved aside; nothing is ever written through it.
    /// </summary>
    public sealed class ModuleFolderSquattingTests
    {
        private const string ClearCacheCmdlet = ",TeamsRemediation.Commands.ClearTeamsCacheCommand";

        /// <summary>Each folder below %ProgramData%\TeamsRemediation SYSTEM writes in, and the module folder itself ("").</summary>
        public static TheoryData<string> ModuleFolders => new TheoryData<string>
        {
            string.Empty, UserCacheLock.FolderName, "Journal", TeamsRemediation.Logging.MachineLog.FolderName,
            TeamsRemediation.Repair.RepairReportFolder.FolderName, TeamsRemediation.UserBridge.BridgeRunFolder.FolderName,
        };

        [Theory]
        [MemberData(nameof(ModuleFolders))]
        public void AFolderAUserMadeFirstIsMovedAsideUntouchedAndMadeAgainForAdministratorsOnly(string name)
        {
            var pc = SimulatedPc.Create();
            using (pc.Machine)
            {
                var mallory = pc.AddUser("mallory");
                pc.RunAsSystem();
                var squatted = Squat(pc, mallory, name);
                var planted = Path.Combine(squatted, "planted.txt");
                File.WriteAllText(planted, "mallory's");

                var folder = ProtectedFolder.EnsureAdministratorsOnly(pc.Machine, name.Length == 0 ? "Journal" : name);

                Assert.Equal(JournalStorage.ModuleFolderSddl, pc.Machine.StorageSecurity.ReadSddl(JournalStorage.ModuleFolder(pc.Machine)));
                Assert.Equal(JournalStorage.JournalFolderSddl, pc.Machine.StorageSecurity.ReadSddl(folder));
                Assert.Empty(Directory.GetFileSystemEntries(folder));
                var aside = Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(squatted)!,
                    Path.GetFileName(squatted) + ProtectedFolder.MovedAsideMarker + "*"));
                Assert.Equal("mallory's", File.ReadAllText(Path.Combine(aside, "planted.txt")));
            }
        }

        [Theory]
        [MemberData(nameof(ModuleFolders))]
        public void AFolderAUserMadeFirstAsALinkIsRefusedAndNothingIsWrittenWhereItPoints(string name)
        {
            var pc = SimulatedPc.Create();
            using (pc.Machine)
            using (var target = new TempFolder())
            {
                var mallory = pc.AddUser("mallory");
                pc.RunAsSystem();
                var linked = Path.Combine(JournalStorage.ModuleFolder(pc.Machine), name);
                if (name.Length > 0)
                {
                    pc.Machine.StorageSecurity.CreateFolder(JournalStorage.ModuleFolder(pc.Machine), JournalStorage.ModuleFolderSddl);
                }

                Directory.CreateSymbolicLink(linked.TrimEnd(Path.DirectorySeparatorChar), target.Path);

                var refused = Assert.Throws<UntrustedFolderException>(
                    () => ProtectedFolder.EnsureAdministratorsOnly(pc.Machine, name.Length == 0 ? "Journal" : name));

                Assert.Equal("ModuleFolderUntrusted", refused.Error.Id);
                Assert.Contains("junction or symbolic link", refused.Error.Message);
                Assert.Empty(Directory.GetFileSystemEntries(target.Path));
                Assert.NotNull(new DirectoryInfo(linked.TrimEnd(Path.DirectorySeparatorChar)).LinkTarget);
            }
        }

        [Fact]
        public void AUsersFolderThatCannotBeMovedAsideIsRefusedWithAStableId()
        {
            var pc = SimulatedPc.Create();
            using (pc.Machine)
            {
                var mallory = pc.AddUser("mallory");
                pc.RunAsSystem();
                var squatted = Squat(pc, mallory, UserCacheLock.FolderName);
                var held = Path.Combine(squatted, "held.txt");
                File.WriteAllText(held, "open in mallory's process");
                pc.Machine.FileOperations.Lock(held);

                var refused = Assert.Throws<UntrustedFolderException>(
                    () => ProtectedFolder.EnsureAdministratorsOnly(pc.Machine, UserCacheLock.FolderName));

                Assert.Equal("ModuleFolderUntrusted", refused.Error.Id);
                Assert.Contains("owned by " + mallory.Sid, refused.Error.Message);
                Assert.Contains("moving it aside failed", refused.Error.Message);
                Assert.Equal(new[] { held }, Directory.GetFileSystemEntries(squatted));
            }
        }

        [Fact]
        public void ACallerThatIsNotPrivilegedNeverTakesAFolderOver()
        {
            var pc = SimulatedPc.Create();
            using (pc.Machine)
            {
                var mallory = pc.AddUser("mallory");
                var alice = pc.AddUser("alice");
                pc.RunAsSystem();
                var squatted = Squat(pc, mallory, "Journal");
                pc.RunAs(alice, elevated: false);

                var refused = Assert.Throws<UntrustedFolderException>(() => ProtectedFolder.EnsureAdministratorsOnly(pc.Machine, "Journal"));

                Assert.Contains("only a SYSTEM or elevated run may replace it", refused.Error.Message);
                Assert.True(Directory.Exists(squatted));
                Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(squatted)!, "*" + ProtectedFolder.MovedAsideMarker + "*"));
            }
        }

        [Fact]
        public void AModuleFolderOfAnOlderVersionThatLetUsersAddEntriesGetsItsDACLBack()
        {
            var pc = SimulatedPc.Create();
            using (pc.Machine)
            {
                pc.RunAsSystem();
                var module = JournalStorage.ModuleFolder(pc.Machine);
                pc.Machine.StorageSecurity.CreateFolder(module, "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200af;;;BU)(A;OICIIO;FA;;;CO)");

                ProtectedFolder.EnsureAdministratorsOnly(pc.Machine, "Journal");

                Assert.Equal(JournalStorage.ModuleFolderSddl, pc.Machine.StorageSecurity.ReadSddl(module));
                Assert.Empty(Directory.GetDirectories(pc.Machine.ProgramDataPath, "*" + ProtectedFolder.MovedAsideMarker + "*"));
            }
        }

        [Fact]
        public void ASYSTEMCacheClearIsNotHeldOffByALockFileAUserHoldsInALocksFolderTheyMade()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var mallory = s.Pc.AddUser("mallory");
            s.Pc.RunAsSystem();
            var squatted = Squat(s.Pc, mallory, UserCacheLock.FolderName);
            using var held = new FileStream(Path.Combine(squatted, "Cache-" + alice.Sid + ".lock"), FileMode.OpenOrCreate, FileAccess.Read,
                FileShare.None);

            var result = s.Run("Clear-TeamsCache -UserName alice");

            Assert.Empty(result.Errors);
            Assert.Equal(CacheClearStatus.Cleared, Assert.Single(result.Objects<TeamsCacheClearResult>()).Status);
            Assert.Equal(JournalStorage.JournalFolderSddl, s.Machine.StorageSecurity.ReadSddl(squatted));
        }

        [Fact]
        public void ASYSTEMCacheClearWritesNoLockFileThroughALocksLinkAUserMade()
        {
            using var s = new SimulatedSession();
            using var target = new TempFolder();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            var locks = Path.Combine(JournalStorage.ModuleFolder(s.Machine), UserCacheLock.FolderName);
            Directory.CreateDirectory(JournalStorage.ModuleFolder(s.Machine));
            Directory.CreateSymbolicLink(locks, target.Path);
            var cache = TreeSnapshot.Take(TeamsLayout.NewCacheRoot(alice.Folders));

            var result = s.Run("Clear-TeamsCache -UserName alice");

            var error = Assert.Single(result.Errors);
            Assert.Equal("ModuleFolderUntrusted" + ClearCacheCmdlet, error.FullyQualifiedErrorId);
            Assert.Empty(Directory.GetFileSystemEntries(target.Path));
            Assert.Equal(cache, TreeSnapshot.Take(TeamsLayout.NewCacheRoot(alice.Folders)));
        }

        /// <summary>The folder (the module folder itself for "") made by a user before any SYSTEM run: theirs, full control.</summary>
        private static string Squat(SimulatedPc pc, SimulatedUser user, string name)
        {
            var module = JournalStorage.ModuleFolder(pc.Machine);
            if (name.Length > 0)
            {
                pc.Machine.StorageSecurity.CreateFolder(module, JournalStorage.ModuleFolderSddl);
            }

            var folder = name.Length == 0 ? module : Path.Combine(module, name);
            Directory.CreateDirectory(folder);
            pc.Machine.StorageSecurity.Declare(folder, "O:" + user.Sid + "D:(A;OICI;FA;;;" + user.Sid + ")");
            return folder;
        }
    }
}
