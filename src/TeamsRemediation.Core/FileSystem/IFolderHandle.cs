using System;
using System.Collections.Generic;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// One folder held open: what is listed, opened, deleted or moved through it is an entry of this very folder, found by name
    /// relative to the open folder, never by a path looked up again. A user who renames the folder or puts a junction in its
    /// place after it was opened changes nothing for the holder: the handle still is the folder that was checked, and a child
    /// is opened without following a link (a link there is removed or refused as itself). This is how SYSTEM deletes and moves
    /// in trees a user controls (caches, backups, the bridge's run folders).
    /// </summary>
    public interface IFolderHandle : IDisposable
    {
        /// <summary>The path the folder was opened at, for messages and for the <see cref="FolderEntry.FullName"/> of its entries.</summary>
        string FullName { get; }

        /// <summary>The entries of this folder, links marked (never entered); lazy, and throwing IOException when the listing fails.</summary>
        IEnumerable<FolderEntry> List();

        /// <summary>A folder inside this one, opened as itself.</summary>
        /// <exception cref="Platform.LinkRefusedException">The entry is a junction or symbolic link.</exception>
        IFolderHandle OpenFolder(string name);

        /// <summary>A folder inside this one, created when missing (a moment later by someone else is fine), opened as itself.</summary>
        /// <exception cref="Platform.LinkRefusedException">The entry is a junction or symbolic link.</exception>
        IFolderHandle OpenOrCreateFolder(string name);

        /// <summary>
        /// Removes an entry of this folder that is not a real folder: a file, or a link of either kind (the link itself, never its
        /// target). A read-only file goes too. An entry already gone is no error.
        /// </summary>
        void DeleteFile(string name);

        /// <summary>Removes an empty folder of this folder, or a link there itself (never its target). Already gone is no error.</summary>
        void DeleteFolder(string name);

        /// <summary>
        /// Renames an entry of this folder (a file, a folder with all it holds, or a link as the link) into
        /// <paramref name="destination"/> as <paramref name="newName"/>; fails when something has that name there, or across volumes.
        /// </summary>
        void Move(string name, IFolderHandle destination, string newName);
    }
}
