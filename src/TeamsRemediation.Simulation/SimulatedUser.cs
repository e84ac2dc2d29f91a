using System;
using System.Globalization;
using System.IO;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Simulation
{
    /// <summary>A user of a <see cref="SimulatedPc"/>, with helpers that lay out Teams in their real profile folder.</summary>
    public sealed class SimulatedUser
    {
        private readonly SimulatedPc pc;

        internal SimulatedUser(SimulatedPc pc, string sid, string userName, string profilePath, int? sessionId)
        {
            this.pc = pc;
            Sid = sid;
            UserName = userName;
            ProfilePath = profilePath;
            SessionId = sessionId;
            Folders = UserFolders.Default(profilePath);
        }

        /// <summary>Where this user's AppData and Downloads are, as the scenario laid them out (the module must find the same).</summary>
        public UserFolders Folders { get; private set; }

        public string Sid { get; }

        public string UserName { get; }

        public string ProfilePath { get; }

        public int? SessionId { get; }

        public RegistryKeyPath HiveKey(string relativePath) => new RegistryKeyPath(RegistryHive.Users, Sid + "\\" + relativePath);

        /// <summary>Classic Teams installed per user: Update.exe, current\Teams.exe, the uninstall entry, and a used cache.</summary>
        public SimulatedUser InstallClassicTeams(string version = "1.7.00.13456")
        {
            var install = TeamsLayout.ClassicInstallPath(Folders);
            WriteFile(Path.Combine(install, "Update.exe"), "MZ classic updater");
            WriteFile(Path.Combine(install, "current", "Teams.exe"), "MZ classic teams");
            SetUserValue(TeamsLayout.ClassicUninstallKey, "DisplayVersion", RegistryValue.String(version));
            return AddClassicCache();
        }

        /// <summary>The classic cache with every folder it makes, user settings, a custom background and a log.</summary>
        public SimulatedUser AddClassicCache()
        {
            var root = TeamsLayout.ClassicCacheRoot(Folders);
            foreach (var folder in TeamsLayout.ClassicCacheFolders)
            {
                WriteFile(Path.Combine(root, folder, "data_0"), folder + " cached bytes");
            }

            WriteFile(Path.Combine(root, "desktop-config.json"),
                "{\"currentWebLanguage\":\"en-us\",\"appPreferenceSettings\":{\"openAtLogin\":true}}");
            WriteFile(Path.Combine(root, "storage.json"), "{\"appState\":\"running\"}");
            WriteFile(Path.Combine(root, "Backgrounds", "Uploads", "beach.png"), "PNG beach");
            // Classic Teams' own line shape, dated by the simulated clock like every seeded log.
            WriteFile(Path.Combine(root, "logs.txt"), pc.Machine.Clock.UtcNow.AddHours(-2).UtcDateTime.ToString(
                "ddd MMM dd yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " GMT+0000 <3412> -- info -- Starting Teams\n");
            return this;
        }

        /// <summary>New Teams registered for this user (AppxAllUserStore entry) with a used WebView2 cache.</summary>
        public SimulatedUser InstallNewTeams(string version = "25122.1415.3698.6812")
        {
            pc.Machine.SimulatedRegistry.CreateKey(new RegistryKeyPath(RegistryHive.LocalMachine,
                TeamsLayout.AppxAllUserStorePath + "\\" + Sid + "\\" + TeamsLayout.NewTeamsPackageName + "_" + version + "_x64__"
                    + TeamsLayout.NewTeamsPublisherId));
            return AddNewTeamsCache();
        }

        /// <summary>The new Teams package folder and cache, as left in the profile (also after an uninstall).</summary>
        public SimulatedUser AddNewTeamsCache()
        {
            var package = TeamsLayout.NewPackageRoot(Folders);
            WriteFile(Path.Combine(package, "Settings", "settings.dat"), "package settings");
            var root = TeamsLayout.NewCacheRoot(Folders);
            var profile = Path.Combine(root, "EBWebView", "WV2Profile_tfw");
            foreach (var folder in new[] { "Cache", "Code Cache", "GPUCache", "IndexedDB", "Local Storage", "Service Worker" })
            {
                WriteFile(Path.Combine(profile, folder, "data_0"), folder + " cached bytes");
            }

            WriteFile(Path.Combine(root, "Backgrounds", "Uploads", "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77.png"), "PNG office");
            WriteFile(Path.Combine(root, "Backgrounds", "Uploads", "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77_thumb.png"), "PNG office thumb");
            // Teams started two hours before the simulated PC's now: dated by its clock, never by the calendar, so the log is as
            // recent on any day the tests run (and with the clock set a year ahead). A profile laid out again (another process
            // describing the same PC) keeps the log Teams already wrote, as the real one would.
            var logs = Path.Combine(root, "Logs");
            var written = Directory.Exists(logs) ? Directory.GetFiles(logs, TeamsLogFiles.ScannedPattern) : new string[0];
            if (written.Length > 0)
            {
                Array.Sort(written, StringComparer.Ordinal);
                NewTeamsLogName = Path.GetFileName(written[0]);
                return this;
            }

            var started = pc.Machine.Clock.UtcNow.AddHours(-2);
            NewTeamsLogName = NewTeamsLogFileName(started);
            WriteFile(Path.Combine(logs, NewTeamsLogName), started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
                CultureInfo.InvariantCulture) + " Inf Starting MSTeams\n");
            return this;
        }

        /// <summary>The name of the new Teams log <see cref="AddNewTeamsCache"/> wrote or found; null until then.</summary>
        public string? NewTeamsLogName { get; private set; }

        /// <summary>
        /// The name new Teams gives the log of a session started at <paramref name="started"/>: MSTeams_, the start time as
        /// yyyy-MM-dd_HH-mm-ss, then .00.log.
        /// </summary>
        public static string NewTeamsLogFileName(DateTimeOffset started) =>
            "MSTeams_" + started.UtcDateTime.ToString("yyyy-MM-dd_HH-mm-ss", CultureInfo.InvariantCulture) + ".00.log";

        /// <summary>
        /// Folder Redirection of AppData (roaming): the User Shell Folders value as Group Policy writes it (REG_EXPAND_SZ, e.g.
        /// "%HOMESHARE%\AppData" or "\\server\share\%USERNAME%\AppData"), in the user's hive loaded or not. The folder is made, and
        /// <see cref="Folders"/> says where it is once <paramref name="expandedForUser"/> names the expansion for this user.
        /// </summary>
        public SimulatedUser RedirectRoamingAppData(string rawValue, string expandedForUser) =>
            Redirect(UserFolderReader.RoamingAppDataValue, rawValue, expandedForUser);

        /// <summary>The Downloads folder moved (Folder Redirection, or the user's Location tab): where Teams saves collected logs.</summary>
        public SimulatedUser RedirectDownloads(string rawValue, string expandedForUser) =>
            Redirect(UserFolderReader.DownloadsValue, rawValue, expandedForUser);

        /// <summary>The Local AppData value moved (not a Folder Redirection choice, but a value Windows honours when set).</summary>
        public SimulatedUser RedirectLocalAppData(string rawValue, string expandedForUser) =>
            Redirect(UserFolderReader.LocalAppDataValue, rawValue, expandedForUser);

        /// <summary>A roaming user profile: the server copy ProfileList names in CentralProfile.</summary>
        public SimulatedUser UseRoamingProfile(string centralProfile)
        {
            pc.Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, ProfileListReader.ProfileListPath + "\\" + Sid),
                "CentralProfile", RegistryValue.String(centralProfile));
            Folders = new UserFolders(Folders.Profile, Folders.RoamingAppData, Folders.RoamingAppDataSource, Folders.LocalAppData,
                Folders.LocalAppDataSource, Folders.Downloads, Folders.DownloadsSource, centralProfile);
            return this;
        }

        private SimulatedUser Redirect(string valueName, string rawValue, string expandedForUser)
        {
            SetUserValue(UserFolderReader.UserShellFoldersKey, valueName, RegistryValue.ExpandString(rawValue));
            Directory.CreateDirectory(expandedForUser);

            // Folder Redirection makes the user the owner of their folder ("Grant the user exclusive rights").
            pc.Machine.StorageSecurity.Declare(expandedForUser, SimulatedStorageSecurity.Profile(Sid));
            var f = Folders;
            Folders = valueName == UserFolderReader.RoamingAppDataValue
                ? new UserFolders(f.Profile, expandedForUser, FolderSource.Redirected, f.LocalAppData, f.LocalAppDataSource, f.Downloads,
                    f.DownloadsSource, f.RoamingProfile)
                : valueName == UserFolderReader.LocalAppDataValue
                    ? new UserFolders(f.Profile, f.RoamingAppData, f.RoamingAppDataSource, expandedForUser, FolderSource.Redirected, f.Downloads,
                        f.DownloadsSource, f.RoamingProfile)
                    : new UserFolders(f.Profile, f.RoamingAppData, f.RoamingAppDataSource, f.LocalAppData, f.LocalAppDataSource, expandedForUser,
                        FolderSource.Redirected, f.RoamingProfile);
            return this;
        }

        /// <summary>Declares a running Teams process of this user (simulated, or backed by a real process).</summary>
        public ProcessInfo StartProcess(string name, int parentId = 0, System.Diagnostics.Process? real = null)
        {
            var session = SessionId ?? throw new InvalidOperationException(UserName + " is not logged on: a process needs a session.");
            return real == null
                ? pc.Machine.ProcessTable.Add(name, session, Sid, parentId)
                : pc.Machine.ProcessTable.AddReal(real, name, session, Sid, parentId);
        }

        /// <summary>Sets a value in the user's own hive, loaded or not (then it waits in NTUSER.DAT for the next load).</summary>
        public void SetUserValue(string relativePath, string name, RegistryValue value)
        {
            var registry = pc.Machine.SimulatedRegistry;
            if (registry.IsHiveUnloaded(Sid))
            {
                registry.SetValueInUnloadedHive(Sid, relativePath, name, value);
            }
            else
            {
                registry.SetValue(HiveKey(relativePath), name, value);
            }
        }

        /// <summary>Writes a file of this user's, last written at the simulated PC's now (what its clock says, not the real time).</summary>
        public void WriteFile(string path, string content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            File.SetLastWriteTimeUtc(path, pc.Machine.Clock.UtcNow.UtcDateTime);
        }

        /// <summary>Adds to a file of this user's (a log Teams goes on writing), last written at the simulated PC's now.</summary>
        public void AppendToFile(string path, string content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.AppendAllText(path, content);
            File.SetLastWriteTimeUtc(path, pc.Machine.Clock.UtcNow.UtcDateTime);
        }
    }
}
