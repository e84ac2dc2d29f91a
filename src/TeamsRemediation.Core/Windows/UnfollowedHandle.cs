using System.Runtime.InteropServices;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// A handle to the file or folder at a path itself: opened with FILE_FLAG_OPEN_REPARSE_POINT (a junction or symbolic link
    /// is opened as the link, never followed) and refused when it is one, so whatever the caller then reads or changes through
    /// the handle is the object it checked, whatever is renamed or linked at that path afterwards.
    /// </summary>
    internal static class UnfollowedHandle
    {
        private const uint ShareAll = NativeMethods.FileShareRead | NativeMethods.FileShareWrite | NativeMethods.FileShareDelete;

        /// <exception cref="LinkRefusedException">The path is a junction, symbolic link or other reparse point.</exception>
        public static KernelHandle Open(string path, uint access) => Open(path, access, out _);

        /// <exception cref="LinkRefusedException">The path is a junction, symbolic link or other reparse point.</exception>
        public static KernelHandle Open(string path, uint access, out NativeMethods.ByHandleFileInformation information)
        {
            var handle = NativeMethods.CreateFileW(ExtendedLengthPath.For(path), access | NativeMethods.FileReadAttributes, ShareAll,
                System.IntPtr.Zero, NativeMethods.OpenExisting, NativeMethods.FileFlagBackupSemantics | NativeMethods.FileFlagOpenReparsePoint,
                System.IntPtr.Zero);
            if (handle.IsInvalid)
            {
                var error = Marshal.GetLastWin32Error();
                handle.Dispose();
                throw WindowsFileOperations.Failure(error, path, "open");
            }

            if (!NativeMethods.GetFileInformationByHandle(handle, out information))
            {
                var error = Marshal.GetLastWin32Error();
                handle.Dispose();
                throw WindowsFileOperations.Failure(error, path, "look at");
            }

            if ((information.FileAttributes & NativeMethods.FileAttributeReparsePoint) != 0)
            {
                handle.Dispose();
                throw new LinkRefusedException(path);
            }

            return handle;
        }
    }
}
