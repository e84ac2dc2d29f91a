using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Events through RegisterEventSourceW and ReportEventW, with the message as the one insertion string (%1 of the
    /// registered message file). System.Diagnostics.EventLog would be a separate package on netstandard2.0.
    /// </summary>
    public sealed class WindowsEventLogWriter : IEventLogWriter
    {
        // ReportEvent takes at most 31,839 characters per string (sdk-api nf-winbase-reporteventw).
        private const int MaximumMessage = 31839;

        public void Write(string source, EventLogLevel level, int eventId, string message)
        {
            var handle = NativeMethods.RegisterEventSourceW(null, source);
            if (handle == IntPtr.Zero)
            {
                throw new Win32Exception(Marshal.GetLastWin32Error(), "Could not open the event source " + source + ".");
            }

            try
            {
                var text = message.Length > MaximumMessage ? message.Substring(0, MaximumMessage) : message;
                var type = level == EventLogLevel.Error ? NativeMethods.EventLogErrorType
                    : level == EventLogLevel.Warning ? NativeMethods.EventLogWarningType : NativeMethods.EventLogInformationType;
                if (!NativeMethods.ReportEventW(handle, type, 0, eventId, IntPtr.Zero, 1, 0, new[] { text }, IntPtr.Zero))
                {
                    throw new Win32Exception(Marshal.GetLastWin32Error(), "Could not write to the event source " + source + ".");
                }
            }
            finally
            {
                NativeMethods.DeregisterEventSource(handle);
            }
        }
    }
}
