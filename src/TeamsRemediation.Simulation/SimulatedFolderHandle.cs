using System.Collections.Generic;
using System.IO;
using TeamsRemediation.FileSystem;

namespace TeamsRemediation.Simulation
{
    /// <summary>The steps of a walk through folder handles, at which a scenario can act (swap a folder for a link) before the step runs.</summary>
    public enum FolderStep
    {
        /// <summary>Opening a folder (the first one by path, the others by name inside their folder).</summary>
        Open,

        /// <summary>Listing an open folder.</summary>
        List,

        /// <summary>Removing a file or a link.</summary>
        DeleteFile,

        /// <summary>Removing an empty folder or a link to a folder.</summary>
        DeleteFolder,

        /// <summary>Renaming an entry into another open folder.</summary>
        Move,
    }

    /// <summary>
    /// A real folder handle (the Linux descriptor and *at calls) with the simulated PC's faults (locked, denied) and an injection point
    /// before every step, named by the entry's path: a test swaps a folder for a link there, between the walk's check and its act.
    /// </summary>
    internal sealed class SimulatedFolderHandle : IFolderHandle
    {
        private readonly SimulatedFileOperations owner;
        private readonly IFolderHandle inner;

        public SimulatedFolderHandle(SimulatedFileOperations owner, IFolderHandle inner)
        {
            this.owner = owner;
            this.inner = inner;
        }

        public IFolderHandle Inner => inner;

        public string FullName => inner.FullName;

        public IEnumerable<FolderEntry> List()
        {
            owner.Step(FolderStep.List, FullName);
            owner.ThrowIfDenied(FullName);
            return inner.List();
        }

        public IFolderHandle OpenFolder(string name)
        {
            owner.Step(FolderStep.Open, Path.Combine(FullName, name));
            return new SimulatedFolderHandle(owner, inner.OpenFolder(name));
        }

        public IFolderHandle OpenOrCreateFolder(string name)
        {
            owner.Step(FolderStep.Open, Path.Combine(FullName, name));
            return new SimulatedFolderHandle(owner, inner.OpenOrCreateFolder(name));
        }

        public void DeleteFile(string name)
        {
            var path = Path.Combine(FullName, name);
            owner.Step(FolderStep.DeleteFile, path);
            owner.ThrowIfFaulted(path, includeBelow: false);
            inner.DeleteFile(name);
        }

        public void DeleteFolder(string name)
        {
            var path = Path.Combine(FullName, name);
            owner.Step(FolderStep.DeleteFolder, path);
            owner.ThrowIfFaulted(path, includeBelow: false);
            inner.DeleteFolder(name);
        }

        public void Move(string name, IFolderHandle destination, string newName)
        {
            var path = Path.Combine(FullName, name);
            owner.BeforeMove?.Invoke(path);
            owner.Step(FolderStep.Move, path);
            owner.ThrowIfFaulted(path, includeBelow: true);
            inner.Move(name, destination is SimulatedFolderHandle simulated ? simulated.inner : destination, newName);
        }

        public void Dispose() => inner.Dispose();
    }
}
