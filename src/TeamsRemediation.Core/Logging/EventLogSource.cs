using System;
using System.IO;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Logging
{
    /// <summary>
    /// The module's source in the Application log. A source is a registry key under
    /// HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application with its message file and the event types it
    /// writes (MicrosoftDocs/win32 desktop-src/EventLog/event-sources.md). The message file is the .NET Framework's
    /// EventLogMessages.dll, whose every message is just "%1" (the one .NET's own EventLog.CreateEventSource
    /// registers), so the log shows the module's text as written. Only SYSTEM or an elevated caller may create the
    /// key; anyone may write once it exists.
    /// </summary>
    public static class EventLogSource
    {
        public const string Name = "TeamsRemediation";
        public const string KeyPath = @"SYSTEM\CurrentControlSet\Services\EventLog\Application\" + Name;

        // EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE.
        private const uint TypesSupported = 0x7;

        public static RegistryKeyPath Key => new RegistryKeyPath(RegistryHive.LocalMachine, KeyPath);

        /// <summary>True when the source exists or could be registered now; false when this caller may not register it.</summary>
        public static bool TryEnsureRegistered(IMachine machine)
        {
            try
            {
                if (machine.Registry.GetValue(Key, "EventMessageFile") != null)
                {
                    return true;
                }

                var caller = machine.Users.GetCurrentIdentity();
                if (!caller.IsSystem && !caller.IsElevated)
                {
                    return false;
                }

                machine.Registry.SetValue(Key, "EventMessageFile", RegistryValue.ExpandString(MessageFile(machine)));
                machine.Registry.SetValue(Key, "TypesSupported", RegistryValue.DWord(TypesSupported));
                return true;
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is System.Security.SecurityException)
            {
                return false;
            }
        }

        /// <summary>The 64-bit Framework's copy where there is one (every 64-bit Windows), else the 32-bit one.</summary>
        public static string MessageFile(IMachine machine)
        {
            var framework = Directory.Exists(Path.Combine(machine.WindowsPath, "Microsoft.NET", "Framework64")) ? "Framework64" : "Framework";
            return @"%SystemRoot%\Microsoft.NET\" + framework + @"\v4.0.30319\EventLogMessages.dll";
        }
    }
}
