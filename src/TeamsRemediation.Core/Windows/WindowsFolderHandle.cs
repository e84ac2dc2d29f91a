using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// <see cref="IFolderHandle"/> on Windows, on every supported version alike: the folder is opened with
    /// FILE_FLAG_OPEN_REPARSE_POINT (<see cref="UnfollowedHandle"/>); its entries are listed from that handle
    /// (NtQueryDirectoryFile, FileFullDirectoryInformation, as .NET's own enumeration); a child is opened by name relative to it (NtCreateFile with
    /// RootDirectory and FILE_OPEN_REPARSE_POINT, so a junction there is opened as the junction); a child is deleted through its
    /// own handle (SetFileInformationByHandle, FileDispositionInfoEx with POSIX semantics and "ignore read-only" where Windows
    /// and the file system offer it, else the classic FileDispositionInfo after clearing read-only on that handle) and renamed
    /// through it (NtSetInformationFile, FileRenameInformation with the destination folder's handle as RootDirectory:
    /// <see cref="FileRenameInformation"/> says why not SetFileInformationByHandle). Nothing is looked up by path after
    /// the check, so a folder a user swaps for a junction mid-walk redirects nothing. RedirectionGuard (the redirection trust
    /// process mitigation) is not needed for this and not relied on: it exists only on recent builds.
    /// </summary>
    internal sealed class WindowsFolderHandle : IFolderHandle
    {
        private const uint ShareAll = NativeMethods.FileShareRead | NativeMethods.FileShareWrite | NativeMethods.FileShareDelete;
        private const uint SynchronizeAccess = 0x100000;
        private const uint FolderAccess = NativeMethods.FileListDirectory | NativeMethods.FileTraverse | NativeMethods.FileReadAttributes
            | SynchronizeAccess;
        private const uint EntryAccess = (uint)NativeMethods.Delete | NativeMethods.FileReadAttributes | NativeMethods.FileWriteAttributes
            | SynchronizeAccess;
        private const uint OpenOptions = NativeMethods.NtFileSynchronousIoNonAlert | NativeMethods.NtFileOpenForBackupIntent
            | NativeMethods.NtFileOpenReparsePoint;
        private const int ListingBufferBytes = 64 * 1024;
        private const uint FileAttributeNormal = 0x80;

        // FILE_FULL_DIR_INFORMATION (ntifs.h): offsets of the fields read.
        private const int NextEntryOffset = 0, LastWriteTimeOffset = 24, EndOfFileOffset = 40, AttributesOffset = 56, NameLengthOffset = 60,
            NameOffset = 68;

        private readonly KernelHandle handle;

        private WindowsFolderHandle(KernelHandle handle, string fullName)
        {
            this.handle = handle;
            FullName = fullName;
        }

        public string FullName { get; }

        /// <exception cref="LinkRefusedException">The path is a junction or symbolic link.</exception>
        public static IFolderHandle Open(string path)
        {
            var handle = UnfollowedHandle.Open(path, FolderAccess, out var information);
            if ((information.FileAttributes & NativeMethods.FileAttributeDirectory) == 0)
            {
                handle.Dispose();
                throw new System.IO.IOException(path + " is a file, not a folder.");
            }

            return new WindowsFolderHandle(handle, path.TrimEnd('\\'));
        }

        public IEnumerable<FolderEntry> List()
        {
            var buffer = Marshal.AllocHGlobal(ListingBufferBytes);
            try
            {
                var restart = true;
                while (true)
                {
                    var status = NativeMethods.NtQueryDirectoryFile(handle, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, out _, buffer, ListingBufferBytes,
                        NativeMethods.FileFullDirectoryInformation, false, IntPtr.Zero, restart);
                    if (status == NativeMethods.StatusNoMoreFiles)
                    {
                        yield break;
                    }

                    if (status != 0)
                    {
                        throw WindowsFileOperations.Failure(NativeMethods.RtlNtStatusToDosError(status), FullName, "list");
                    }

                    restart = false;
                    for (var entry = buffer; ; )
                    {
                        var name = Marshal.PtrToStringUni(entry + NameOffset, Marshal.ReadInt32(entry + NameLengthOffset) / 2);
                        if (name != "." && name != "..")
                        {
                            yield return EntryOf(entry, name);
                        }

                        var next = Marshal.ReadInt32(entry + NextEntryOffset);
                        if (next == 0)
                        {
                            break;
                        }

                        entry += next;
                    }
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }

        public IFolderHandle OpenFolder(string name) => OpenFolder(name, NativeMethods.NtFileOpen);

        private IFolderHandle OpenFolder(string name, uint disposition)
        {
            var child = OpenChild(name, FolderAccess, OpenOptions | NativeMethods.NtFileDirectoryFile, "open", disposition);
            if (!NativeMethods.GetFileInformationByHandle(child, out var information))
            {
                var error = Marshal.GetLastWin32Error();
                child.Dispose();
                throw WindowsFileOperations.Failure(error, Path(name), "look at");
            }

            if ((information.FileAttributes & NativeMethods.FileAttributeReparsePoint) != 0)
            {
                child.Dispose();
                throw new LinkRefusedException(Path(name));
            }

            return new WindowsFolderHandle(child, Path(name));
        }

        /// <summary>FILE_OPEN_IF with FILE_DIRECTORY_FILE: opened when there, created (inheriting its folder's ACL) when not.</summary>
        public IFolderHandle OpenOrCreateFolder(string name) => OpenFolder(name, NativeMethods.NtFileOpenIf);

        public void DeleteFile(string name) => Delete(name);

        public void DeleteFolder(string name) => Delete(name);

        public void Move(string name, IFolderHandle destination, string newName)
        {
            var target = destination as WindowsFolderHandle
                ?? throw new ArgumentException("The destination must be a folder opened the same way.", nameof(destination));
            CheckName(newName);
            using (var child = OpenChild(name, EntryAccess, OpenOptions, "move", NativeMethods.NtFileOpen))
            {
                var added = false;
                try
                {
                    target.handle.DangerousAddRef(ref added);
                    using (var info = new FileRenameInformation(target.handle.DangerousGetHandle(), newName))
                    {
                        var status = NativeMethods.NtSetInformationFile(child, out _, info.Buffer, (uint)info.Length,
                            NativeMethods.FileRenameInformationClass);
                        if (status != 0)
                        {
                            throw WindowsFileOperations.Failure(NativeMethods.RtlNtStatusToDosError(status), Path(name),
                                "move to " + target.Path(newName) + ":");
                        }
                    }
                }
                finally
                {
                    if (added)
                    {
                        target.handle.DangerousRelease();
                    }
                }
            }
        }

        public void Dispose() => handle.Dispose();

        /// <summary>The entry itself (a link as the link) is opened for DELETE and marked for deletion on that handle.</summary>
        private void Delete(string name)
        {
            KernelHandle child;
            try
            {
                child = OpenChild(name, EntryAccess, OpenOptions, "delete", NativeMethods.NtFileOpen);
            }
            catch (Exception e) when (e is System.IO.FileNotFoundException || e is System.IO.DirectoryNotFoundException)
            {
                return;
            }

            using (child)
            {
                var flags = Marshal.AllocHGlobal(4);
                try
                {
                    Marshal.WriteInt32(flags, (int)(NativeMethods.FileDispositionFlagDelete | NativeMethods.FileDispositionFlagPosixSemantics
                        | NativeMethods.FileDispositionFlagIgnoreReadonlyAttribute));
                    if (NativeMethods.SetFileInformationByHandle(child, NativeMethods.FileDispositionInfoExClass, flags, 4))
                    {
                        return;
                    }

                    var error = Marshal.GetLastWin32Error();
                    if (error != NativeMethods.ErrorInvalidParameter && error != NativeMethods.ErrorNotSupported
                        && error != NativeMethods.ErrorInvalidFunction)
                    {
                        throw WindowsFileOperations.Failure(error, Path(name), "delete");
                    }

                    // Windows or a file system without FileDispositionInfoEx: the classic disposition, on the same handle, after the
                    // read-only attribute (no protection of user data, but it makes Windows refuse) is cleared on that handle too.
                    ClearReadOnly(child, name);
                    Marshal.WriteByte(flags, 1);
                    if (!NativeMethods.SetFileInformationByHandle(child, NativeMethods.FileDispositionInfoClass, flags, 1))
                    {
                        throw WindowsFileOperations.Failure(Marshal.GetLastWin32Error(), Path(name), "delete");
                    }
                }
                finally
                {
                    Marshal.FreeHGlobal(flags);
                }
            }
        }

        private void ClearReadOnly(KernelHandle child, string name)
        {
            if (!NativeMethods.GetFileInformationByHandle(child, out var information)
                || (information.FileAttributes & NativeMethods.FileAttributeReadOnly) == 0)
            {
                return;
            }

            // FILE_BASIC_INFO: four times (0 = leave unchanged), then the attributes at offset 32; 40 bytes with padding.
            var basic = Marshal.AllocHGlobal(40);
            try
            {
                for (var i = 0; i < 40; i++)
                {
                    Marshal.WriteByte(basic, i, 0);
                }

                var attributes = information.FileAttributes & ~NativeMethods.FileAttributeReadOnly;
                Marshal.WriteInt32(basic + 32, (int)(attributes == 0 ? FileAttributeNormal : attributes));
                if (!NativeMethods.SetFileInformationByHandle(child, NativeMethods.FileBasicInfoClass, basic, 40))
                {
                    throw WindowsFileOperations.Failure(Marshal.GetLastWin32Error(), Path(name), "clear the read-only attribute of");
                }
            }
            finally
            {
                Marshal.FreeHGlobal(basic);
            }
        }

        /// <summary>NtCreateFile of a name relative to this folder's handle; a failure as the Win32 error System.IO would give.</summary>
        private KernelHandle OpenChild(string name, uint access, uint options, string action, uint disposition)
        {
            CheckName(name);
            var text = Marshal.StringToHGlobalUni(name);
            var unicode = Marshal.AllocHGlobal(Marshal.SizeOf<NativeMethods.UnicodeString>());
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                Marshal.StructureToPtr(new NativeMethods.UnicodeString
                {
                    Length = (ushort)(name.Length * 2),
                    MaximumLength = (ushort)(name.Length * 2),
                    Buffer = text,
                }, unicode, false);
                var attributes = new NativeMethods.ObjectAttributes
                {
                    Length = Marshal.SizeOf<NativeMethods.ObjectAttributes>(),
                    RootDirectory = handle.DangerousGetHandle(),
                    ObjectName = unicode,
                    Attributes = NativeMethods.ObjCaseInsensitive,
                };
                var status = NativeMethods.NtCreateFile(out var child, access, ref attributes, out _, IntPtr.Zero, 0, ShareAll,
                    disposition, options, IntPtr.Zero, 0);
                if (status != 0)
                {
                    child.Dispose();
                    var error = NativeMethods.RtlNtStatusToDosError(status);
                    throw error == NativeMethods.ErrorFileNotFound
                        ? new System.IO.FileNotFoundException("Could not " + action + " " + Path(name) + ": it is gone.")
                        : WindowsFileOperations.Failure(error, Path(name), action);
                }

                return child;
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }

                Marshal.FreeHGlobal(unicode);
                Marshal.FreeHGlobal(text);
            }
        }

        /// <summary>A simple name of an entry of one folder: relative to a folder handle, no other form may reach another folder.</summary>
        private static void CheckName(string name)
        {
            if (string.IsNullOrEmpty(name) || name == "." || name == ".." || name.IndexOfAny(new[] { '\\', '/', ':' }) >= 0)
            {
                throw new ArgumentException("Not a name inside a folder: '" + name + "'.", nameof(name));
            }
        }

        private FolderEntry EntryOf(IntPtr entry, string name)
        {
            var attributes = (uint)Marshal.ReadInt32(entry + AttributesOffset);
            var directory = (attributes & NativeMethods.FileAttributeDirectory) != 0;
            var link = (attributes & NativeMethods.FileAttributeReparsePoint) != 0;
            var length = directory || link ? 0 : Marshal.ReadInt64(entry + EndOfFileOffset);
            var written = DateTime.FromFileTimeUtc(Marshal.ReadInt64(entry + LastWriteTimeOffset));
            return new FolderEntry(Path(name), name, directory, link, length, written);
        }

        private string Path(string name) => FullName + "\\" + name;
    }
}
