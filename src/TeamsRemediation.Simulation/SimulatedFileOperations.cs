using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.FileSystem;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// Real file operations, except for paths a scenario marks as locked (another process holds the file open:
    /// IOException, as a sharing violation on Windows) or denied (its ACL refuses: UnauthorizedAccessException).
    /// Moving a folder that holds a locked or denied file fails the way Windows refuses to rename it.
    /// </summary>
    public sealed class SimulatedFileOperations : IFileOperations
    {
        private readonly object gate = new object();
        private readonly Dictionary<string, bool> faults = new Dictionary<string, bool>(StringComparer.Ordinal);
        private readonly List<string> shares = new List<string>();

        /// <summary>Called with the source before each move (file or folder): a scenario can stop a run right there, e.g. to kill it.</summary>
        public Action<string>? BeforeMove { get; set; }

        /// <summary>
        /// Called with the step and the path of the entry before each step of a walk through folder handles (open, list, delete, move):
        /// a scenario swaps a folder for a link right there, between the check and the act, and proves the act still hits what was
        /// checked.
        /// </summary>
        public Action<FolderStep, string>? BeforeStep { get; set; }

        /// <summary>The file is open in another process: deleting or moving it fails with a sharing violation.</summary>
        public void Lock(string path) => Add(path, denied: false);

        /// <summary>The file's ACL denies the caller: deleting or moving it fails with access denied.</summary>
        public void Deny(string path) => Add(path, denied: true);

        public void Release(string path)
        {
            lock (gate)
            {
                faults.Remove(Path.GetFullPath(path));
            }
        }

        /// <summary>A folder marked denied cannot be listed, as Windows refuses FindFirstFile on a folder whose ACL denies the caller.</summary>
        public IEnumerable<FolderEntry> List(string folder)
        {
            lock (gate)
            {
                if (faults.TryGetValue(Path.GetFullPath(folder), out var denied) && denied)
                {
                    throw new UnauthorizedAccessException("Access to the path '" + Path.GetFullPath(folder) + "' is denied.");
                }
            }

            return PhysicalFileOperations.Instance.List(folder);
        }

        public FolderEntry? Find(string path) => PhysicalFileOperations.Instance.Find(path);

        public IFolderHandle OpenFolder(string path)
        {
            Step(FolderStep.Open, Path.GetFullPath(path));
            return new SimulatedFolderHandle(this, PhysicalFileOperations.Instance.OpenFolder(path));
        }

        internal void Step(FolderStep step, string path) => BeforeStep?.Invoke(step, path);

        /// <summary>A folder marked denied cannot be listed through a handle either.</summary>
        internal void ThrowIfDenied(string folder)
        {
            lock (gate)
            {
                if (faults.TryGetValue(Path.GetFullPath(folder), out var denied) && denied)
                {
                    throw new UnauthorizedAccessException("Access to the path '" + Path.GetFullPath(folder) + "' is denied.");
                }
            }
        }

        /// <summary>A folder marked denied refuses new folders inside, as its ACL would; one already there below it is no change.</summary>
        public void CreateDirectory(string path)
        {
            var firstMissing = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
            for (var parent = Path.GetDirectoryName(firstMissing); parent != null && !Directory.Exists(parent);
                parent = Path.GetDirectoryName(parent))
            {
                firstMissing = parent;
            }

            if (!Directory.Exists(firstMissing))
            {
                lock (gate)
                {
                    var parent = Path.GetDirectoryName(firstMissing);
                    if (parent != null && faults.TryGetValue(parent, out var denied) && denied)
                    {
                        throw new UnauthorizedAccessException("Access to the path '" + firstMissing + "' is denied.");
                    }
                }
            }

            PhysicalFileOperations.Instance.CreateDirectory(path);
        }

        public void DeleteFile(string path)
        {
            ThrowIfFaulted(path, includeBelow: false);
            PhysicalFileOperations.Instance.DeleteFile(path);
        }

        public void DeleteDirectory(string path)
        {
            ThrowIfFaulted(path, includeBelow: false);
            PhysicalFileOperations.Instance.DeleteDirectory(path);
        }

        public void MoveFile(string source, string destination)
        {
            BeforeMove?.Invoke(source);
            ThrowIfFaulted(source, includeBelow: false);
            PhysicalFileOperations.Instance.MoveFile(source, destination);
        }

        public void MoveDirectory(string source, string destination)
        {
            BeforeMove?.Invoke(source);
            ThrowIfFaulted(source, includeBelow: true);
            PhysicalFileOperations.Instance.MoveDirectory(source, destination);
        }

        /// <summary>Makes a folder (and all below it) a network share, as a redirected AppData on a file server is.</summary>
        public void DeclareNetworkShare(string folder)
        {
            lock (gate)
            {
                shares.Add(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
            }
        }

        public bool IsOnNetworkShare(string path)
        {
            lock (gate)
            {
                return shares.Any(share => PathScope.IsSameOrInside(path, share)) || PhysicalFileOperations.Instance.IsOnNetworkShare(path);
            }
        }

        /// <summary>A locked or denied file fails the open as Windows does; otherwise the real file, links refused.</summary>
        public Stream OpenForReading(string path)
        {
            ThrowIfFaulted(path, includeBelow: false);
            return PhysicalFileOperations.Instance.OpenForReading(path);
        }

        /// <summary>A fault on the journal itself or on any folder above it (its ACL refuses new files) fails the record.</summary>
        public Stream OpenJournal(string path, bool createNew)
        {
            for (var folder = Path.GetFullPath(path); folder != null; folder = Path.GetDirectoryName(folder))
            {
                ThrowIfFaulted(folder, includeBelow: false);
            }

            return PhysicalFileOperations.Instance.OpenJournal(path, createNew);
        }

        private void Add(string path, bool denied)
        {
            lock (gate)
            {
                faults[Path.GetFullPath(path)] = denied;
            }
        }

        internal void ThrowIfFaulted(string path, bool includeBelow)
        {
            var full = Path.GetFullPath(path);
            KeyValuePair<string, bool> fault;
            lock (gate)
            {
                fault = faults.FirstOrDefault(f => f.Key == full || includeBelow
                    && f.Key.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            }

            if (fault.Key == null)
            {
                return;
            }

            if (fault.Value)
            {
                throw new UnauthorizedAccessException("Access to the path '" + fault.Key + "' is denied.");
            }

            throw new IOException("The process cannot access the file '" + fault.Key + "' because it is being used by another process.");
        }
    }
}
