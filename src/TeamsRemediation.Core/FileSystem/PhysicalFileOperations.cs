using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace TeamsRemediation.FileSystem
{
    /// <summary>The real file system.</summary>
    public sealed class PhysicalFileOperations : IFileOperations
    {
        public static readonly PhysicalFileOperations Instance = new PhysicalFileOperations();

        private PhysicalFileOperations()
        {
        }

        public IEnumerable<FolderEntry> List(string folder)
        {
            foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                yield return EntryOf(info);
            }
        }

        /// <summary>A link is found as a link even when its target is gone: FileSystemInfo looks at the link itself first.</summary>
        public FolderEntry? Find(string path)
        {
            FileSystemInfo file = new FileInfo(path);
            if (file.Exists)
            {
                return EntryOf(file);
            }

            var folder = new DirectoryInfo(path);
            return folder.Exists ? EntryOf(folder) : (FolderEntry?)null;
        }

        public void CreateDirectory(string path) => Directory.CreateDirectory(path);

        private static FolderEntry EntryOf(FileSystemInfo info) => EntryOf(info, info.FullName);

        /// <summary>The entry as a listing gives it, named <paramref name="fullName"/> (a handle's listing reads it through another path).</summary>
        internal static FolderEntry EntryOf(FileSystemInfo info, string fullName)
        {
            var link = SafeTree.IsLink(info);
            var directory = info is DirectoryInfo;
            return new FolderEntry(fullName, info.Name, directory, link, directory || link ? 0 : LengthOf((FileInfo)info), WrittenUtc(info));
        }

        private static long LengthOf(FileInfo file)
        {
            try
            {
                return file.Length;
            }
            catch (IOException)
            {
                // Gone between the listing and the look at its size: nothing to count.
                return 0;
            }
        }

        private static DateTime WrittenUtc(FileSystemInfo info)
        {
            try
            {
                return info.LastWriteTimeUtc;
            }
            catch (IOException)
            {
                return DateTime.MinValue;
            }
        }

        // This is the file seam that BannedSymbols.txt points to: its by-path System.IO calls are the ones the rest of the module may not make.
#pragma warning disable RS0030
        public void DeleteFile(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (UnauthorizedAccessException) when (ClearReadOnly(path))
            {
                // Windows refuses to delete a read-only file even for its owner; the attribute is no protection of user data.
                File.Delete(path);
            }
        }

        public void DeleteDirectory(string path)
        {
            try
            {
                // Non-recursive: removes an empty folder, or a junction / symbolic link itself without entering it.
                Directory.Delete(path, recursive: false);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }

        public void MoveFile(string source, string destination) => File.Move(source, destination);

        public void MoveDirectory(string source, string destination) => Directory.Move(source, destination);
#pragma warning restore RS0030

        /// <summary>
        /// Linux: a directory descriptor and the *at calls (<see cref="PosixFolderHandle"/>); Windows: handles opened with
        /// FILE_FLAG_OPEN_REPARSE_POINT and names relative to them (<see cref="Windows.WindowsFolderHandle"/>).
        /// </summary>
        public IFolderHandle OpenFolder(string path) => RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? Windows.WindowsFolderHandle.Open(path)
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
                ? PosixFolderHandle.Open(path)
                : throw new PlatformNotSupportedException("Folders are opened by handle on Windows and Linux only.");

        /// <summary>
        /// Windows: through <see cref="Windows.WindowsFileOperations"/> (FILE_FLAG_OPEN_REPARSE_POINT on the handle). Linux: open(2) with
        /// O_NOFOLLOW, so a symbolic link at the path fails with ELOOP instead of being followed.
        /// </summary>
        public Stream OpenForReading(string path) => RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? Windows.WindowsFileOperations.Instance.OpenForReading(path)
            : PosixFile.OpenForReading(path);

        /// <summary>A UNC path (\\server\share, also \\?\UNC\...): what this OS-neutral implementation can tell without asking Windows.</summary>
        public bool IsOnNetworkShare(string path) => ExtendedLengthPath.IsUnc(path);

        public Stream OpenJournal(string path, bool createNew) => createNew
            ? new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read)
            : new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);

        private static bool ClearReadOnly(string path)
        {
            try
            {
                var attributes = File.GetAttributes(path);
                if ((attributes & FileAttributes.ReadOnly) == 0 || (attributes & FileAttributes.ReparsePoint) != 0)
                {
                    return false;
                }

                File.SetAttributes(path, attributes & ~FileAttributes.ReadOnly);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
