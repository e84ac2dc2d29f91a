using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using TeamsRemediation.Platform;

namespace TeamsRemediation.FileSystem
{
    /// <summary>A file opened for reading with open(2) and O_NOFOLLOW: a symbolic link at the path is refused (ELOOP), never followed.</summary>
    internal static class PosixFile
    {
        private const int ENoEnt = 2, EAccess = 13, EPerm = 1, ENotDir = 20, ELoop = 40;

        public static Stream OpenForReading(string path)
        {
            var descriptor = open(path, ReadOnlyNoFollow());
            if (descriptor >= 0)
            {
                return new FileStream(new SafeFileHandle((IntPtr)descriptor, ownsHandle: true), FileAccess.Read);
            }

            var error = Marshal.GetLastWin32Error();
            var message = "Could not open " + path + " for reading: errno " + error.ToString(CultureInfo.InvariantCulture) + ".";
            switch (error)
            {
                case ELoop: throw new LinkRefusedException(path);
                case ENoEnt: throw new FileNotFoundException(message, path);
                case ENotDir: throw new DirectoryNotFoundException(message);
                case EAccess:
                case EPerm: throw new UnauthorizedAccessException(message);
                default: throw new IOException(message);
            }
        }

        /// <summary>O_RDONLY | O_NOFOLLOW | O_CLOEXEC; O_NOFOLLOW differs between the x64 and arm64 ABIs.</summary>
        private static int ReadOnlyNoFollow()
        {
            const int CloseOnExec = 0x80000;
            switch (RuntimeInformation.ProcessArchitecture)
            {
                case Architecture.X64:
                case Architecture.X86:
                    return 0x20000 | CloseOnExec;
                case Architecture.Arm64:
                case Architecture.Arm:
                    return 0x8000 | CloseOnExec;
                default:
                    throw new PlatformNotSupportedException("No O_NOFOLLOW value for " + RuntimeInformation.ProcessArchitecture + ".");
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int open(string path, int flags);
    }
}
