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
    
        internal const uint FileWriteAttributes = 0x100;
        internal const int FileBasicInfoClass = 0;

        /// <summary>NtCreateFile: CreateDisposition FILE_OPEN and the CreateOptions used (wdm.h).</summary>
        internal const uint NtFileOpen = 1;
        internal const uint NtFileOpenIf = 3;
        internal const uint NtFileDirectoryFile = 0x1;
        internal const uint NtFileSynchronousIoNonAlert = 0x20;
        internal const uint NtFileOpenForBackupIntent = 0x4000;
        internal const uint NtFileOpenReparsePoint = 0x200000;
        internal const uint ObjCaseInsensitive = 0x40;

        /// <summary>UNICODE_STRING: lengths in bytes, the buffer not NUL-terminated.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct UnicodeString
        {
            public ushort Length;
            public ushort MaximumLength;
            public IntPtr Buffer;
        }

        /// <summary>OBJECT_ATTRIBUTES: ObjectName relative to RootDirectory when that is set.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ObjectAttributes
        {
            public int Length;
            public IntPtr RootDirectory;
            public IntPtr ObjectName;
            public uint Attributes;
            public IntPtr SecurityDescriptor;
            public IntPtr SecurityQualityOfService;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct IoStatusBlock
        {
            public IntPtr Status;
            public UIntPtr Information;
        }

        /// <summary>Returns an NTSTATUS (0 on success); RtlNtStatusToDosError turns a failure into the Win32 error callers know.</summary>
        [DllImport("ntdll.dll", ExactSpelling = true)]
        internal static extern int NtCreateFile(out KernelHandle fileHandle, uint desiredAccess, ref ObjectAttributes objectAttributes,
            out IoStatusBlock ioStatusBlock, IntPtr allocationSize, uint fileAttributes, uint shareAccess, uint createDisposition,
            uint createOptions, IntPtr eaBuffer, uint eaLength);

        [DllImport("ntdll.dll", ExactSpelling = true)]
        internal static extern int RtlNtStatusToDosError(int status);

        /// <summary>FILE_INFORMATION_CLASS FileRenameInformation (wdm.h): the buffer is a FILE_RENAME_INFORMATION.</summary>
        internal const int FileRenameInformationClass = 10;

        /// <summary>
        /// Changes a file's information through its handle (ntifs.h NtSetInformationFile, ZwSetInformationFile's user-mode name); returns
        /// an NTSTATUS. Used for the rename relative to a folder handle, which only this NT form documents.
        /// </summary>
        [DllImport("ntdll.dll", ExactSpelling = true)]
        internal static extern int NtSetInformationFile(KernelHandle fileHandle, out IoStatusBlock ioStatusBlock, IntPtr fileInformation,
            uint length, int fileInformationClass);

        /// <summary>FILE_INFORMATION_CLASS FileFullDirectoryInformation (wdm.h): the entries as FILE_FULL_DIR_INFORMATION.</summary>
        internal const int FileFullDirectoryInformation = 2;

        /// <summary>NTSTATUS STATUS_NO_MORE_FILES: the listing is done.</summary>
        internal const int StatusNoMoreFiles = unchecked((int)0x80000006);

        /// <summary>
        /// The entries of an open folder (ntifs.h NtQueryDirectoryFile), the call .NET's own enumeration makes on Windows; returns an
        /// NTSTATUS. A synchronous handle (FILE_SYNCHRONOUS_IO_NONALERT, or CreateFile without OVERLAPPED) needs no event.
        /// </summary>
        [DllImport("ntdll.dll", ExactSpelling = true)]
        internal static extern int NtQueryDirectoryFile(KernelHandle fileHandle, IntPtr eventHandle, IntPtr apcRoutine, IntPtr apcContext,
            out IoStatusBlock ioStatusBlock, IntPtr fileInformation, uint length, int fileInformationClass,
            [MarshalAs(UnmanagedType.U1)] bool returnSingleEntry, IntPtr fileName, [MarshalAs(UnmanagedType.U1)] bool restartScan);
    }
}
