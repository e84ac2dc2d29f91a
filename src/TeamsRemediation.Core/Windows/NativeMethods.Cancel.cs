using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>kernel32 I/O cancellation (sdk-api ioapiset CancelIoEx).</summary>
    internal static partial class NativeMethods
    {
        /// <summary>
        /// Marks every pending I/O on the handle as cancelled, "regardless of which thread created the I/O operation"; a
        /// synchronous ReadFile blocked on another thread then fails with ERROR_OPERATION_ABORTED. False with ERROR_NOT_FOUND
        /// when nothing was pending.
        /// </summary>
        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool CancelIoEx(IntPtr hFile, IntPtr lpOverlapped);
    }
}
