using System;
using System.Collections.Generic;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Targets
{
    /// <summary>
    /// What makes this PC a virtual desktop host, from what Windows and Microsoft's own products record:
    /// <list type="bullet">
    /// <item>Windows allows any number of concurrent interactive sessions (Windows 10/11 Enterprise multi-session, or Windows Server
    /// with the Remote Desktop Session Host role): IsActiveSessionCountLimited() is false.</item>
    /// <item>FSLogix profile containers are on: HKLM\SOFTWARE\FSLogix\Profiles, Enabled = 1 (REG_DWORD). The profile is then a
    /// container mounted at the usual profile path while the user is logged on.</item>
    /// <item>Azure Virtual Desktop or Windows 365 configured for Teams: HKLM\SOFTWARE\Microsoft\Teams, IsWVDEnvironment = 1, the
    /// value Microsoft's VDI article has admins deploy.</item>
    /// </list>
    /// Only REG_DWORD values count: a string "1" is not what these products write or read.
    /// </summary>
    public sealed class VirtualDesktopHost
    {
        public const string FsLogixProfilesKey = @"SOFTWARE\FSLogix\Profiles";
        public const string FsLogixEnabledValue = "Enabled";
        public const string TeamsMachineKey = @"SOFTWARE\Microsoft\Teams";
        public const string AzureVirtualDesktopValue = "IsWVDEnvironment";

        private VirtualDesktopHost(bool multiSession, bool fsLogix, bool azureVirtualDesktop)
        {
            MultiSession = multiSession;
            FsLogixProfiles = fsLogix;
            AzureVirtualDesktop = azureVirtualDesktop;
        }

        public bool MultiSession { get; }

        public bool FsLogixProfiles { get; }

        public bool AzureVirtualDesktop { get; }

        public bool IsVirtualDesktop => MultiSession || FsLogixProfiles || AzureVirtualDesktop;

        public static VirtualDesktopHost Read(IMachine machine) => new VirtualDesktopHost(
            machine.IsMultiSessionHost,
            IsOne(machine.Registry, FsLogixProfilesKey, FsLogixEnabledValue),
            IsOne(machine.Registry, TeamsMachineKey, AzureVirtualDesktopValue));

        /// <summary>The evidence in words, e.g. "PC01 is a multi-session host (...) with FSLogix profile containers (...)".</summary>
        public string Describe()
        {
            var parts = new List<string>();
            if (MultiSession)
            {
                parts.Add("a multi-session host (Windows Enterprise multi-session or a Remote Desktop Session Host)");
            }

            if (FsLogixProfiles)
            {
                parts.Add("an FSLogix profile container host (HKLM\\" + FsLogixProfilesKey + " " + FsLogixEnabledValue + " = 1)");
            }

            if (AzureVirtualDesktop)
            {
                parts.Add("an Azure Virtual Desktop (HKLM\\" + TeamsMachineKey + " " + AzureVirtualDesktopValue + " = 1)");
            }

            return parts.Count == 0 ? "This PC is not a virtual desktop host" : "This PC is " + string.Join(", ", parts);
        }

        private static bool IsOne(IRegistry registry, string key, string name)
        {
            try
            {
                return registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine, key, RegistryView.Registry64), name)?.AsDWord == 1;
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                // Both keys are readable by every user on Windows; a denied read says nothing about the host.
                return false;
            }
        }
    }
}
