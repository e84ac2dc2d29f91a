using System;
using System.Collections.Generic;
using System.IO;
using System.Security;
using System.Threading;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// Removes the content of one cache root as a <see cref="CacheRemovalPlan"/> says, streaming: the plan is walked
    /// on the caller's thread (kept items, backups and their journal in order), while folders that simply go are
    /// deleted by a few threads at once (<see cref="ParallelFolderDeleter"/>). Nothing is collected per file, so a
    /// million-file tree costs what a ten-file tree costs in memory. A junction or symbolic link is never entered:
    /// the link itself is removed, its target never touched. The tree is the user's, who may swap any folder in it for a
    /// junction at any moment: every folder is opened by name inside the one above it, and every delete and every move
    /// into the backup acts by name through those handles (<see cref="IFolderHandle"/>), the backup's folders too, never
    /// by a path looked up again after the check. Nothing outside the root is ever changed. A file that cannot be removed
    /// is listed and the run goes on.
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
        private List<IFolderHandle> openFolders = new List<IFolderHandle>();
        private IFolderHandle? backupRoot;

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

            deleter = countOnly ? null : new ParallelFolderDeleter(EnsureInside, AddFailure, threads);
            openFolders = new List<IFolderHandle>();
            try
            {
                if (OpenRoot() is { } root)
                {
                    backupRoot = plan.NeedsBackup && !countOnly ? OpenBackupRoot() : null;
                    if (backupRoot != null || !plan.NeedsBackup || countOnly)
                    {
                        ProcessKeptFolder(root, countOnly);
                    }
                }
            }
            finally
            {
                // Even when the walk stops, the folders already handed over are finished and no deleting thread is left behind; the
                // folders they were handed in are closed only then.
                try
                {
                    deleter?.Finish(ReportFromDeleter);
                }
                finally
                {
                    openFolders.ForEach(f => f.Dispose());
                    openFolders.Clear();
                    backupRoot = null;
                }
            }

            tally.FilesRemoved = Interlocked.Read(ref filesRemoved) + (deleter?.FilesRemoved ?? 0);
            tally.BytesFreed = Interlocked.Read(ref bytesFreed) + (deleter?.BytesFreed ?? 0);
            deleter = null;
            return tally;
        }

        /// <summary>A folder that stays (the root, or one that holds kept data), open: decide for each child.</summary>
        private void ProcessKeptFolder(IFolderHandle folder, bool countOnly)
        {
            foreach (var child in Children(folder))
            {
                var link = child.IsLink;
                var realDirectory = child.IsDirectory && !link;
                var disposition = plan.Decide(child.FullName, realDirectory, out var enter);
                if (enter)
                {
                    try
                    {
                        if (TryOpen(() => folder.OpenFolder(child.Name), child.FullName) is { } inner)
                        {
                            ProcessKeptFolder(inner, countOnly);
                        }
                    }
                    catch (LinkRefusedException)
                    {
                        // Swapped for a link after the listing: removed itself, as any link here.
                        if (!countOnly)
                        {
                            DeleteLeaf(folder, AsLink(child), link: true);
                        }
                    }

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
                    Delete(folder, child, link, realDirectory);
                }
                else
                {
                    BackUp(folder, child, realDirectory, Path.Combine(plan.BackupContentFolder!, Relative(child.FullName)));
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

        private void Delete(IFolderHandle folder, FolderEntry item, bool link, bool realDirectory)
        {
            if (realDirectory)
            {
                EnsureInside(item.FullName);
                deleter!.Add(folder, item.Name);
            }
            else
            {
                DeleteLeaf(folder, item, link);
            }
        }

        /// <summary>
        /// Deletes a file, or a link itself, by name in its open folder; the hot path of a large tree, so no closure and no second stat.
        /// </summary>
        private bool DeleteLeaf(IFolderHandle folder, FolderEntry item, bool link)
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
                    folder.DeleteFolder(item.Name);
                }
                else
                {
                    folder.DeleteFile(item.Name);
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

        /// <summary>
        /// Moves an item into the backup in one rename when possible, else item by item, so one locked file never keeps the rest. Each
        /// move is recorded first, then made by name from the item's open folder into the backup folder opened (or made) by name below
        /// the backup's own content folder.
        /// </summary>
        private bool BackUp(IFolderHandle folder, FolderEntry item, bool realDirectory, string destination)
        {
            if (!realDirectory)
            {
                if (item.IsLink)
                {
                    return DeleteLeaf(folder, item, link: true);
                }

                var length = item.Length;
                if (!TryChange(item.FullName, () => MoveIntoBackup(folder, item, destination)))
                {
                    return false;
                }

                Removed(1, length);
                return true;
            }

            EnsureInside(item.FullName);
            try
            {
                MoveIntoBackup(folder, item, destination);
                CountTree(destination);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A file inside is open, or the backup is on another volume: move what can be moved, list the rest.
            }

            IFolderHandle inner;
            try
            {
                var opened = TryOpen(() => folder.OpenFolder(item.Name), item.FullName);
                if (opened == null)
                {
                    return false;
                }

                inner = opened;
            }
            catch (LinkRefusedException)
            {
                // Swapped for a link after the listing: removed itself, never moved (nor followed).
                return DeleteLeaf(folder, AsLink(item), link: true);
            }

            var complete = true;
            using (inner)
            {
                openFolders.Remove(inner);
                foreach (var child in Children(inner))
                {
                    var childIsDirectory = child.IsDirectory && !child.IsLink;
                    complete &= BackUp(inner, child, childIsDirectory, Path.Combine(destination, child.Name));
                }
            }

            return complete && TryChange(item.FullName, () => folder.DeleteFolder(item.Name));
        }

        /// <summary>Records the move in the backup's journal, then renames the entry from its open folder into the backup's.</summary>
        private void MoveIntoBackup(IFolderHandle folder, FolderEntry item, string destination)
        {
            var relative = PathScope.RelativeInside(destination, plan.BackupContentFolder!)
                ?? throw new InvalidOperationException("Refusing to move " + item.FullName + " to " + destination + ": it is outside the backup.");
            var parts = relative.Split(Path.DirectorySeparatorChar);
            var into = backupRoot!;
            try
            {
                for (var i = 0; i < parts.Length - 1; i++)
                {
                    var next = into.OpenOrCreateFolder(parts[i]);
                    if (into != backupRoot)
                    {
                        into.Dispose();
                    }

                    into = next;
                }

                var target = into;
                backupJournal!.Move(item.FullName, destination, () => folder.Move(item.Name, target, parts[parts.Length - 1]));
            }
            finally
            {
                if (into != backupRoot)
                {
                    into.Dispose();
                }
            }
        }

        /// <summary>Opens a folder and keeps it open until the run ends (deleting threads may still act inside it); null when it cannot be
        /// opened (listed as a failure). A link is not caught here: each caller decides what a link in that place means.</summary>
        private IFolderHandle? TryOpen(Func<IFolderHandle> open, string path)
        {
            try
            {
                return Keep(open());
            }
            catch (LinkRefusedException)
            {
                throw;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                AddFailure(path, Reason(e));
                return null;
            }
        }

        /// <summary>
        /// The cache root, opened as itself; null when it is gone, or a link (the caller refused a root that is a link; one that became a
        /// link since is not opened, and nothing is changed).
        /// </summary>
        private IFolderHandle? OpenRoot()
        {
            var found = files.Find(plan.Root);
            if (found == null || !found.Value.IsDirectory || found.Value.IsLink)
            {
                return null;
            }

            try
            {
                return TryOpen(() => files.OpenFolder(plan.Root), plan.Root);
            }
            catch (LinkRefusedException)
            {
                return null;
            }
        }

        /// <summary>
        /// The backup's content folder, opened as itself before anything moves into it (it lies in the user's tree too); null, with the
        /// reason listed, when it is a link now or gone: then nothing is moved, and so nothing removed.
        /// </summary>
        private IFolderHandle? OpenBackupRoot()
        {
            try
            {
                return Keep(files.OpenFolder(plan.BackupContentFolder!));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                AddFailure(plan.BackupContentFolder!, Reason(e));
                return null;
            }
        }

        private IFolderHandle Keep(IFolderHandle folder)
        {
            openFolders.Add(folder);
            return folder;
        }

        /// <summary>The entry as the link it has become since it was listed as a folder.</summary>
        private static FolderEntry AsLink(FolderEntry item) => new FolderEntry(item.FullName, item.Name, true, true, 0, item.LastWriteTimeUtc);

        private IEnumerable<FolderEntry> Children(IFolderHandle folder)
        {
            var frame = new Frame(folder.FullName);
            using (frame)
            {
                while (Next(frame, folder))
                {
                    yield return frame.Children!.Current;
                }
            }
        }

        private bool Next(Frame frame, IFolderHandle folder)
        {
            try
            {
                frame.Children = frame.Children ?? folder.List().GetEnumerator();
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
