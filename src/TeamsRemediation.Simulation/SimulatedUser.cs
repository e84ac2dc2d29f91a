using System;
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
        }

        public string Sid { get; }

        public string UserName { get; }

        public string ProfilePath { get; }

        public int? SessionId { get; }

        public RegistryKeyPath HiveKey(string relativePath) => new RegistryKeyPath(RegistryHive.Users, Sid + "\\" + relativePath);

        /// <summary>Classic Teams installed per user: Update.exe, current\Teams.exe, the uninstall entry, and a used cache.</summary>
        public SimulatedUser InstallClassicTeams(string version = "1.7.00.13456")
        {
            var install = TeamsLayout.ClassicInstallPath(ProfilePath);
            WriteFile(Path.Combine(install, "Update.exe"), "MZ classic updater");
            WriteFile(Path.Combine(install, "current", "Teams.exe"), "MZ classic teams");
            SetUserValue(TeamsLayout.ClassicUninstallKey, "DisplayVersion", RegistryValue.String(version));
            return AddClassicCache();
        }

        /// <summary>The classic cache with every folder it makes, user settings, a custom background and a log.</summary>
        public SimulatedUser AddClassicCache()
        {
            var root = TeamsLayout.ClassicCacheRoot(ProfilePath);
            foreach (var folder in TeamsLayout.ClassicCacheFolders)
            {
                WriteFile(Path.Combine(root, folder, "data_0"), folder + " cached bytes");
            }

            WriteFile(Path.Combine(root, "desktop-config.json"),
                "{\"currentWebLanguage\":\"en-us\",\"appPreferenceSettings\":{\"openAtLogin\":true}}");
            WriteFile(Path.Combine(root, "storage.json"), "{\"appState\":\"running\"}");
            WriteFile(Path.Combine(root, "Backgrounds", "Uploads", "beach.png"), "PNG beach");
            WriteFile(Path.Combine(root, "logs.txt"), "Tue Nov 24 2026 09:12:01 GMT+0000 <3412> -- info -- Starting Teams\n");
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
            var package = TeamsLayout.NewPackageRoot(ProfilePath);
            WriteFile(Path.Combine(package, "Settings", "settings.dat"), "package settings");
            var root = TeamsLayout.NewCacheRoot(ProfilePath);
            var profile = Path.Combine(root, "EBWebView", "WV2Profile_tfw");
            foreach (var folder in new[] { "Cache", "Code Cache", "GPUCache", "IndexedDB", "Local Storage", "Service Worker" })
            {
                WriteFile(Path.Combine(profile, folder, "data_0"), folder + " cached bytes");
            }

            WriteFile(Path.Combine(root, "Backgrounds", "Uploads", "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77.png"), "PNG office");
            WriteFile(Path.Combine(root, "Backgrounds", "Uploads", "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77_thumb.png"), "PNG office thumb");
            WriteFile(Path.Combine(root, "Logs", "MSTeams_2026-11-24_09-12-01.00.log"), "2026-11-24T09:12:01.000Z Inf Starting MSTeams\n");
            return this;
        }

        /// <summary>Declares a running Teams process of this user (simulated, or backed by a real process).</summary>
        public ProcessInfo StartProcess(string name, int parentId = 0, System.Diagnostics.Process? real = null, bool ignoresClose = false)
        {
            var session = SessionId ?? throw new InvalidOperationException(UserName + " is not logged on: a process needs a session.");
            return real == null
                ? pc.Machine.ProcessTable.Add(name, session, Sid, parentId, ignoresClose: ignoresClose)
                : pc.Machine.ProcessTable.AddReal(real, name, session, Sid, parentId, ignoresClose);
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

        public void WriteFile(string path, string content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
    }
}
