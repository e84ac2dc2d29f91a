using System;

namespace TeamsRemediation.FileSystem
{
    /// <summary>One entry of a folder listing, as <see cref="IFileOperations.List"/> gives it: plain data, no path object that would
    /// check the path's length again.</summary>
    public readonly struct FolderEntry
    {
        public FolderEntry(string fullName, string name, bool isDirectory, bool isLink, long length, DateTime lastWriteTimeUtc)
        {
            FullName = fullName;
            Name = name;
            IsDirectory = isDirectory;
            IsLink = isLink;
            Length = length;
            LastWriteTimeUtc = lastWriteTimeUtc;
        }

        /// <summary>The full path, never with the \\?\ prefix: the prefix is added by the Windows file operations where they need it.</summary>
        public string FullName { get; }

        public string Name { get; }

        public bool IsDirectory { get; }

        /// <summary>A junction, symbolic link or any other reparse point: never entered.</summary>
        public bool IsLink { get; }

        /// <summary>Bytes of a file; 0 for a folder or a link.</summary>
        public long Length { get; }

        /// <summary>When it was last written (UTC), from the same listing: no second look at a path maybe too long for System.IO.</summary>
        public DateTime LastWriteTimeUtc { get; }
    }
}
