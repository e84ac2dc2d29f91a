using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// What every <see cref="IFileOperations"/> must do, on real files: the portable one and the simulated one everywhere, the
    /// Windows one (Win32 with extended-length paths) on Windows and under Wine. The deep tree is the new Teams WebView2 cache
    /// shape, whose paths pass MAX_PATH (260) in a long profile path.
    /// </summary>
    public abstract class FileOperationsContractTests : IDisposable
    {
        private readonly TempFolder temp = new TempFolder();

        protected abstract IFileOperations Files { get; }

        protected string Root => temp.Path;

        public void Dispose() => temp.Dispose();

        /// <summary>When the deep tree's files were last written: one minute apart, so the newest is known.</summary>
        private static readonly DateTime Written = new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);

        /// <summary>A folder path below <paramref name="top"/> longer than 300 characters; nothing of it is created.</summary>
        private static string DeepFolder(string top)
        {
            var folder = top;
            for (var level = 0; folder.Length < 300; level++)
            {
                folder = Path.Combine(folder, level.ToString("D2") + "-" + Guid.NewGuid().ToString("N"));
            }

            return folder;
        }

        /// <summary>Service Worker\CacheStorage\&lt;hash&gt;\&lt;guid&gt;... deep enough that every file path is over 300 characters.</summary>
        private (string Root, string[] Files) DeepTree()
        {
            var root = Path.Combine(Root, "MSTeams");
            var folder = DeepFolder(Path.Combine(root, "EBWebView", "WV2Profile_tfw", "Service Worker", "CacheStorage"));
            Directory.CreateDirectory(folder);
            var files = new[] { Path.Combine(folder, "index-dir"), Path.Combine(folder, "0a1b2c3d4e5f_0"), Path.Combine(folder, "f_000003") };
            for (var i = 0; i < files.Length; i++)
            {
                File.WriteAllText(files[i], "cached response body");
                File.SetLastWriteTimeUtc(files[i], Written.AddMinutes(i));
            }

            File.SetAttributes(files[1], FileAttributes.ReadOnly);
            return (root, files);
        }

        [ContractFact]
        public void ADeepTreeBeyondMaxPathIsListedAndRemoved()
        {
            var (root, files) = DeepTree();
            Assert.All(files, f => Assert.True(f.Length > 300, f.Length + " characters"));

            var tally = new CacheTreeRemover(Files).Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null), countOnly: false);

            Assert.Empty(tally.Failed);
            Assert.Equal(files.Length, tally.FilesRemoved);
            Assert.Equal(files.Length * "cached response body".Length, tally.BytesFreed);
            Assert.True(Directory.Exists(root), "the root itself stays");
            Assert.Empty(Directory.GetFileSystemEntries(root));
        }

        [ContractFact]
        public void ADeepTreeIsCountedTheSameWithoutRemovingAnything()
        {
            var (root, files) = DeepTree();

            var tally = new CacheTreeRemover(Files).Run(new CacheRemovalPlan(root, CacheItemDisposition.Delete, null), countOnly: true);

            Assert.Equal(files.Length, tally.FilesRemoved);
            Assert.All(files, f => Assert.True(File.Exists(f), f));
        }

        [ContractFact]
        public void AWalkReachesEveryFileOfADeepTreeWithItsSizeAndLastWriteTime()
        {
            var (root, files) = DeepTree();

            var found = SafeTree.Walk(Files, root).Where(e => !e.IsDirectory).OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();

            Assert.Equal(files.OrderBy(f => f, StringComparer.Ordinal), found.Select(e => e.FullName));
            Assert.All(found, e => Assert.Equal("cached response body".Length, e.Length));
            Assert.Equal(files.Select((f, i) => Written.AddMinutes(i)).OrderBy(t => t), found.Select(e => e.LastWriteTimeUtc).OrderBy(t => t));
        }

        [ContractFact]
        public void FindDescribesADeepFileAndItsFolderAndNothingWhereNothingIs()
        {
            var (root, files) = DeepTree();
            var folder = Path.GetDirectoryName(files[0])!;

            var file = Files.Find(files[0]);
            var parent = Files.Find(folder);

            Assert.NotNull(file);
            Assert.Equal(files[0], file!.Value.FullName);
            Assert.Equal("index-dir", file.Value.Name);
            Assert.False(file.Value.IsDirectory);
            Assert.Equal("cached response body".Length, file.Value.Length);
            Assert.Equal(Written, file.Value.LastWriteTimeUtc);
            Assert.NotNull(parent);
            Assert.True(parent!.Value.IsDirectory);
            Assert.False(parent.Value.IsLink);
            Assert.Null(Files.Find(files[0] + "-gone"));
            Assert.Null(Files.Find(Path.Combine(folder, "missing", "below")));
        }

        [ContractFact]
        public void ADeepFolderChainIsCreatedOnceAndAFileInTheWayIsRefused()
        {
            var deep = DeepFolder(Path.Combine(Root, "Backup", "Cache"));
            var file = Path.Combine(Root, "in-the-way");
            File.WriteAllText(file, "kept");

            Files.CreateDirectory(deep);
            Files.CreateDirectory(deep);

            Assert.True(deep.Length > 300, deep.Length + " characters");
            Assert.True(Directory.Exists(deep));
            Assert.Empty(Directory.GetFileSystemEntries(deep));
            Assert.ThrowsAny<IOException>(() => Files.CreateDirectory(Path.Combine(file, "below")));
            Assert.Equal("kept", File.ReadAllText(file));
        }

        /// <summary>What a backup of a deep cache and its undo do item by item: a mirrored deep folder, a move there and back.</summary>
        [ContractFact]
        public void ADeepFileMovesIntoAMirroredDeepBackupAndBack()
        {
            var (root, files) = DeepTree();
            var backupContent = Path.Combine(Root, "Backup", "Cache");
            var backup = backupContent + files[0].Substring(root.Length);
            var originalFolder = Path.GetDirectoryName(files[0])!;

            Files.CreateDirectory(ExtendedLengthPath.ParentOf(backup));
            Files.MoveFile(files[0], backup);
            Files.DeleteFile(files[1]);
            Files.DeleteFile(files[2]);
            Files.DeleteDirectory(originalFolder);
            Files.CreateDirectory(originalFolder);
            Files.MoveFile(backup, files[0]);

            Assert.True(backup.Length > 300, backup.Length + " characters");
            Assert.Equal("cached response body", File.ReadAllText(files[0]));
            Assert.False(File.Exists(backup));
            Assert.Equal(new[] { files[0] }, Directory.GetFiles(originalFolder));
        }

        [ContractFact]
        public void ListingGivesFullNamesKindsAndSizesAndNothingElse()
        {
            Directory.CreateDirectory(Path.Combine(Root, "sub"));
            File.WriteAllText(Path.Combine(Root, "five.bin"), "12345");

            var entries = Files.List(Root).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

            Assert.Equal(new[] { "five.bin", "sub" }, entries.Select(e => e.Name));
            Assert.Equal(Path.Combine(Root, "five.bin"), entries[0].FullName);
            Assert.False(entries[0].IsDirectory);
            Assert.Equal(5, entries[0].Length);
            Assert.Equal(File.GetLastWriteTimeUtc(Path.Combine(Root, "five.bin")), entries[0].LastWriteTimeUtc);
            Assert.True(entries[1].IsDirectory);
            Assert.False(entries[1].IsLink);
            Assert.Equal(0, entries[1].Length);
        }

        [ContractFact]
        public void AMissingFolderCannotBeListedAndAGoneFileIsNoError()
        {
            var missing = Path.Combine(Root, "missing");

            Assert.ThrowsAny<IOException>(() => Files.List(missing).ToList());
            Files.DeleteFile(Path.Combine(Root, "gone.txt"));
            Files.DeleteDirectory(missing);
            Assert.Empty(Directory.GetFileSystemEntries(Root));
        }

        [ContractFact]
        public void AFolderWithAFileIsNotRemovedAsIfEmpty()
        {
            var folder = Path.Combine(Root, "full");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "kept.txt"), "kept");

            Assert.ThrowsAny<IOException>(() => Files.DeleteDirectory(folder));
            Assert.Equal("kept", File.ReadAllText(Path.Combine(folder, "kept.txt")));
        }

        /// <summary>
        /// Everything an open folder does to its own entries by name, with nothing swapped: what the walks of the cache clear, the
        /// backup and the undo rely on, so it must hold under Wine as well as on Windows and Linux.
        /// </summary>
        [ContractFact]
        public void AnOpenFolderDeletesAndMovesItsOwnEntriesByName()
        {
            var opened = Path.Combine(Root, "a");
            var backup = Path.Combine(Root, "backup");
            Directory.CreateDirectory(Path.Combine(opened, "sub"));
            Directory.CreateDirectory(Path.Combine(opened, "empty"));
            Directory.CreateDirectory(Path.Combine(opened, "tree", "deeper"));
            Directory.CreateDirectory(Path.Combine(opened, "full"));
            Directory.CreateDirectory(backup);
            File.WriteAllText(Path.Combine(opened, "f"), "opened");
            File.WriteAllText(Path.Combine(opened, "r"), "read-only");
            File.WriteAllText(Path.Combine(opened, "g"), "moved");
            File.WriteAllText(Path.Combine(opened, "h"), "stays");
            File.WriteAllText(Path.Combine(opened, "sub", "s"), "opened");
            File.WriteAllText(Path.Combine(opened, "tree", "deeper", "t"), "moved with its folder");
            File.WriteAllText(Path.Combine(opened, "full", "kept"), "kept");
            File.WriteAllText(Path.Combine(backup, "taken"), "was there first");
            File.SetAttributes(Path.Combine(opened, "r"), FileAttributes.ReadOnly);
            File.SetAttributes(Path.Combine(opened, "g"), FileAttributes.ReadOnly);
            using var folder = Files.OpenFolder(opened);
            using var into = Files.OpenFolder(backup);

            using (var sub = folder.OpenFolder("sub"))
            {
                sub.DeleteFile("s");
            }

            folder.DeleteFile("f");
            folder.DeleteFile("r");
            folder.DeleteFile("never-there");
            folder.DeleteFolder("empty");
            folder.DeleteFolder("sub");
            folder.Move("g", into, "g");
            folder.Move("tree", into, "tree");
            var collision = Record.Exception(() => folder.Move("h", into, "taken"));
            var notEmpty = Record.Exception(() => folder.DeleteFolder("full"));
            using (into.OpenOrCreateFolder("made"))
            {
                File.WriteAllText(Path.Combine(backup, "made", "inside"), "made");
            }

            using (var again = into.OpenOrCreateFolder("made"))
            {
                Assert.Equal(new[] { "inside" }, again.List().Select(e => e.Name));
            }

            Assert.IsAssignableFrom<IOException>(collision);
            Assert.IsAssignableFrom<IOException>(notEmpty);
            Assert.Equal(new[] { "full", "h" }, Directory.GetFileSystemEntries(opened).Select(Path.GetFileName).OrderBy(n => n));
            Assert.Equal("stays", File.ReadAllText(Path.Combine(opened, "h")));
            Assert.Equal("kept", File.ReadAllText(Path.Combine(opened, "full", "kept")));
            Assert.Equal("moved", File.ReadAllText(Path.Combine(backup, "g")));
            Assert.Equal("moved with its folder", File.ReadAllText(Path.Combine(backup, "tree", "deeper", "t")));
            Assert.Equal("was there first", File.ReadAllText(Path.Combine(backup, "taken")));
        }

        /// <summary>
        /// The swap itself. Wine cannot pass it: its wineserver keeps, for every handle, the Unix path the entry had when it was
        /// opened (server/fd.c open_fd: the root folder's path text plus the name, through realpath), and acts by that path, not
        /// by the open file. A disposition delete unlinks that path at close only when it still names the same inode
        /// (unlink_closed_fd), so an entry of the moved-away folder is silently left (and the decoy too); the folder then
        /// fails set_fd_disposition's is_dir_empty check, STATUS_DIRECTORY_NOT_EMPTY, Win32 error 145. A rename calls
        /// rename() on that path (set_fd_name), so it moves the decoy now lying there into the backup; with nothing at the
        /// path, realpath left the handle without a name and the rename fails with STATUS_OBJECT_TYPE_MISMATCH (error 6).
        /// Windows acts on the open file object, which is what the module relies on; Linux acts on the descriptor.
        /// </summary>
        [ContractFact(WineGap = "wineserver acts on an entry by the Unix path it had when opened, not by its handle (server/fd.c: open_fd builds "
            + "it from the root's path text, unlink_closed_fd unlinks that path only if it is still the same inode, set_fd_name renames "
            + "that path): after the swap the moved-away entries stay (error 145 on their folder) and the decoy is moved.")]
        public void AnOpenFolderIsActedOnByNameWhateverNowLiesAtItsPath()
        {
            var opened = Path.Combine(Root, "a");
            var backup = Path.Combine(Root, "backup");
            Directory.CreateDirectory(Path.Combine(opened, "sub"));
            Directory.CreateDirectory(Path.Combine(opened, "empty"));
            Directory.CreateDirectory(backup);
            File.WriteAllText(Path.Combine(opened, "f"), "opened");
            File.WriteAllText(Path.Combine(opened, "g"), "opened");
            File.WriteAllText(Path.Combine(opened, "sub", "s"), "opened");
            File.SetAttributes(Path.Combine(opened, "g"), FileAttributes.ReadOnly);
            using var folder = Files.OpenFolder(opened);
            using var into = Files.OpenFolder(backup);
            // What a user does between the check and the act: the folder moves away and a decoy takes its name.
            Directory.Move(opened, opened + ".moved");
            Directory.CreateDirectory(Path.Combine(opened, "sub"));
            Directory.CreateDirectory(Path.Combine(opened, "empty"));
            File.WriteAllText(Path.Combine(opened, "f"), "decoy");
            File.WriteAllText(Path.Combine(opened, "g"), "decoy");
            File.WriteAllText(Path.Combine(opened, "sub", "s"), "decoy");

            var listed = folder.List().Select(e => (e.Name, e.IsDirectory, e.FullName)).OrderBy(e => e.Name).ToList();
            using (var sub = folder.OpenFolder("sub"))
            {
                sub.DeleteFile("s");
            }

            folder.DeleteFile("f");
            folder.DeleteFolder("empty");
            folder.DeleteFolder("sub");
            folder.Move("g", into, "g");
            using (var made = into.OpenOrCreateFolder("made"))
            {
                Assert.Empty(made.List());
            }

            Assert.Equal(new[] { ("empty", true, Path.Combine(opened, "empty")), ("f", false, Path.Combine(opened, "f")),
                ("g", false, Path.Combine(opened, "g")), ("sub", true, Path.Combine(opened, "sub")) }, listed);
            Assert.Empty(Directory.GetFileSystemEntries(opened + ".moved"));
            Assert.Equal("opened", File.ReadAllText(Path.Combine(backup, "g")));
            Assert.True(Directory.Exists(Path.Combine(backup, "made")));
            Assert.Equal("decoy", File.ReadAllText(Path.Combine(opened, "f")));
            Assert.Equal("decoy", File.ReadAllText(Path.Combine(opened, "g")));
            Assert.Equal("decoy", File.ReadAllText(Path.Combine(opened, "sub", "s")));
            Assert.True(Directory.Exists(Path.Combine(opened, "empty")));
        }

        [ContractFact]
        public void OpeningAMissingFileForReadingCreatesNothing()
        {
            var missing = Path.Combine(Root, "profile", "NTUSER.DAT");
            Directory.CreateDirectory(Path.GetDirectoryName(missing)!);

            Assert.ThrowsAny<FileNotFoundException>(() => Files.OpenForReading(missing));
            Assert.ThrowsAny<IOException>(() => Files.OpenForReading(Path.Combine(Root, "no-profile", "NTUSER.DAT")));

            Assert.False(File.Exists(missing));
            Assert.False(Directory.Exists(Path.Combine(Root, "no-profile")));
        }

        /// <summary>While the file is open for reading, another open that shares it may write to it and delete it.</summary>
        [ContractFact]
        public void AFileOpenForReadingStaysWritableAndDeletableForOthers()
        {
            var hive = Path.Combine(Root, "NTUSER.DAT");
            File.WriteAllText(hive, "hive");

            using (var reading = Files.OpenForReading(hive))
            {
                Assert.False(reading.CanWrite);
                using (var owner = new FileStream(hive, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                    owner.WriteByte((byte)'H');
                }

                Assert.Equal((byte)'H', (byte)reading.ReadByte());
                File.Delete(hive);
            }

            Assert.False(File.Exists(hive));
        }

        [ContractFact]
        public void AUncPathIsANetworkShareAndTheTempFolderIsNot()
        {
            Assert.True(Files.IsOnNetworkShare(@"\\files\profiles$\alice\AppData"));
            Assert.True(Files.IsOnNetworkShare(@"\\?\UNC\files\profiles$\alice\AppData"));
            Assert.False(Files.IsOnNetworkShare(Root));
        }
    }

    public sealed class PhysicalFileOperationsContractTests : FileOperationsContractTests
    {
        protected override IFileOperations Files => PhysicalFileOperations.Instance;

        /// <summary>Symbolic links on Linux (Wine cannot make them, so the Windows class does not run this one).</summary>
        [NotUnderWineFact("Wine cannot make the symbolic links this test needs: its CreateSymbolicLinkW (dlls/kernelbase/file.c) is a stub "
            + "that returns TRUE and makes nothing, so the link is missing rather than refused.")]
        public void AFolderThatIsALinkIsNeverOpenedAndALinkInsideIsRemovedAsItself()
        {
            var target = Path.Combine(Root, "target");
            Directory.CreateDirectory(Path.Combine(target, "inner"));
            File.WriteAllText(Path.Combine(target, "inner", "t"), "target");
            var folder = Path.Combine(Root, "folder");
            Directory.CreateDirectory(folder);
            Directory.CreateSymbolicLink(Path.Combine(folder, "link"), target);
            Directory.CreateSymbolicLink(Path.Combine(Root, "linked"), target);

            Assert.Throws<TeamsRemediation.Platform.LinkRefusedException>(() => Files.OpenFolder(Path.Combine(Root, "linked")));
            using (var open = Files.OpenFolder(folder))
            {
                Assert.Throws<TeamsRemediation.Platform.LinkRefusedException>(() => open.OpenFolder("link"));
                Assert.True(Assert.Single(open.List()).IsLink);
                open.DeleteFolder("link");
            }

            Assert.Empty(Directory.GetFileSystemEntries(folder));
            Assert.Equal("target", File.ReadAllText(Path.Combine(target, "inner", "t")));
        }
    }

    public sealed class SimulatedFileOperationsContractTests : FileOperationsContractTests
    {
        private readonly SimulatedFileOperations files = new SimulatedFileOperations();

        protected override IFileOperations Files => files;

        [Fact]
        public void ADeclaredShareAndEverythingBelowItIsOnTheNetwork()
        {
            var share = Path.Combine(Root, "share");
            files.DeclareNetworkShare(share);

            Assert.True(files.IsOnNetworkShare(Path.Combine(share, "alice", "AppData")));
            Assert.False(files.IsOnNetworkShare(Path.Combine(Root, "shared")));
        }
    }

    [WindowsOnlyContract]
    public sealed class WindowsFileOperationsContractTests : FileOperationsContractTests
    {
        protected override IFileOperations Files => WindowsFileOperations.Instance;
    }
}
