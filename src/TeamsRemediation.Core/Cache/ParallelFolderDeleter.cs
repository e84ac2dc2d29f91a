using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Security;
using System.Threading;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// Deletes whole folders with a bounded number of threads: every folder met is one work item, its files are
    /// deleted by whichever thread lists it, and a folder is removed by the thread that finishes its last child
    /// (post-order without waiting). Memory grows with the folders still waiting to be listed, never with files.
    /// A junction or symbolic link is removed itself and never entered. Every folder is opened by name inside the one above it
    /// and everything in it is deleted by name through that handle (<see cref="IFolderHandle"/>), so a folder a user swaps for a
    /// junction after it was listed is removed as the junction, never followed. Only the thread that calls
    /// <see cref="Finish"/> runs the caller's callbacks, so a cmdlet can write progress and verbose from them.
    /// </summary>
    internal sealed class ParallelFolderDeleter
    {
        // A folder's counts join the totals (and progress) this often, so one huge folder still shows progress.
        private const int ShareEvery = 256;

        private readonly Action<string> ensureInside;
        private readonly Action<string, string> failed;
        private readonly int threads;
        private readonly object gate = new object();
        private readonly Stack<FolderJob> waiting = new Stack<FolderJob>();
        private readonly ConcurrentQueue<string> linkNotes = new ConcurrentQueue<string>();
        private readonly List<Thread> started = new List<Thread>();
        private int unfinishedTrees;
        private bool closed;
        private ExceptionDispatchInfo? crash;
        private long filesRemoved;
        private long bytesFreed;
        private Thread? caller;
        private Action<IEnumerable<string>>? callerPump;

        /// <param name="ensureInside">Throws for a path outside the cache root: the last guard, run before every change.</param>
        /// <param name="failed">Told (path, reason) for each item that could not be removed; called from any thread.</param>
        /// <param name="threads">How many threads delete, the caller's own included.</param>
        public ParallelFolderDeleter(Action<string> ensureInside, Action<string, string> failed, int threads)
        {
            this.ensureInside = ensureInside;
            this.failed = failed;
            this.threads = Math.Max(1, threads);
        }

        public long FilesRemoved => Interlocked.Read(ref filesRemoved);

        public long BytesFreed => Interlocked.Read(ref bytesFreed);

        /// <summary>
        /// Queues the folder <paramref name="name"/> of <paramref name="parent"/> (listed as a real folder) for deletion with all it holds;
        /// the other deleting threads start on the first one. The caller keeps <paramref name="parent"/> open until <see cref="Finish"/>.
        /// </summary>
        public void Add(IFolderHandle parent, string name)
        {
            lock (gate)
            {
                unfinishedTrees++;
                waiting.Push(new FolderJob(parent, name, null));
                while (started.Count < threads - 1)
                {
                    var thread = new Thread(WorkUntilClosed) { IsBackground = true, Name = "Teams cache deleter" };
                    started.Add(thread);
                    thread.Start();
                }

                Monitor.PulseAll(gate);
            }
        }

        /// <summary>
        /// Deletes on the calling thread too until every queued folder is gone, calling <paramref name="pump"/>
        /// between folders and at least every 100 ms with the link notes to show; rethrows what crashed another deleting thread.
        /// </summary>
        public void Finish(Action<IEnumerable<string>> pump)
        {
            lock (gate)
            {
                closed = true;
                Monitor.PulseAll(gate);
            }

            caller = Thread.CurrentThread;
            callerPump = pump;

            while (true)
            {
                pump(DrainLinkNotes());
                FolderJob? job;
                lock (gate)
                {
                    if (crash != null || unfinishedTrees == 0)
                    {
                        break;
                    }

                    if (waiting.Count == 0)
                    {
                        Monitor.Wait(gate, 100);
                        continue;
                    }

                    job = waiting.Pop();
                }

                RunGuarded(job);
            }

            foreach (var thread in started)
            {
                thread.Join();
            }

            pump(DrainLinkNotes());
            crash?.Throw();
        }

        private IEnumerable<string> DrainLinkNotes()
        {
            while (linkNotes.TryDequeue(out var note))
            {
                yield return note;
            }
        }

        private void WorkUntilClosed()
        {
            while (true)
            {
                FolderJob job;
                lock (gate)
                {
                    while (waiting.Count == 0 && crash == null && !(closed && unfinishedTrees == 0))
                    {
                        Monitor.Wait(gate);
                    }

                    if (waiting.Count == 0 || crash != null)
                    {
                        return;
                    }

                    job = waiting.Pop();
                }

                RunGuarded(job);
            }
        }

        private void RunGuarded(FolderJob job)
        {
            try
            {
                Empty(job);
            }
            catch (Exception e)
            {
                // Anything but the expected I/O refusals (those are listed as failures) stops the whole run.
                lock (gate)
                {
                    crash = crash ?? ExceptionDispatchInfo.Capture(e);
                    Monitor.PulseAll(gate);
                }
            }
        }

        /// <summary>Opens one folder in its parent and lists it once: files and links go at once, sub-folders become work items.</summary>
        private void Empty(FolderJob job)
        {
            long count = 0, bytes = 0, listed = 0;
            IEnumerator<FolderEntry>? children = null;
            try
            {
                ensureInside(job.Folder);
                try
                {
                    job.Handle = job.ParentHandle.OpenFolder(job.Name);
                }
                catch (LinkRefusedException)
                {
                    // Swapped for a link after it was listed: nothing to enter; the link itself goes when the job completes.
                    linkNotes.Enqueue(CacheTreeRemover.LinkNote(job.Folder));
                    Complete(job);
                    return;
                }

                children = job.Handle.List().GetEnumerator();
                while (children.MoveNext())
                {
                    var child = children.Current;
                    if (++listed % ShareEvery == 0)
                    {
                        Share(ref count, ref bytes);
                    }

                    var link = child.IsLink;
                    if (child.IsDirectory && !link)
                    {
                        Interlocked.Increment(ref job.Pending);
                        lock (gate)
                        {
                            waiting.Push(new FolderJob(job.Handle, child.Name, job));
                            Monitor.Pulse(gate);
                        }
                    }
                    else if (DeleteLeaf(job.Handle, child, link))
                    {
                        count++;
                        bytes += link ? 0 : child.Length;
                    }
                    else
                    {
                        job.Failed = true;
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                failed(job.Folder, e.Message);
                job.Failed = true;
            }
            finally
            {
                children?.Dispose();
                Share(ref count, ref bytes);
            }

            Complete(job);
        }

        /// <summary>Adds a folder's counts so far to the totals; on the caller's thread, also lets it show them.</summary>
        private void Share(ref long count, ref long bytes)
        {
            Interlocked.Add(ref filesRemoved, count);
            Interlocked.Add(ref bytesFreed, bytes);
            count = 0;
            bytes = 0;
            if (caller == Thread.CurrentThread)
            {
                callerPump?.Invoke(DrainLinkNotes());
            }
        }

        /// <summary>The hot path: one delete, no closure, no allocation of ours.</summary>
        private bool DeleteLeaf(IFolderHandle folder, FolderEntry item, bool link)
        {
            var path = item.FullName;
            ensureInside(path);
            if (link)
            {
                linkNotes.Enqueue(CacheTreeRemover.LinkNote(path));
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

                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                failed(path, CacheTreeRemover.Reason(e));
                return false;
            }
        }

        /// <summary>One child (or the folder's own listing) is done; the last one out removes the folder, up the tree.</summary>
        private void Complete(FolderJob? job)
        {
            while (job != null && Interlocked.Decrement(ref job.Pending) == 0)
            {
                // Closed before it is removed from its parent. A folder that still holds an item we could not remove cannot go either;
                // the item is listed already.
                job.Handle?.Dispose();
                var removed = !job.Failed && TryDeleteFolder(job);
                var parent = job.Parent;
                if (parent == null)
                {
                    lock (gate)
                    {
                        unfinishedTrees--;
                        Monitor.PulseAll(gate);
                    }

                    return;
                }

                if (!removed)
                {
                    parent.Failed = true;
                }

                job = parent;
            }
        }

        private bool TryDeleteFolder(FolderJob job)
        {
            ensureInside(job.Folder);
            try
            {
                job.ParentHandle.DeleteFolder(job.Name);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                failed(job.Folder, CacheTreeRemover.Reason(e));
                return false;
            }
        }

        private sealed class FolderJob
        {
            // Starts at one for the folder's own listing; each sub-folder found adds one until it is gone.
            public int Pending = 1;

            public volatile bool Failed;

            public FolderJob(IFolderHandle parentHandle, string name, FolderJob? parent)
            {
                ParentHandle = parentHandle;
                Name = name;
                Folder = Path.Combine(parentHandle.FullName, name);
                Parent = parent;
            }

            /// <summary>The open folder this one is in: open until this job completes (its parent job completes after it).</summary>
            public IFolderHandle ParentHandle { get; }

            public string Name { get; }

            /// <summary>The path, for the inside-the-root guard and for messages; never used to act.</summary>
            public string Folder { get; }

            public FolderJob? Parent { get; }

            /// <summary>This folder, opened by name in <see cref="ParentHandle"/> when the job runs.</summary>
            public IFolderHandle? Handle { get; set; }
        }
    }
}
