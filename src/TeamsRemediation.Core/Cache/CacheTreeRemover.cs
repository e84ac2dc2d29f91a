using System;
using System.Collections.Generic;
using System.IO;
using System.Security;
using System.Threading;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// Removes the content of one cache root as a <see cref="CacheRemovalPlan"/> says, streaming: the plan is walked
    /// on the caller's thread (kept items, backups and their journal in order), while folders that simply go are
    /// deleted by a few threads at once (<see cref="ParallelFolderDeleter"/>). Nothing is collected per file, so a
    /// million-file tree costs what a ten-file tree costs in memory. A junction or symbolic link is never entered:
    /// the link itself is removed, its target never touched. Nothing outside the root is ever changed. A file that
    /// cannot be removed is listed and the run goes on.
    /// </summary>
    public sealed class CacheTreeRemover
    {
        /// <summary>How often (in files) progress is reported.</summary>
        public const int ProgressEvery = 1000;

        /// <summary>
        /// Threads deleting at once, whatever the number of cores: a delete mostly waits for the disk (the file
        /// system's journal, a discard of the freed blocks), not for a processor, so the threads must cover the
        /// disk's waits. Deletes do not speed up past 16 on the disks measured (README, cache delete), and a bound
        /// keeps a remediation from flooding a user's disk queue.
        /// </summary>
        public const int DefaultThreads = 16;

        private readonly IFileOperations files;
        private readonly ChangeJournal? backupJournal;
        private readonly Action<long, long>? progress;
        private readonly Action<string>? decision;
        private readonly int threads;
        private CacheRemovalPlan plan = null!;
        private CacheRemovalTally tally = null!;
        private string rootPrefix = string.Empty;
        private long nextProgress;
        private long filesRemoved;
        private long bytesFreed;
        private ParallelFolderDeleter? deleter;

        /// <param name="files">Where deletes and moves go (the seam a test makes fail).</param>
        /// <param name="backupJournal">Makes every move into the backup, each recorded before it is made; required when the plan backs up.</param>
        /// <param name="progress">Called with (files, bytes) every <see cref="ProgressEvery"/> files.</param>
        /// <param name="decision">Told each decision that is not the plan's default (kept items, links): -Verbose.</param>
        /// <param name="threads">Threads deleting at once, the caller's included; <see cref="DefaultThreads"/> when 0.</param>
        /// <remarks>Every callback runs on the thread that calls <see cref="Run"/>.</remarks>
        public CacheTreeRemover(
            IFileOperations files,
            ChangeJournal? backupJournal = null,
            Action<long, long>? progress = null,
            Action<string>? decision = null,
            int threads = 0)
        {
            this.threads = threads > 0 ? threads : DefaultThreads;
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
            filesRemoved = 0;
            bytesFreed = 0;
            if (plan.NeedsBackup && (plan.BackupContentFolder == null || backupJournal == null) && !countOnly)
            {
                throw new ArgumentException("The plan backs items up but names no backup folder or journal.", nameof(plan));
            }

            deleter = countOnly ? null : new ParallelFolderDeleter(files, EnsureInside, AddFailure, threads);
            var root = new DirectoryInfo(plan.Root);
            try
            {
                if (root.Exists && !SafeTree.IsLink(root))
                {
                    ProcessKeptFolder(plan.Root, countOnly);
                }
            }
            finally
            {
                // Even when the walk stops, the folders already handed over are finished and no deleting thread is left behind.
                deleter?.Finish(ReportFromDeleter);
            }

            tally.FilesRemoved = Interlocked.Read(ref filesRemoved) + (deleter?.FilesRemoved ?? 0);
            tally.BytesFreed = Interlocked.Read(ref bytesFreed) + (deleter?.BytesFreed ?? 0);
            deleter = null;
            return tally;
        }

        /// <summary>A folder that stays (the root, or one that holds kept data): decide for each child.</summary>
        private void ProcessKeptFolder(string folder, bool countOnly)
        {
            foreach (var child in Children(folder))
            {
                var link = child.IsLink;
                var realDirectory = child.IsDirectory && !link;
                var disposition = plan.Decide(child.FullName, realDirectory, out var enter);
                if (enter)
                {
                    ProcessKeptFolder(child.FullName, countOnly);
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

        private void Count(FolderEntry item, bool link, bool realDirectory)
        {
            if (realDirectory)
            {
                CountTree(item.FullName);
            }
            else
            {
                Removed(1, link ? 0 : item.Length);
            }
        }

        /// <summary>
        /// Counts a tree the way removing it counts: every file and every link is one item (a link is removed itself),
        /// so -WhatIf and the real run report the same number.
        /// </summary>
        private void CountTree(string folder)
        {
            var pending = new Stack<string>();
            pending.Push(folder);
            while (pending.Count > 0)
            {
                foreach (var entry in Listed(pending.Pop()))
                {
                    if (entry.IsDirectory && !entry.IsLink)
                    {
                        pending.Push(entry.FullName);
                    }
                    else
                    {
                        Removed(1, entry.IsLink ? 0 : entry.Length);
                    }
                }
            }
        }

        /// <summary>A folder's entries for counting: one that cannot be listed counts as empty, as removing it would list it as failed.</summary>
        private IEnumerable<FolderEntry> Listed(string folder)
        {
            using (var frame = new Frame(folder))
            {
                while (true)
                {
                    try
                    {
                        frame.Children = frame.Children ?? files.List(folder).GetEnumerator();
                        if (!frame.Children.MoveNext())
                        {
                            yield break;
                        }
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
                    {
                        yield break;
                    }

                    yield return frame.Children.Current;
                }
            }
        }

        private void Delete(FolderEntry item, bool link, bool realDirectory)
        {
            if (realDirectory)
            {
                EnsureInside(item.FullName);
                deleter!.Add(item.FullName);
            }
            else
            {
                DeleteLeaf(item, link);
            }
        }

        /// <summary>Deletes a file, or a link itself; the hot path of a large tree, so no closure and no second stat.</summary>
        private bool DeleteLeaf(FolderEntry item, bool link)
        {
            var path = item.FullName;
            EnsureInside(path);
            var length = link ? 0 : item.Length;
            if (link)
            {
                decision?.Invoke(LinkNote(path));
            }

            try
            {
                if (link && item.IsDirectory)
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
                AddFailure(path, Reason(e));
                return false;
            }

            Removed(1, length);
            return true;
        }

        /// <summary>Moves an item into the backup in one rename when possible, else item by item, so one locked file never keeps the rest.</summary>
        private bool BackUp(FolderEntry item, bool realDirectory, string destination)
        {
            if (!realDirectory)
            {
                if (item.IsLink)
                {
                    return DeleteLeaf(item, link: true);
                }

                var length = item.Length;
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
            foreach (var child in Children(item.FullName))
            {
                var childIsDirectory = child.IsDirectory && !child.IsLink;
                complete &= BackUp(child, childIsDirectory, Path.Combine(destination, child.Name));
            }

            return complete && TryChange(item.FullName, () => files.DeleteDirectory(item.FullName));
        }

        private IEnumerable<FolderEntry> Children(string folder)
        {
            var frame = new Frame(folder);
            using (frame)
            {
                while (Next(frame))
                {
                    yield return frame.Children!.Current;
                }
            }
        }

        private bool Next(Frame frame)
        {
            try
            {
                frame.Children = frame.Children ?? files.List(frame.Folder).GetEnumerator();
                return frame.Children.MoveNext();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                AddFailure(frame.Folder, e.Message);
                frame.Failed = true;
                return false;
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
                AddFailure(path, Reason(e));
                return false;
            }
        }

        internal static string LinkNote(string path) => "Removing the link " + path + " itself; where it points is never entered or touched.";

        internal static string Reason(Exception e) =>
            e is UnauthorizedAccessException ? "access denied (" + e.Message + ")" : "in use or not removable (" + e.Message + ")";

        /// <summary>The last guard: every change is below the root, whatever the enumeration returned.</summary>
        private void EnsureInside(string path)
        {
            if (!path.StartsWith(rootPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Refusing to change " + path + ": it is outside the cache root " + plan.Root + ".");
            }
        }

        /// <summary>Through the file seam: the backup mirrors the cache's depth, so its folders pass MAX_PATH where the cache does.</summary>
        private void EnsureParent(string path) => files.CreateDirectory(ExtendedLengthPath.ParentOf(path));

        private string Relative(string fullPath) => fullPath.Substring(rootPrefix.Length);

        /// <summary>Failures come from the deleting threads too; the tally's list is guarded here.</summary>
        private void AddFailure(string path, string reason)
        {
            lock (tally)
            {
                tally.AddFailure(path, reason);
            }
        }

        private void Removed(long count, long bytes)
        {
            Interlocked.Add(ref filesRemoved, count);
            Interlocked.Add(ref bytesFreed, bytes);
            ReportProgress();
        }

        /// <summary>Called by the deleter on this thread: shows what the deleting threads did meanwhile.</summary>
        private void ReportFromDeleter(IEnumerable<string> linkNotes)
        {
            foreach (var note in linkNotes)
            {
                decision?.Invoke(note);
            }

            ReportProgress();
        }

        private void ReportProgress()
        {
            var removed = Interlocked.Read(ref filesRemoved) + (deleter?.FilesRemoved ?? 0);
            if (progress != null && removed >= nextProgress)
            {
                nextProgress = removed + ProgressEvery;
                progress(removed, Interlocked.Read(ref bytesFreed) + (deleter?.BytesFreed ?? 0));
            }
        }

        private sealed class Frame : IDisposable
        {
            public Frame(string folder)
            {
                Folder = folder;
            }

            public string Folder { get; }

            public IEnumerator<FolderEntry>? Children { get; set; }

            public bool Failed { get; set; }

            public void Dispose() => Children?.Dispose();
        }
    }
}
