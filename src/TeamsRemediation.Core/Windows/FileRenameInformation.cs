using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// A FILE_RENAME_INFORMATION (ntifs.h) in unmanaged memory, for NtSetInformationFile with FileRenameInformation: the
    /// entry becomes <c>FileName</c> inside the folder <c>RootDirectory</c> is open on. This NT form, not the Win32
    /// FILE_RENAME_INFO of SetFileInformationByHandle, is the one Microsoft documents for a name relative to a folder handle:
    /// FILE_RENAME_INFO's RootDirectory "should be set to NULL" and its relative FileName is resolved against the process's
    /// current directory (winbase.h docs), which is what Wine's kernelbase does (it turns the name into a full path first,
    /// and ntdll then refuses a full path next to a RootDirectory with STATUS_INVALID_PARAMETER).
    /// </summary>
    internal sealed class FileRenameInformation : IDisposable
    {
        /// <summary>After the ReplaceIfExists/Flags union (4 bytes), at pointer alignment: 8 on x64, 4 on x86.</summary>
        internal static readonly int RootDirectoryOffset = IntPtr.Size;

        internal static readonly int FileNameLengthOffset = RootDirectoryOffset + IntPtr.Size;

        internal static readonly int FileNameOffset = FileNameLengthOffset + 4;

        /// <summary>sizeof(FILE_RENAME_INFORMATION): up to FileName[1], padded to pointer alignment (24 on x64, 16 on x86).</summary>
        internal static readonly int StructSize = (FileNameOffset + 2 + IntPtr.Size - 1) / IntPtr.Size * IntPtr.Size;

        /// <param name="rootDirectory">The destination folder's handle; the caller keeps it alive until the call returns.</param>
        /// <param name="fileName">A simple name inside that folder; ReplaceIfExists stays FALSE, so an existing entry fails the call.</param>
        public FileRenameInformation(IntPtr rootDirectory, string fileName)
        {
            // "The size of the FileInformation buffer ... must be >= sizeof(FILE_RENAME_INFORMATION) plus the size in bytes of
            // the FileName string" (ntifs.h docs); zero-filled, so the flags are FALSE and the name ends with a NUL either way.
            Length = StructSize + fileName.Length * 2;
            Buffer = Marshal.AllocHGlobal(Length);
            for (var i = 0; i < Length; i++)
            {
                Marshal.WriteByte(Buffer, i, 0);
            }

            Marshal.WriteIntPtr(Buffer + RootDirectoryOffset, rootDirectory);
            Marshal.WriteInt32(Buffer + FileNameLengthOffset, fileName.Length * 2);
            Marshal.Copy(fileName.ToCharArray(), 0, Buffer + FileNameOffset, fileName.Length);
        }

        public IntPtr Buffer { get; }

        /// <summary>The whole buffer's size in bytes, the Length NtSetInformationFile is given.</summary>
        public int Length { get; }

        public void Dispose() => Marshal.FreeHGlobal(Buffer);
    }
}
