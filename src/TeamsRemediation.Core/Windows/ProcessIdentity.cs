using System;
using System.IO;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// What tells one process from a later one with the same id, read on an open process handle: its image and its creation time
    /// (GetProcessTimes). The handle keeps the process object alive, so what is read on it cannot change to another process meanwhile.
    /// </summary>
    internal static class ProcessIdentity
    {
        /// <summary>The creation time in UTC, or null when it cannot be read (or is no valid FILETIME).</summary>
        public static DateTime? StartTimeUtc(KernelHandle process) => AsUtc(CreationFileTime(process));

        /// <summary>The creation time as the raw FILETIME GetProcessTimes gives, or null when it cannot be read.</summary>
        public static long? CreationFileTime(KernelHandle process) =>
            NativeMethods.GetProcessTimes(process, out var creation, out _, out _, out _) ? creation : (long?)null;

        /// <summary>A FILETIME as UTC; null outside DateTime's range (FromFileTimeUtc would throw; under Wine such a time has been seen).</summary>
        public static DateTime? AsUtc(long? fileTime) =>
            fileTime >= 0 && fileTime <= DateTime.MaxValue.ToFileTimeUtc() ? DateTime.FromFileTimeUtc(fileTime.Value) : (DateTime?)null;

        /// <summary>The full path of the process's image, or null when it cannot be read.</summary>
        public static string? ImagePath(KernelHandle process)
        {
            // Paths may exceed MAX_PATH (long path support); grow up to the 32,767-character limit.
            for (var capacity = 1024; capacity <= 32768; capacity *= 2)
            {
                var buffer = new char[capacity];
                var length = buffer.Length;
                if (NativeMethods.QueryFullProcessImageNameW(process, 0, buffer, ref length))
                {
                    return new string(buffer, 0, length);
                }

                if (Marshal.GetLastWin32Error() != NativeMethods.ErrorInsufficientBuffer)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>The name the listing shows (the image name without ".exe"), read from the handle; null when it cannot be read.</summary>
        public static string? DisplayName(KernelHandle process)
        {
            var path = ImagePath(process);
            return path == null ? null : WindowsProcessTable.NameOfImage(Path.GetFileName(path));
        }
    }
}
