using System;
using System.IO;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// Describes a simulated PC in a few lines: who has a profile, who is logged on, who runs the module,
    /// which Teams each user has. Files are created for real under the machine's folder, laid out by
    /// <see cref="TeamsLayout"/> exactly as the cmdlets expect them on Windows.
    /// </summary>
    public sealed partial class SimulatedPc
    {
        private int nextRid = 1001;
        private int nextSession = 1;

        private SimulatedPc(SimulatedMachine machine)
        {
            Machine = machine;

            // Windows 11 ships the WebView2 Runtime for the whole PC: a simulated PC has it unless a scenario takes it away.
            WebView2Runtime(DefaultWebView2Version);
        }

        public SimulatedMachine Machine { get; }

        /// <summary>A new PC in a fresh temp folder that is deleted when the machine is disposed.</summary>
        public static SimulatedPc Create(string computerName = "PC01")
        {
            var root = Path.Combine(Path.GetTempPath(), "TeamsRemediationPc-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            return new SimulatedPc(new SimulatedMachine(root, computerName) { OwnsRootFolder = true });
        }

        public static SimulatedPc In(string rootFolder, string computerName = "PC01") =>
            new SimulatedPc(new SimulatedMachine(rootFolder, computerName));

        public const string DomainSidPrefix = "S-1-5-21-1004336348-1177238915-682003330-";

        /// <summary>Adds a user with a real profile folder and a ProfileList entry. Logged on users get an interactive session and a loaded
        /// hive.</summary>
        public SimulatedUser AddUser(string account, bool loggedOn = false, bool hiveLoaded = true, string domain = "CONTOSO", string? sid = null)
        {
            sid = sid ?? DomainSidPrefix + nextRid++;
            var profile = Path.Combine(Machine.UsersFolder, account);
            Directory.CreateDirectory(Path.Combine(profile, "AppData", "Local"));
            Directory.CreateDirectory(Path.Combine(profile, "AppData", "Roaming"));
            Machine.StorageSecurity.Declare(profile, SimulatedStorageSecurity.Profile(sid));
            var registry = Machine.SimulatedRegistry;
            registry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, ProfileListReader.ProfileListPath + "\\" + sid), "ProfileImagePath",
                RegistryValue.ExpandString(profile));
            registry.CreateKey(new RegistryKeyPath(RegistryHive.Users, sid + "\\Software"));
            if (!hiveLoaded && !loggedOn)
            {
                registry.UnloadHive(sid);
            }

            var name = domain + "\\" + account;
            Machine.UserDirectory.SetName(sid, name);
            int? session = null;
            if (loggedOn)
            {
                session = nextSession++;
                Machine.UserDirectory.AddSession(new InteractiveSession(session.Value, sid, name, active: true));
            }

            return new SimulatedUser(this, sid, name, profile, session);
        }

        /// <summary>The module runs as SYSTEM in session 0 (Intune, ConfigMgr, scheduled task).</summary>
        public SimulatedPc RunAsSystem()
        {
            Machine.UserDirectory.Caller = new CallerIdentity(WellKnownSids.LocalSystem, @"NT AUTHORITY\SYSTEM", isElevated: true, sessionId: 0);
            return this;
        }

        /// <summary>The module runs as this user, elevated or not, in their session (or a network logon when they have none).</summary>
        public SimulatedPc RunAs(SimulatedUser user, bool elevated)
        {
            Machine.UserDirectory.Caller = new CallerIdentity(user.Sid, user.UserName, elevated, user.SessionId ?? 0);
            return this;
        }

        /// <summary>Windows Enterprise multi-session, or a Windows Server with the Remote Desktop Session Host role.</summary>
        public SimulatedPc MultiSession()
        {
            Machine.IsMultiSessionHost = true;
            return this;
        }

        /// <summary>FSLogix profile containers on (HKLM\SOFTWARE\FSLogix\Profiles Enabled = 1), profiles kept on a share.</summary>
        public SimulatedPc FsLogixProfiles(string vhdLocation = @"\\files\profiles")
        {
            var key = new RegistryKeyPath(RegistryHive.LocalMachine, VirtualDesktopHost.FsLogixProfilesKey);
            Machine.SimulatedRegistry.SetValue(key, VirtualDesktopHost.FsLogixEnabledValue, RegistryValue.DWord(1));
            Machine.SimulatedRegistry.SetValue(key, "VHDLocations", RegistryValue.MultiString(new[] { vhdLocation }));
            return this;
        }

        /// <summary>Azure Virtual Desktop set up for Teams as Microsoft's VDI article asks (IsWVDEnvironment = 1).</summary>
        public SimulatedPc AzureVirtualDesktop()
        {
            Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, VirtualDesktopHost.TeamsMachineKey),
                VirtualDesktopHost.AzureVirtualDesktopValue, RegistryValue.DWord(1));
            return this;
        }

        /// <summary>A folder on a "file server": a real folder under the machine's folder that the file operations call a network share.</summary>
        public string NetworkShare(string name)
        {
            var share = Path.Combine(Machine.RootFolder, "Shares", name);
            Directory.CreateDirectory(share);
            Machine.FileOperations.DeclareNetworkShare(share);
            return share;
        }

        /// <summary>Windows 11 23H2, the simulated PC's Windows unless a scenario picks another.</summary>
        public const int Windows11Build = 22631;

        /// <summary>Windows 10 22H2: no TLS 1.3 client in Schannel.</summary>
        public const int Windows10Build = 19045;

        /// <summary>
        /// The module runs in a 32-bit process on 64-bit Windows (WOW64), as Intune's default Windows PowerShell does: HKLM\SOFTWARE of the
        /// default view is WOW6432Node (the WinHTTP API reads its proxy there), System32 is SysWOW64 for its own children, and the Sysnative
        /// alias exists for this process only, never for the 64-bit Task Scheduler service.
        /// </summary>
        public SimulatedPc Bitness32()
        {
            Machine.Is32BitProcess = true;
            return this;
        }

        /// <summary>The module runs in Windows PowerShell 5.1 on .NET Framework (4.8 unless <paramref name="framework48"/> is false).</summary>
        public SimulatedPc WindowsPowerShell51(int windowsBuild = Windows11Build, bool framework48 = true)
        {
            Machine.Runtime = HostRuntime.WindowsPowerShell(windowsBuild, framework48);
            return this;
        }

        /// <summary>Intune's default host: 32-bit Windows PowerShell 5.1 on .NET Framework 4.8.</summary>
        public SimulatedPc IntuneDefaultHost(int windowsBuild = Windows11Build) => Bitness32().WindowsPowerShell51(windowsBuild);
    }
}
