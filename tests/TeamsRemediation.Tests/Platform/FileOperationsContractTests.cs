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

        /// <summary>Service Worker\CacheStorage\&lt;hash&gt;\&lt;guid&gt;... deep enough that every file path is over 300 characters.</summary>
        private (string Root, string[] Files) DeepTree()
        {
            var root = Path.Combine(Root, "MSTeams");
            var folder = Path.Combine(root, "EBWebView", "WV2Profile_tfw", "Service Worker", "CacheStorage");
            var level = 0;
            while (folder.Length < 300)
            {
                folder = Path.Combine(folder, level++.ToString("D2") + "-" + Guid.NewGuid().ToString("N"));
            }

            Directory.CreateDirectory(folder);
            var files = new[] { Path.Combine(folder, "index-dir"), Path.Combine(folder, "0a1b2c3d4e5f_0"), Path.Combine(folder, "f_000003") };
            foreach (var file in files)
            {
                File.WriteAllText(file, "cached response body");
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
        public void ListingGivesFullNamesKindsAndSizesAndNothingElse()
        {
            Directory.CreateDirectory(Path.Combine(Root, "sub"));
            File.WriteAllText(Path.Combine(Root, "five.bin"), "12345");

            var entries = Files.List(Root).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

            Assert.Equal(new[] { "five.bin", "sub" }, entries.Select(e => e.Name));
            Assert.Equal(Path.Combine(Root, "five.bin"), entries[0].FullName);
            Assert.False(entries[0].IsDirectory);
            Assert.Equal(5, entries[0].Length);
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
