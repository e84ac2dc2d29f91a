using System;
using System.Collections.Generic;
using System.IO;

namespace TeamsRemediation.FileSystem
{
    /// <summary>One entry met while walking a tree.</summary>
    public readonly struct TreeEntry
    {
        public TreeEntry(FileSystemInfo info, bool isDirectory, bool isLink, long length)
        {
            Info = info;
            IsDirectory = isDirectory;
            IsLink = isLink;
            Length = length;
        }

        public FileSystemInfo Info { get; }

        public string FullName => Info.FullName;

        public bool IsDirectory { get; }

        /// <summary>A junction or symbolic link: reported, never entered.</summary>
        public bool IsLink { get; }

        public long Length { get; }
    }

    /// <summary>
    /// Streams a folder tree depth-first without ever following a junction or symbolic link, and without
    /// holding more than one directory listing per level in memory. Unreadable folders are reported through
    /// the callback and skipped, so one denied folder never ends the walk.
    /// </summary>
    public static class SafeTree
    {
        public static IEnumerable<TreeEntry> Walk(string root, Action<string, Exception>? onError = null)
        {
            var rootInfo = new DirectoryInfo(root);
            if (!rootInfo.Exists || IsLink(rootInfo))
            {
                yield break;
            }

            var pending = new Stack<DirectoryInfo>();
            pending.Push(rootInfo);
            while (pending.Count > 0)
            {
                var folder = pending.Pop();
                IEnumerator<FileSystemInfo> children;
                try
                {
                    children = folder.EnumerateFileSystemInfos().GetEnumerator();
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                {
                    onError?.Invoke(folder.FullName, e);
                    continue;
                }

                using (children)
                {
                    while (true)
                    {
                        FileSystemInfo child;
                        try
                        {
                            if (!children.MoveNext())
                            {
                                break;
                            }

                            child = children.Current;
                        }
                        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                        {
                            onError?.Invoke(folder.FullName, e);
                            break;
                        }

                        var link = IsLink(child);
                        var directory = child is DirectoryInfo;
                        var length = !directory && !link ? ((FileInfo)child).Length : 0;
                        yield return new TreeEntry(child, directory, link, length);
                        if (directory && !link)
                        {
                            pending.Push((DirectoryInfo)child);
                        }
                    }
                }
            }
        }

        /// <summary>Total bytes and files below a folder, links not followed. Zero for a missing folder.</summary>
        public static (long Bytes, long Files) Measure(string root)
        {
            long bytes = 0, files = 0;
            foreach (var entry in Walk(root))
            {
                if (!entry.IsDirectory && !entry.IsLink)
                {
                    bytes += entry.Length;
                    files++;
                }
            }

            return (bytes, files);
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
        /// link too) down to <paramref name="path"/> (included), or null. Parts that do not exist yet are not links.
        /// </summary>
        public static string? FirstLinkOnTheWay(string top, string path)
        {
            if (!PathScope.IsSameOrInside(path, top))
            {
                throw new ArgumentException(path + " is not inside " + top + ".", nameof(path));
            }

            var chain = new List<string>();
            for (var step = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar); step != null; step = Path.GetDirectoryName(step))
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
                var info = new DirectoryInfo(step);
                if ((info.Exists || File.Exists(step)) && IsLink(info))
                {
                    return step;
                }
            }

            return null;
        }
    }
}
