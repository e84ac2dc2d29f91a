using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>advapi32 event logging (sdk-api winbase nf-winbase-registereventsourcew, nf-winbase-reporteventw).</summary>
    internal static partial class NativeMethods
    {
        internal const short EventLogErrorType = 0x1;
        internal const short EventLogWarningType = 0x2;
        internal const short EventLogInformationType = 0x4;

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern IntPtr RegisterEventSourceW(string? uncServerName, string sourceName);

        [DllImport("advapi32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool DeregisterEventSource(IntPtr eventLog);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool ReportEventW(
            IntPtr eventLog, short type, short category, int eventId, IntPtr userSid, short numStrings, int dataSize,
            [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPWStr)] string[] strings, IntPtr rawData);
    }
}
