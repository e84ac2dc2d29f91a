using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Opening a file or folder itself, never what a reparse point at its path leads to, and acting on that handle (sdk-api
    /// fileapi CreateFileW, GetFileInformationByHandle; aclapi GetSecurityInfo, SetSecurityInfo; winbase SetFileInformationByHandle).
    /// </summary>
    internal static partial class NativeMethods
    {
        internal const uint ReadControl = 0x20000;
        internal const uint WriteDac = 0x40000;
        internal const uint WriteOwner = 0x80000;
        internal const uint FileReadAttributes = 0x80;
        internal const uint FileListDirectory = 0x1;
        internal const uint FileTraverse = 0x20;
        internal const uint FileGenericRead = 0x120089;

        internal const uint FileShareRead = 0x1;
        internal const uint FileShareWrite = 0x2;
        internal const uint FileShareDelete = 0x4;
        internal const uint OpenExisting = 3;

        /// <summary>Needed to open a folder at all.</summary>
        internal const uint FileFlagBackupSemantics = 0x02000000;

        /// <summary>"Normal reparse point processing will not occur; CreateFile will attempt to open the reparse point" (CreateFileW).</summary>
        internal const uint FileFlagOpenReparsePoint = 0x00200000;

        /// <summary>FILE_INFO_BY_HANDLE_CLASS values (minwinbase.h).</summary>
        internal const int FileRenameInfoClass = 3;
        internal const int FileDispositionInfoClass = 4;
        internal const int FileDispositionInfoExClass = 21;

        /// <summary>FILE_DISPOSITION_INFO_EX flags (Windows 10 1709 and later): delete now, POSIX semantics, ignore read-only.</summary>
        internal const uint FileDispositionFlagDelete = 0x1;
        internal const uint FileDispositionFlagPosixSemantics = 0x2;
        internal const uint FileDispositionFlagIgnoreReadonlyAttribute = 0x10;

        internal const int ErrorNotSupported = 50;
        internal const int ErrorInvalidFunction = 1;

        /// <summary>BY_HANDLE_FILE_INFORMATION; each FILETIME as two DWORDs, as in <see cref="Win32FindDataW"/>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ByHandleFileInformation
        {
            public uint FileAttributes;
            public uint CreationTimeLow;
            public uint CreationTimeHigh;
            public uint LastAccessTimeLow;
            public uint LastAccessTimeHigh;
            public uint LastWriteTimeLow;
            public uint LastWriteTimeHigh;
            public uint VolumeSerialNumber;
            public uint FileSizeHigh;
            public uint FileSizeLow;
            public uint NumberOfLinks;
            public uint FileIndexHigh;
            public uint FileIndexLow;
        }

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        internal static extern KernelHandle CreateFileW(string fileName, uint desiredAccess, uint shareMode, IntPtr securityAttributes,
            uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);

        [DllImport("kernel32.dll", ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool GetFileInformationByHandle(KernelHandle file, out ByHandleFileInformation information);

        /// <summary>Returns a Win32 error code (0 on success), not a BOOL; the descriptor is freed with LocalFree.</summary>
        [DllImport("advapi32.dll", ExactSpelling = true)]
        internal static extern int GetSecurityInfo(KernelHandle handle, int objectType, int securityInfo, out IntPtr owner, out IntPtr group,
            out IntPtr dacl, out IntPtr sacl, out LocalAllocHandle securityDescriptor);

        /// <summary>Returns a Win32 error code (0 on success), not a BOOL.</summary>
        [DllImport("advapi32.dll", ExactSpelling = true)]
        internal static extern int SetSecurityInfo(KernelHandle handle, int objectType, int securityInfo, IntPtr owner, IntPtr group,
            IntPtr dacl, IntPtr sacl);

        [DllImport("kernel32.dll", ExactSpelling = true, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool SetFileInformationByHandle(KernelHandle file, int informationClass, IntPtr information, uint bufferSize);
    }
}
