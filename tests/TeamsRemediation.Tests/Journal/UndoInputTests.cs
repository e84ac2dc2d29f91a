using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.Journal;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Journal
{
    /// <summary>What Undo-TeamsRemediation is handed: nothing, a folder, or a piped result of Clear-TeamsCache -Backup.</summary>
    public sealed class UndoInputTests
    {
        private const string Cmd = "TeamsRemediation.Commands.UndoTeamsRemediationCommand";

        [Fact]
        public void AnEmptyJournalSaysThatNothingWasPutBack()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();

            var result = s.Run("Undo-TeamsRemediation -Journal ''");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Output);
            Assert.Contains(result.Warnings, w => w.StartsWith("No journal was named", System.StringComparison.Ordinal));
        }

        [Fact]
        public void AFolderIsNamedAsAFolderNotAsMissing()
        {
            using var s = new SimulatedSession();
            s.Pc.RunAsSystem();
            var folder = Path.Combine(s.Machine.ProgramDataPath, "TeamsRemediation", "Journal");
            Directory.CreateDirectory(folder);

            var result = s.Run("Undo-TeamsRemediation -Journal $args[0]", folder);

            var error = Assert.Single(result.Errors);
            Assert.Equal("JournalIsFolder," + Cmd, error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void APipedCacheClearResultBindsItsBackupJournalAndPutsTheCacheBack()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAs(alice, elevated: false);
            var cacheRoot = TeamsLayout.NewCacheRoot(alice.Folders);
            var before = TreeSnapshot.Take(cacheRoot);

            var undo = s.Run("Clear-TeamsCache -Client New -Backup | Undo-TeamsRemediation");

            Assert.Null(undo.Terminating);
            Assert.Empty(undo.Errors);
            var restored = undo.Objects<RestoreResult>().ToList();
            Assert.NotEmpty(restored);
            Assert.All(restored, r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, TreeSnapshot.Take(cacheRoot));
        }

        [Theory]
        [InlineData("Clear-TeamsCache -Client New", false)]
        [InlineData("Clear-TeamsCache -Client New -Backup", true)]
        public void TheJournalOfACacheClearIsItsBackupsJournalOrEmpty(string command, bool backedUp)
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAs(alice, elevated: false);

            var cleared = Assert.Single(s.Run(command).Objects<TeamsCacheClearResult>());

            Assert.Equal(backedUp, cleared.BackupPath.Length > 0);
            Assert.Equal(backedUp ? Path.Combine(cleared.BackupPath, CacheBackupFolder.JournalFileName) : string.Empty, cleared.JournalPath);
            Assert.Equal(backedUp, File.Exists(cleared.JournalPath));
        }
    }
}
