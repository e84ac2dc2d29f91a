using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>kernel32 file functions, declared from fileapi.h and winbase.h (sdk-api fileapi/nf-fileapi-*); all take \\?\ paths.</summary>
    internal static partial class NativeMethods
    {
        internal const int ErrorInvalidName = 123;
        internal const int ErrorDirNotEmpty = 145;
        internal const int ErrorAlreadyExists = 183;

        internal const uint FileAttributeReadOnly = 0x1;
        internal const uint FileAttributeDirectory = 0x10;
        internal const uint FileAttributeReparsePoint = 0x400;
        internal const uint InvalidFileAttributes = 0xFFFFFFFF;

        internal const int FindExInfoBasic = 1;
        internal const int FindExSearchNameMatch = 0;
        internal const int FindFirstExLargeFetch = 2;

        internal const int MoveFileCopyAllowed = 0x2;

        internal const int DriveRemote = 4;

        /// <summary>DRIVE_NO_ROOT_DIR: the root path is invalid, e.g. a drive letter this logon session has not mapped.</summary>
        internal const int DriveNoRootDir = 1;

        /// <summary>WIN32_FIND_DATAW. Each FILETIME is two DWORDs (4-byte aligned, so right after the attributes): a 64-bit field
        /// here would be padded to offset 8 and shift every field after it.</summary>
        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        internal struct Win32FindDataW
        {
            public uint FileAttributes;
            public uint CreationTimeLow;
            public uint CreationTimeHigh;
            public uint LastAccessTimeLow;
            public uint LastAccessTimeHigh;
            public uint LastWriteTimeLow;
            public uint LastWriteTimeHigh;
            public uint FileSizeHigh;
            public uint FileSizeLow;
            public uint Reserved0;
            public uint Reserved1;

            [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)]
            public string FileName;

            [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 14)]
            public string AlternateFileName;
        }

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        internal static extern FindHandle FindFirstFileExW(string fileName, int infoLevel, out Win32FindDataW findData, int searchOp,
            IntPtr searchFilter, int additionalFlags);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool FindNextFileW(FindHandle findFile, out Win32FindDataW findData);

        [DllImport("kernel32.dll", ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool FindClose(IntPtr findFile);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool DeleteFileW(string fileName);

        /// <summary>With no security attributes (IntPtr.Zero): the new folder inherits its parent's ACL, as Directory.CreateDirectory does.</summary>
        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool CreateDirectoryW(string pathName, IntPtr securityAttributes);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool RemoveDirectoryW(string pathName);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool MoveFileExW(string existingFileName, string newFileName, int flags);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        internal static extern uint GetFileAttributesW(string fileName);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool SetFileAttributesW(string fileName, uint fileAttributes);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int GetDriveTypeW(string rootPathName);
    }

    /// <summary>A FindFirstFileEx search, closed with FindClose (INVALID_HANDLE_VALUE when the search could not start).</summary>
    internal sealed class FindHandle : Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid
    {
        public FindHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle() => NativeMethods.FindClose(handle);
    }
}
