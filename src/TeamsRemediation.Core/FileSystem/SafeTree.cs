using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// Streams a folder tree depth-first without ever following a junction or symbolic link, and without
    /// holding more than one directory listing per level in memory. Unreadable folders are reported through
    /// the callback and skipped, so one denied folder never ends the walk.
    /// </summary>
    public static class SafeTree
    {
        /// <summary>
        /// Every entry below <paramref name="root"/>, listed through <paramref name="files"/> so a tree deeper than MAX_PATH is walked in
        /// Windows PowerShell 5.1 too. The root itself is looked at with System.IO: callers pass a short folder of the profile or the
        /// module, never a deep one.
        /// </summary>
        public static IEnumerable<FolderEntry> Walk(IFileOperations files, string root, Action<string, Exception>? onError = null)
        {
            var rootInfo = new DirectoryInfo(root);
            if (!rootInfo.Exists || IsLink(rootInfo))
            {
                yield break;
            }

            var pending = new Stack<string>();
            pending.Push(rootInfo.FullName);
            while (pending.Count > 0)
            {
                var folder = pending.Pop();
                IEnumerator<FolderEntry> children;
                try
                {
                    children = files.List(folder).GetEnumerator();
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                {
                    onError?.Invoke(folder, e);
                    continue;
                }

                using (children)
                {
                    while (true)
                    {
                        FolderEntry child;
                        try
                        {
                            if (!children.MoveNext())
                            {
                                break;
                            }

                            child = children.Current;
                        }
                        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                        {
                            onError?.Invoke(folder, e);
                            break;
                        }

                        yield return child;
                        if (child.IsDirectory && !child.IsLink)
                        {
                            pending.Push(child.FullName);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// True for a junction or symbolic link, and for anything whose attributes cannot be read: whoever asks is about
        /// to enter, delete or move it, and an entry that cannot be proven to be a plain folder is not entered.
        /// </summary>
        public static bool IsLink(FileSystemInfo info)
        {
            try
            {
                return (info.Attributes & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                return true;
            }
        }

        /// <summary>
        /// The first junction or symbolic link from <paramref name="top"/> (itself included: a profile folder can be a
        /// link too) down to <paramref name="path"/> (included), or null. Parts that do not exist yet are not links; a part that
        /// cannot be looked at counts as a link (it cannot be proven not to be one). Looked at through <paramref name="files"/>,
        /// as a journal entry of a deep cache's backup reaches past MAX_PATH.
        /// </summary>
        public static string? FirstLinkOnTheWay(IFileOperations files, string top, string path)
        {
            if (!PathScope.IsSameOrInside(path, top))
            {
                throw new ArgumentException(path + " is not inside " + top + ".", nameof(path));
            }

            var chain = new List<string>();
            for (var step = PathScope.Full(path); ; step = ExtendedLengthPath.ParentOf(step))
            {
                chain.Add(step);
                if (PathScope.IsSame(step, top))
                {
                    break;
                }
            }

            chain.Reverse();
            foreach (var step in chain)
            {
                try
                {
                    if (files.Find(step)?.IsLink == true)
                    {
                        return step;
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                {
                    return step;
                }
            }

            return null;
        }
    
        /// <summary>
        /// Removes the folder <paramref name="name"/> of <paramref name="parent"/> with all it holds, through handles only (see
        /// <see cref="IFolderHandle"/>): each folder is opened by name in the one above it, its entries deleted by name in it, then it
        /// is removed from the one above. A link met anywhere, or swapped in for a folder after it was listed, is removed itself and
        /// never entered. Throws what the first refused delete throws (IOException, UnauthorizedAccessException).
        /// </summary>
        public static void RemoveTree(IFolderHandle parent, string name)
        {
            IFolderHandle folder;
            try
            {
                folder = parent.OpenFolder(name);
            }
            catch (Platform.LinkRefusedException)
            {
                parent.DeleteFolder(name);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }

            using (folder)
            {
                foreach (var entry in folder.List().ToList())
                {
                    if (entry.IsDirectory && !entry.IsLink)
                    {
                        RemoveTree(folder, entry.Name);
                    }
                    else if (entry.IsDirectory)
                    {
                        folder.DeleteFolder(entry.Name);
                    }
                    else
                    {
                        folder.DeleteFile(entry.Name);
                    }
                }
            }

            parent.DeleteFolder(name);
        }

        /// <summary>
        /// Opens <paramref name="path"/> by going down from <paramref name="top"/> one folder at a time through handles, creating the
        /// missing ones when <paramref name="create"/>: no junction a user puts on the way (before or during the walk) is followed.
        /// <paramref name="top"/> itself is opened by path (never through a link there): a profile folder, whose parent users cannot
        /// change.
        /// </summary>
        /// <exception cref="Platform.LinkRefusedException">A part of the way is a junction or symbolic link.</exception>
        public static IFolderHandle OpenBelow(IFileOperations files, string top, string path, bool create)
        {
            if (!PathScope.IsSameOrInside(path, top))
            {
                throw new ArgumentException(path + " is not inside " + top + ".", nameof(path));
            }

            var parts = (PathScope.RelativeInside(path, top) ?? string.Empty).Split(new[] { Path.DirectorySeparatorChar },
                StringSplitOptions.RemoveEmptyEntries);
            var folder = files.OpenFolder(top);
            try
            {
                foreach (var part in parts)
                {
                    var next = create ? folder.OpenOrCreateFolder(part) : folder.OpenFolder(part);
                    folder.Dispose();
                    folder = next;
                }

                return folder;
            }
            catch
            {
                folder.Dispose();
                throw;
            }
        }
    }
}
