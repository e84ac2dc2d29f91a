using System;
using System.Collections.Generic;
using System.IO;
using System.Security;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// Removes the content of one cache root as a <see cref="CacheRemovalPlan"/> says, streaming: one directory
    /// listing per level is open at a time, nothing is collected, so a million-file tree costs what a ten-file
    /// tree costs in memory. A junction or symbolic link is never entered: the link itself is removed, its target
    /// never touched. Nothing outside the root is ever changed. A file that cannot be removed is listed and the
    /// run goes on.
    /// </summary>
    public sealed class CacheTreeRemover
    {
        /// <summary>How often (in files) progress is reported.</summary>
        public const int ProgressEvery = 1000;

        private readonly IFileOperations files;
        private readonly ChangeJournal? backupJournal;
        private readonly Action<long, long>? progress;
        private readonly Action<string>? decision;
        private CacheRemovalPlan plan = null!;
        private CacheRemovalTally tally = null!;
        private string rootPrefix = string.Empty;
        private long nextProgress;

        /// <param name="files">Where deletes and moves go (the seam a test makes fail).</param>
        /// <param name="backupJournal">Makes every move into the backup, each recorded before it is made; required when the plan backs up.</param>
        /// <param name="progress">Called with (files, bytes) every <see cref="ProgressEvery"/> files.</param>
        /// <param name="decision">Told each decision that is not the plan's default (kept items, links): -Verbose.</param>
        public CacheTreeRemover(IFileOperations files, ChangeJournal? backupJournal = null, Action<long, long>? progress = null,
            Action<string>? decision = null)
        {
            this.files = files;
            this.backupJournal = backupJournal;
            this.progress = progress;
            this.decision = decision;
        }

        /// <summary>Removes (or with <paramref name="countOnly"/> only counts) what the plan says. The root itself always stays.</summary>
        public CacheRemovalTally Run(CacheRemovalPlan plan, bool countOnly)
        {
            this.plan = plan;
            tally = new CacheRemovalTally();
            rootPrefix = plan.Root + Path.DirectorySeparatorChar;
            nextProgress = ProgressEvery;
            if (plan.NeedsBackup && (plan.BackupContentFolder == null || backupJournal == null) && !countOnly)
            {
                throw new ArgumentException("The plan backs items up but names no backup folder or journal.", nameof(plan));
            }

            var root = new DirectoryInfo(plan.Root);
            if (root.Exists && !SafeTree.IsLink(root))
            {
                ProcessKeptFolder(root, countOnly);
            }

            return tally;
        }

        /// <summary>A folder that stays (the root, or one that holds kept data): decide for each child.</summary>
        private void ProcessKeptFolder(DirectoryInfo folder, bool countOnly)
        {
            foreach (var child in Children(folder))
            {
                var link = SafeTree.IsLink(child);
                var realDirectory = child is DirectoryInfo && !link;
                var disposition = plan.Decide(child.FullName, realDirectory, out var enter);
                if (enter)
                {
                    ProcessKeptFolder((DirectoryInfo)child, countOnly);
                    continue;
                }

                if (disposition == CacheItemDisposition.Keep)
                {
                    tally.AddPreserved(Relative(child.FullName));
                    decision?.Invoke("Keeping " + child.FullName + ".");
                }
                else if (countOnly)
                {
                    Count(child, link, realDirectory);
                }
                else if (disposition == CacheItemDisposition.Delete || link)
                {
                    // A link holds no data of its own, so it is never moved into a backup (a move across volumes
                    // would copy its target): it is removed itself, its target never touched.
                    Delete(child, link, realDirectory);
                }
                else
                {
                    BackUp(child, realDirectory, Path.Combine(plan.BackupContentFolder!, Relative(child.FullName)));
                }
            }
        }

        private void Count(FileSystemInfo item, bool link, bool realDirectory)
        {
            if (realDirectory)
            {
                CountTree(item.FullName);
            }
            else
            {
                Removed(1, link ? 0 : LengthOf(item));
            }
        }

        /// <summary>
        /// Counts a tree the way removing it counts: every file and every link is one item (a link is removed itself),
        /// so -WhatIf and the real run report the same number.
        /// </summary>
        private void CountTree(string folder)
        {
            foreach (var entry in SafeTree.Walk(folder))
            {
                if (!entry.IsDirectory || entry.IsLink)
                {
                    Removed(1, entry.IsLink ? 0 : entry.Length);
                }
            }
        }

        private void Delete(FileSystemInfo item, bool link, bool realDirectory)
        {
            if (realDirectory)
            {
                DeleteTree((DirectoryInfo)item);
            }
            else
            {
                DeleteLeaf(item, link);
            }
        }

        /// <summary>Deletes a file, or a link itself; the hot path of a large tree, so no closure and no second stat.</summary>
        private bool DeleteLeaf(FileSystemInfo item, bool link)
        {
            var path = item.FullName;
            EnsureInside(path);
            var length = link ? 0 : LengthOf(item);
            if (link)
            {
                decision?.Invoke("Removing the link " + path + " itself; where it points is never entered or touched.");
            }

            try
            {
                if (link && item is DirectoryInfo)
                {
                    files.DeleteDirectory(path);
                }
                else
                {
                    files.DeleteFile(path);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                tally.AddFailure(path, Reason(e));
                return false;
            }

            Removed(1, length);
            return true;
        }

        /// <summary>Post-order delete with an explicit stack: depth never grows the call stack, one listing open per level.</summary>
        private void DeleteTree(DirectoryInfo top)
        {
            var stack = new Stack<Frame>();
            stack.Push(new Frame(top));
            while (stack.Count > 0)
            {
                var frame = stack.Peek();
                var child = Next(frame);
                if (child != null)
                {
                    var link = SafeTree.IsLink(child);
                    if (child is DirectoryInfo directory && !link)
                    {
                        stack.Push(new Frame(directory));
                        continue;
                    }

                    frame.Failed |= !DeleteLeaf(child, link);
                    continue;
                }

                stack.Pop();
                frame.Dispose();

                // A folder that still holds a file we could not remove cannot go either; its files are listed already.
                if (frame.Failed || !TryChange(frame.Folder.FullName, () => files.DeleteDirectory(frame.Folder.FullName)))
                {
                    if (stack.Count > 0)
                    {
                        stack.Peek().Failed = true;
                    }
                }
            }
        }

        /// <summary>Moves an item into the backup in one rename when possible, else item by item, so one locked file never keeps the rest.</summary>
        private bool BackUp(FileSystemInfo item, bool realDirectory, string destination)
        {
            if (!realDirectory)
            {
                if (SafeTree.IsLink(item))
                {
                    return DeleteLeaf(item, link: true);
                }

                var length = LengthOf(item);
                if (!TryChange(item.FullName, () => { EnsureParent(destination); backupJournal!.MoveFile(item.FullName, destination); }))
                {
                    return false;
                }

                Removed(1, length);
                return true;
            }

            EnsureInside(item.FullName);
            try
            {
                EnsureParent(destination);
                backupJournal!.MoveDirectory(item.FullName, destination);
                CountTree(destination);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A file inside is open, or the backup is on another volume: move what can be moved, list the rest.
            }

            var complete = true;
            foreach (var child in Children((DirectoryInfo)item))
            {
                var childIsDirectory = child is DirectoryInfo && !SafeTree.IsLink(child);
                complete &= BackUp(child, childIsDirectory, Path.Combine(destination, child.Name));
            }

            return complete && TryChange(item.FullName, () => files.DeleteDirectory(item.FullName));
        }

        private IEnumerable<FileSystemInfo> Children(DirectoryInfo folder)
        {
            var frame = new Frame(folder);
            using (frame)
            {
                FileSystemInfo? child;
                while ((child = Next(frame)) != null)
                {
                    yield return child;
                }
            }
        }

        private FileSystemInfo? Next(Frame frame)
        {
            try
            {
                frame.Children = frame.Children ?? frame.Folder.EnumerateFileSystemInfos().GetEnumerator();
                return frame.Children.MoveNext() ? frame.Children.Current : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                tally.AddFailure(frame.Folder.FullName, e.Message);
                frame.Failed = true;
                return null;
            }
        }

        private bool TryChange(string path, Action change)
        {
            EnsureInside(path);
            try
            {
                change();
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                tally.AddFailure(path, Reason(e));
                return false;
            }
        }

        private static string Reason(Exception e) => e is UnauthorizedAccessException ? "access denied (" + e.Message + ")" : "in use or not removable (" + e.Message + ")";

        /// <summary>The last guard: every change is below the root, whatever the enumeration returned.</summary>
        private void EnsureInside(string path)
        {
            if (!path.StartsWith(rootPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Refusing to change " + path + ": it is outside the cache root " + plan.Root + ".");
            }
        }

        private static void EnsureParent(string path) => Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        private string Relative(string fullPath) => fullPath.Substring(rootPrefix.Length);

        private static long LengthOf(FileSystemInfo item)
        {
            try
            {
                return item is FileInfo file ? file.Length : 0;
            }
            catch (IOException)
            {
                return 0;
            }
        }

        private void Removed(long count, long bytes)
        {
            tally.FilesRemoved += count;
            tally.BytesFreed += bytes;
            if (progress != null && tally.FilesRemoved >= nextProgress)
            {
                nextProgress = tally.FilesRemoved + ProgressEvery;
                progress(tally.FilesRemoved, tally.BytesFreed);
            }
        }

        private sealed class Frame : IDisposable
        {
            public Frame(DirectoryInfo folder)
            {
                Folder = folder;
            }

            public DirectoryInfo Folder { get; }

            public IEnumerator<FileSystemInfo>? Children { get; set; }

            public bool Failed { get; set; }

            public void Dispose() => Children?.Dispose();
        }
    }
}
