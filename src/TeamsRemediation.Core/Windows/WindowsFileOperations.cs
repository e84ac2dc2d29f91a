using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using TeamsRemediation.FileSystem;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// The file operations on Windows, through the Unicode Win32 functions with extended-length paths where a path is long
    /// (<see cref="ExtendedLengthPath"/>), so a deep new Teams WebView2 cache is listed and removed in Windows PowerShell 5.1 too:
    /// its .NET Framework host never opted in to long paths, and there System.IO refuses both a path of 260 characters and the
    /// \\?\ prefix. Errors surface as System.IO does it (UnauthorizedAccessException for access denied, IOException otherwise),
    /// so the services treat both implementations alike.
    /// </summary>
    public sealed class WindowsFileOperations : IFileOperations
    {
        public static readonly WindowsFileOperations Instance = new WindowsFileOperations();

        private WindowsFileOperations()
        {
        }

        public IEnumerable<FolderEntry> List(string folder)
        {
            var full = Full(folder).TrimEnd('\\');
            var pattern = ExtendedLengthPath.For(full + "\\*");
            using (var search = NativeMethods.FindFirstFileExW(pattern, NativeMethods.FindExInfoBasic, out var data,
                NativeMethods.FindExSearchNameMatch, IntPtr.Zero, NativeMethods.FindFirstExLargeFetch))
            {
                if (search.IsInvalid)
                {
                    var error = Marshal.GetLastWin32Error();
                    if (error == NativeMethods.ErrorFileNotFound)
                    {
                        yield break;
                    }

                    throw Failure(error, full, "list");
                }

                do
                {
                    if (data.FileName == "." || data.FileName == "..")
                    {
                        continue;
                    }

                    yield return EntryOf(full + "\\" + data.FileName, data);
                }
                while (NativeMethods.FindNextFileW(search, out data));

                var last = Marshal.GetLastWin32Error();
                if (last != NativeMethods.ErrorNoMoreFiles)
                {
                    throw Failure(last, full, "list");
                }
            }
        }

        /// <summary>
        /// FindFirstFileExW on the path itself (no wildcard) describes that entry, a link included (it is not followed), from the same
        /// WIN32_FIND_DATAW a listing gives; a drive root has no entry of its own and is reported as missing.
        /// </summary>
        public FolderEntry? Find(string path)
        {
            var full = Full(path).TrimEnd('\\');
            using (var search = NativeMethods.FindFirstFileExW(ExtendedLengthPath.For(full), NativeMethods.FindExInfoBasic, out var data,
                NativeMethods.FindExSearchNameMatch, IntPtr.Zero, 0))
            {
                if (!search.IsInvalid)
                {
                    return EntryOf(full, data);
                }

                var error = Marshal.GetLastWin32Error();
                if (IsGone(error) || error == NativeMethods.ErrorInvalidName)
                {
                    return null;
                }

                throw Failure(error, full, "look at");
            }
        }

        /// <summary>
        /// CreateDirectoryW one missing folder at a time from the deepest existing one down, each path extended-length from
        /// MAX_PATH - 12 on (the limit CreateDirectoryW sets without the prefix). A folder created meanwhile by someone else is fine.
        /// </summary>
        public void CreateDirectory(string path)
        {
            var full = Full(path).TrimEnd('\\');
            var missing = new Stack<string>();
            for (var folder = full; folder.Length > RootLength(folder); folder = folder.Substring(0, folder.LastIndexOf('\\')))
            {
                var attributes = NativeMethods.GetFileAttributesW(ExtendedLengthPath.For(folder));
                if (attributes != NativeMethods.InvalidFileAttributes)
                {
                    if ((attributes & NativeMethods.FileAttributeDirectory) == 0)
                    {
                        throw new IOException("Could not create the folder " + full + ": " + folder + " is a file.");
                    }

                    break;
                }

                var error = Marshal.GetLastWin32Error();
                if (!IsGone(error))
                {
                    // Not readable (access denied): creating below it says whether it is a folder the caller may use.
                    break;
                }

                missing.Push(folder);
            }

            while (missing.Count > 0)
            {
                var folder = missing.Pop();
                if (!NativeMethods.CreateDirectoryW(ExtendedLengthPath.For(folder), IntPtr.Zero))
                {
                    var error = Marshal.GetLastWin32Error();
                    var attributes = NativeMethods.GetFileAttributesW(ExtendedLengthPath.For(folder));
                    var isFolder = attributes != NativeMethods.InvalidFileAttributes && (attributes & NativeMethods.FileAttributeDirectory) != 0;
                    if (error != NativeMethods.ErrorAlreadyExists || !isFolder)
                    {
                        throw Failure(error, folder, "create the folder");
                    }
                }
            }
        }

        public void DeleteFile(string path)
        {
            var target = ExtendedLengthPath.For(Full(path));
            if (NativeMethods.DeleteFileW(target))
            {
                return;
            }

            var error = Marshal.GetLastWin32Error();
            if (error == NativeMethods.ErrorAccessDenied && ClearReadOnly(target))
            {
                // Windows refuses to delete a read-only file even for its owner; the attribute is no protection of user data.
                if (NativeMethods.DeleteFileW(target))
                {
                    return;
                }

                error = Marshal.GetLastWin32Error();
            }

            if (!IsGone(error))
            {
                throw Failure(error, path, "delete");
            }
        }

        public void DeleteDirectory(string path)
        {
            // Removes an empty folder, or a junction / symbolic link itself without entering it.
            if (!NativeMethods.RemoveDirectoryW(ExtendedLengthPath.For(Full(path))))
            {
                var error = Marshal.GetLastWin32Error();
                if (!IsGone(error))
                {
                    throw Failure(error, path, "delete the folder");
                }
            }
        }

        public void MoveFile(string source, string destination) =>
            Move(source, destination, NativeMethods.MoveFileCopyAllowed, "move the file");

        /// <summary>A folder moves by rename only: across volumes Windows refuses it, as Directory.Move does.</summary>
        public void MoveDirectory(string source, string destination) => Move(source, destination, 0, "move the folder");

        /// <summary>Handles that never follow a reparse point (<see cref="WindowsFolderHandle"/>).</summary>
        public IFolderHandle OpenFolder(string path) => WindowsFolderHandle.Open(Full(path));

        /// <summary>
        /// One handle opened with FILE_FLAG_OPEN_REPARSE_POINT and OPEN_EXISTING (<see cref="UnfollowedHandle"/>): a link is refused, a
        /// missing file is never created, and FILE_SHARE_READ | WRITE | DELETE leaves the file to its owner meanwhile.
        /// </summary>
        public Stream OpenForReading(string path)
        {
            KernelHandle handle;
            NativeMethods.ByHandleFileInformation information;
            try
            {
                handle = UnfollowedHandle.Open(Full(path), NativeMethods.FileGenericRead, out information);
            }
            catch (IOException e) when (e.InnerException is Win32Exception win32
                && (win32.NativeErrorCode == NativeMethods.ErrorFileNotFound || win32.NativeErrorCode == NativeMethods.ErrorPathNotFound))
            {
                throw new FileNotFoundException(path + " does not exist.", path, e);
            }

            if ((information.FileAttributes & NativeMethods.FileAttributeDirectory) != 0)
            {
                handle.Dispose();
                throw new IOException(path + " is a folder, not a file.");
            }

            // The FileStream takes the handle over: it closes it, the KernelHandle no longer does.
            var owned = new Microsoft.Win32.SafeHandles.SafeFileHandle(handle.DangerousGetHandle(), ownsHandle: true);
            handle.SetHandleAsInvalid();
            return new FileStream(owned, FileAccess.Read);
        }

        public bool IsOnNetworkShare(string path)
        {
            if (ExtendedLengthPath.IsUnc(path))
            {
                return true;
            }

            // The drive by its text: Path.GetPathRoot/GetFullPath of .NET Framework refuse a deep path before they look at its letter.
            var full = Full(path);
            if (full.Length < 2 || !char.IsLetter(full[0]) || full[1] != ':')
            {
                return false;
            }

            // DRIVE_NO_ROOT_DIR: a letter this logon session does not have, typically the user's mapped drive seen from SYSTEM's
            // session. It is not a local disk, so it must not get a local disk's Full clear (GetDriveTypeW: "The root path is invalid").
            var type = NativeMethods.GetDriveTypeW(full.Substring(0, 2) + "\\");
            return type == NativeMethods.DriveRemote || type == NativeMethods.DriveNoRootDir;
        }

        /// <summary>Journals live in short, module-owned folders: plain System.IO, as everywhere.</summary>
        public Stream OpenJournal(string path, bool createNew) => PhysicalFileOperations.Instance.OpenJournal(path, createNew);

        private static void Move(string source, string destination, int flags, string action)
        {
            if (!NativeMethods.MoveFileExW(ExtendedLengthPath.For(Full(source)), ExtendedLengthPath.For(Full(destination)),
                flags))
            {
                throw Failure(Marshal.GetLastWin32Error(), source, action + " to " + destination + ":");
            }
        }

        /// <summary>
        /// The full path, normalised before it may get the \\?\ prefix, which turns Windows' own normalisation off ("Naming Files"): "/"
        /// becomes "\\" and "." and ".." are resolved by PathScope.Full, by text from 248 characters on, where .NET Framework's
        /// Path.GetFullPath refuses the path.
        /// </summary>
        private static string Full(string path) =>
            path.StartsWith(ExtendedLengthPath.Prefix, StringComparison.Ordinal) ? path : PathScope.Full(path);

        private static FolderEntry EntryOf(string fullName, NativeMethods.Win32FindDataW data)
        {
            var directory = (data.FileAttributes & NativeMethods.FileAttributeDirectory) != 0;
            var link = (data.FileAttributes & NativeMethods.FileAttributeReparsePoint) != 0;
            var length = directory || link ? 0 : ((long)data.FileSizeHigh << 32) | data.FileSizeLow;
            var written = DateTime.FromFileTimeUtc(((long)data.LastWriteTimeHigh << 32) | data.LastWriteTimeLow);
            var name = fullName.Substring(fullName.LastIndexOf('\\') + 1);
            return new FolderEntry(fullName, name, directory, link, length, written);
        }

        /// <summary>"C:\" or "\\server\share\": the part of a full path that is no folder of its own to create.</summary>
        private static int RootLength(string fullPath)
        {
            if (!fullPath.StartsWith(@"\\", StringComparison.Ordinal))
            {
                return 3;
            }

            var server = fullPath.IndexOf('\\', 2);
            var share = server < 0 ? -1 : fullPath.IndexOf('\\', server + 1);
            return share < 0 ? fullPath.Length : share + 1;
        }

        private static bool ClearReadOnly(string target)
        {
            var attributes = NativeMethods.GetFileAttributesW(target);
            if (attributes == NativeMethods.InvalidFileAttributes || (attributes & NativeMethods.FileAttributeReadOnly) == 0
                || (attributes & NativeMethods.FileAttributeReparsePoint) != 0)
            {
                return false;
            }

            return NativeMethods.SetFileAttributesW(target, attributes & ~NativeMethods.FileAttributeReadOnly);
        }

        private static bool IsGone(int error) => error == NativeMethods.ErrorFileNotFound || error == NativeMethods.ErrorPathNotFound;

        internal static Exception Failure(int error, string path, string action)
        {
            var cause = new Win32Exception(error);
            var message = "Could not " + action + " " + path + ": " + cause.Message + " (error " + error + ").";
            if (error == NativeMethods.ErrorAccessDenied)
            {
                return new UnauthorizedAccessException(message, cause);
            }

            return error == NativeMethods.ErrorPathNotFound ? new DirectoryNotFoundException(message, cause) : new IOException(message, cause);
        }
    }
}
