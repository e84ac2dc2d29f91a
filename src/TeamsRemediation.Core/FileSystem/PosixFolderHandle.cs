using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// <see cref="IFolderHandle"/> on Linux (where the tests and the simulated PC run on real files): a directory file descriptor
    /// opened with O_NOFOLLOW | O_DIRECTORY, children opened with openat, removed with unlinkat and renamed with renameat2
    /// (RENAME_NOREPLACE) relative to it, so a folder swapped for a symbolic link after it was opened is never followed. The listing
    /// reads /proc/self/fd/&lt;fd&gt;, which names the open directory itself, whatever path now leads where.
    /// </summary>
    internal sealed class PosixFolderHandle : IFolderHandle
    {
        private const int AtFdCwd = -100;
        private const int AtRemoveDir = 0x200;
        private const uint RenameNoReplace = 1;
        private const int ENoEnt = 2, EAccess = 13, EPerm = 1, EExist = 17, ENotDir = 20, ELoop = 40;

        private readonly int descriptor;
        private int closed;

        private PosixFolderHandle(int descriptor, string fullName)
        {
            this.descriptor = descriptor;
            FullName = fullName;
        }

        public string FullName { get; }

        private string Self => "/proc/self/fd/" + descriptor.ToString(CultureInfo.InvariantCulture);

        public static IFolderHandle Open(string path)
        {
#pragma warning disable RS0030 // Linux only (never .NET Framework), and PathScope.Full would turn "/" into "".
            var full = Path.GetFullPath(path);
#pragma warning restore RS0030
            return OpenAt(AtFdCwd, full, full);
        }

        public IEnumerable<FolderEntry> List()
        {
            foreach (var info in new DirectoryInfo(Self).EnumerateFileSystemInfos())
            {
                yield return PhysicalFileOperations.EntryOf(info, Path.Combine(FullName, info.Name));
            }
        }

        public IFolderHandle OpenFolder(string name) => OpenAt(descriptor, Checked(name), Path.Combine(FullName, name));

        public IFolderHandle OpenOrCreateFolder(string name)
        {
            if (mkdirat(descriptor, Checked(name), 0x1C0) != 0)
            {
                var error = Marshal.GetLastWin32Error();
                if (error != EExist)
                {
                    throw Failure(error, Path.Combine(FullName, name), "create the folder");
                }
            }

            return OpenFolder(name);
        }

        public void DeleteFile(string name)
        {
            if (unlinkat(descriptor, Checked(name), 0) != 0)
            {
                ThrowUnlessGone(Marshal.GetLastWin32Error(), name, "delete");
            }
        }

        public void DeleteFolder(string name)
        {
            if (unlinkat(descriptor, Checked(name), AtRemoveDir) == 0)
            {
                return;
            }

            var error = Marshal.GetLastWin32Error();
            if (error == ENotDir && IsLink(name))
            {
                // A link to a folder: rmdir refuses it (ENOTDIR); unlink removes the link itself.
                DeleteFile(name);
                return;
            }

            ThrowUnlessGone(error, name, "delete the folder");
        }

        public void Move(string name, IFolderHandle destination, string newName)
        {
            var target = destination as PosixFolderHandle
                ?? throw new ArgumentException("The destination must be a folder opened the same way.", nameof(destination));
            if (renameat2(descriptor, Checked(name), target.descriptor, Checked(newName), RenameNoReplace) != 0)
            {
                throw Failure(Marshal.GetLastWin32Error(), Path.Combine(FullName, name), "move to " + Path.Combine(target.FullName, newName));
            }
        }

        public void Dispose()
        {
            if (System.Threading.Interlocked.Exchange(ref closed, 1) == 0)
            {
                close(descriptor);
            }
        }

        private static IFolderHandle OpenAt(int folder, string name, string fullName)
        {
            var fd = openat(folder, name, ReadOnlyDirectoryNoFollow());
            if (fd >= 0)
            {
                return new PosixFolderHandle(fd, fullName);
            }

            var error = Marshal.GetLastWin32Error();
            if (error == ELoop || error == ENotDir && IsLinkAt(folder, name, fullName))
            {
                throw new LinkRefusedException(fullName);
            }

            throw Failure(error, fullName, "open");
        }

        /// <summary>O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC; O_DIRECTORY and O_NOFOLLOW differ between the x64 and arm64 ABIs.</summary>
        private static int ReadOnlyDirectoryNoFollow()
        {
            const int CloseOnExec = 0x80000;
            switch (RuntimeInformation.ProcessArchitecture)
            {
                case Architecture.X64:
                case Architecture.X86:
                    return 0x10000 | 0x20000 | CloseOnExec;
                case Architecture.Arm64:
                case Architecture.Arm:
                    return 0x4000 | 0x8000 | CloseOnExec;
                default:
                    throw new PlatformNotSupportedException("No O_DIRECTORY / O_NOFOLLOW values for " + RuntimeInformation.ProcessArchitecture + ".");
            }
        }

        private bool IsLink(string name) => IsLinkAt(descriptor, name, Path.Combine(FullName, name));

        private static bool IsLinkAt(int folder, string name, string fullName)
        {
            var path = folder == AtFdCwd ? fullName : "/proc/self/fd/" + folder.ToString(CultureInfo.InvariantCulture) + "/" + name;
            try
            {
                FileSystemInfo info = new FileInfo(path);
                return (info.Attributes & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>A name inside this folder, never a path: "a/b" or ".." would leave the folder that was checked.</summary>
        private static string Checked(string name)
        {
            if (string.IsNullOrEmpty(name) || name == "." || name == ".." || name.IndexOf('/') >= 0 || name.IndexOf('\0') >= 0)
            {
                throw new ArgumentException("Not a name inside a folder: '" + name + "'.", nameof(name));
            }

            return name;
        }

        private void ThrowUnlessGone(int error, string name, string action)
        {
            if (error != ENoEnt)
            {
                throw Failure(error, Path.Combine(FullName, name), action);
            }
        }

        private static Exception Failure(int error, string path, string action)
        {
            var message = "Could not " + action + " " + path + ": errno " + error.ToString(CultureInfo.InvariantCulture) + ".";
            return error == EAccess || error == EPerm ? new UnauthorizedAccessException(message)
                : error == ENoEnt ? new DirectoryNotFoundException(message) : (Exception)new IOException(message);
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int openat(int folder, string name, int flags);

        /// <summary>Mode 0700: what the module creates below a user's folder is reached through it anyway; nobody else needs it.</summary>
        [DllImport("libc", SetLastError = true)]
        private static extern int mkdirat(int folder, string name, int mode);

        [DllImport("libc", SetLastError = true)]
        private static extern int unlinkat(int folder, string name, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int renameat2(int fromFolder, string from, int toFolder, string to, uint flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int descriptor);
    }
}
