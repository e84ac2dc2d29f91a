using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TeamsRemediation.Targets
{
    /// <summary>
    /// Where each Teams client lives inside a profile, and what its processes are called. The one place these
    /// names are spelled: detection, cache clearing and the simulated PC all read them from here, so they can
    /// never look at different folders.
    /// </summary>
    public static class TeamsLayout
    {
        public const string NewTeamsPackageName = "MSTeams";
        public const string NewTeamsPublisherId = "8wekyb3d8bbwe";
        public const string NewTeamsPackageFamily = NewTeamsPackageName + "_" + NewTeamsPublisherId;

        /// <summary>Per-user list of registered packages (one subkey per package full name), readable from SYSTEM without the user's hive.</summary>
        public const string AppxAllUserStorePath = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Appx\AppxAllUserStore";

        /// <summary>Classic Teams' per-user uninstall entry, relative to HKEY_USERS\&lt;SID&gt;.</summary>
        public const string ClassicUninstallKey = @"Software\Microsoft\Windows\CurrentVersion\Uninstall\Teams";

        /// <summary>Classic cache folders, spelled as the client spells them (a known peer script writes "blob storage").</summary>
        public static readonly IReadOnlyList<string> ClassicCacheFolders = new[]
        {
            "Application Cache", "blob_storage", "Cache", "Code Cache", "databases", "GPUCache", "IndexedDB", "Local Storage", "Service Worker",
                "tmp",
        };

        public static readonly IReadOnlyList<string> ClassicProcessNames = new[] { "Teams", "Update" };

        public static readonly IReadOnlyList<string> NewProcessNames = new[] { "ms-teams", "ms-teamsupdate" };

        /// <summary>Shared by every WebView2 app: only the ones whose parent is a Teams process belong to Teams.</summary>
        public const string WebView2ProcessName = "msedgewebview2";

        public static string LocalAppData(string profilePath) => Path.Combine(profilePath, "AppData", "Local");

        public static string RoamingAppData(string profilePath) => Path.Combine(profilePath, "AppData", "Roaming");

        /// <summary>The profile's Downloads folder, where Teams saves the logs collected with Ctrl+Alt+Shift+1.</summary>
        public static string Downloads(string profilePath) => Path.Combine(profilePath, "Downloads");

        /// <summary>Collected-log archives are named &lt;ring&gt;-WebLogs-*.zip, the ring naming the cloud.</summary>
        public static readonly IReadOnlyList<string> WebLogsPrefixes = new[] { "PROD-", "GCCH-", "DOD-", "Life-" };

        public const string WebLogsMarker = "WebLogs-";

        /// <summary>True for a collected-log archive name such as PROD-WebLogs-2026-11-24.zip (any case, as Windows matches names).</summary>
        public static bool IsWebLogsArchive(string fileName) =>
            fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && WebLogsPrefixes.Any(p =>
                fileName.StartsWith(p + WebLogsMarker, StringComparison.OrdinalIgnoreCase));

        /// <summary>Classic install folder (Update.exe, current\Teams.exe): never deleted.</summary>
        public static string ClassicInstallPath(string profilePath) => Path.Combine(LocalAppData(profilePath), "Microsoft", "Teams");

        public static string ClassicCacheRoot(string profilePath) => Path.Combine(RoamingAppData(profilePath), "Microsoft", "Teams");

        /// <summary>New Teams package data root: never deleted, or Teams no longer starts.</summary>
        public static string NewPackageRoot(string profilePath) => Path.Combine(LocalAppData(profilePath), "Packages", NewTeamsPackageFamily);

        public static string NewCacheRoot(string profilePath) => Path.Combine(NewPackageRoot(profilePath), "LocalCache", "Microsoft", "MSTeams");

        public static string ClassicLogPath(string profilePath) => Path.Combine(ClassicCacheRoot(profilePath), "logs.txt");

        public static string NewLogFolder(string profilePath) => Path.Combine(NewCacheRoot(profilePath), "Logs");

        public static string InstallPath(TeamsClient client, string profilePath) =>
            client == TeamsClient.Classic ? ClassicInstallPath(profilePath) : NewPackageRoot(profilePath);

        public static string CacheRoot(TeamsClient client, string profilePath) =>
            client == TeamsClient.Classic ? ClassicCacheRoot(profilePath) : NewCacheRoot(profilePath);

        /// <summary>Where the client writes its logs: classic one file, new Teams a folder of MSTeams_*.log.</summary>
        public static string LogPath(TeamsClient client, string profilePath) =>
            client == TeamsClient.Classic ? ClassicLogPath(profilePath) : NewLogFolder(profilePath);

        public static IReadOnlyList<string> ProcessNames(TeamsClient client) => client == TeamsClient.Classic ? ClassicProcessNames : NewProcessNames;

        /// <summary>
        /// A process of this client in this profile. "Update" is a common name (every Squirrel app has one): only the
        /// one in classic Teams' own folder counts, and one whose path cannot be read does not.
        /// </summary>
        public static bool IsClientProcess(Platform.ProcessInfo process, TeamsClient client, string profilePath)
        {
            if (!ProcessNames(client).Contains(process.Name, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            if (client != TeamsClient.Classic || !process.Name.Equals("Update", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return process.ExecutablePath != null && process.ExecutablePath.StartsWith(ClassicInstallPath(profilePath) + Path.DirectorySeparatorChar,
                StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Version out of a package full name such as MSTeams_25122.1415.3698.6812_x64__8wekyb3d8bbwe; null for anything else.</summary>
        public static string? NewTeamsVersionFromPackageFullName(string packageFullName)
        {
            var parts = packageFullName.Split('_');
            if (parts.Length == 5 && parts[0].Equals(NewTeamsPackageName, StringComparison.OrdinalIgnoreCase) && parts[3].Length == 0
                && parts[4].Equals(NewTeamsPublisherId, StringComparison.OrdinalIgnoreCase) && Version.TryParse(parts[1], out _))
            {
                return parts[1];
            }

            return null;
        }

        /// <summary>Custom backgrounds the user uploaded (new Teams pairs &lt;guid&gt;.png with &lt;guid&gt;_thumb.png): user data, both
        /// clients.</summary>
        public static string BackgroundUploadsPath(TeamsClient client, string profilePath) =>
            Path.Combine(CacheRoot(client, profilePath), "Backgrounds", "Uploads");

        /// <summary>Classic Teams' user settings inside its cache root: kept when the cache is cleared.</summary>
        public static readonly IReadOnlyList<string> ClassicSettingsFiles = new[] { "desktop-config.json", "storage.json" };

        /// <summary>The client's settings files (classic only; new Teams keeps its settings outside the cache).</summary>
        public static IReadOnlyList<string> SettingsPaths(TeamsClient client, string profilePath)
        {
            var paths = new List<string>();
            if (client == TeamsClient.Classic)
            {
                foreach (var name in ClassicSettingsFiles)
                {
                    paths.Add(Path.Combine(ClassicCacheRoot(profilePath), name));
                }
            }

            return paths;
        }

        /// <summary>The folders the light clear empties: the GPU shader cache and the script code cache, rebuilt on the next start.</summary>
        public static readonly IReadOnlyList<string> LightCacheFolderNames = new[] { "GPUCache", "Code Cache" };

        /// <summary>The WebView2 profiles of new Teams (WV2Profile_tfw for work, _tfl personal, others seen): enumerated, never guessed.</summary>
        public const string WebView2ProfilePattern = "WV2Profile_*";

        /// <summary>
        /// The light clear's folders that exist in this profile: classic Teams keeps them in its cache root, new Teams in each
        /// WebView2 profile under EBWebView. Logs, backgrounds and settings are never among them.
        /// </summary>
        public static IReadOnlyList<string> LightCacheFolders(TeamsClient client, string profilePath)
        {
            var root = CacheRoot(client, profilePath);
            var parents = new List<string>();
            if (client == TeamsClient.Classic)
            {
                parents.Add(root);
            }
            else
            {
                var webView = Path.Combine(root, "EBWebView");
                if (Directory.Exists(webView))
                {
                    parents.AddRange(Directory.GetDirectories(webView, WebView2ProfilePattern).OrderBy(p => p, StringComparer.OrdinalIgnoreCase));
                }
            }

            return parents.SelectMany(p => LightCacheFolderNames.Select(n => Path.Combine(p, n))).Where(Directory.Exists).ToList();
        }

        /// <summary>Classic Teams is started through its Squirrel updater, as its Start menu shortcut does.</summary>
        public static string ClassicLauncherPath(string profilePath) => Path.Combine(ClassicInstallPath(profilePath), "Update.exe");

        public const string ClassicLauncherArguments = "--processStart \"Teams.exe\"";

        /// <summary>New Teams is an MSIX app: started by its AppUserModelID through the shell, as the Start menu does.</summary>
        public const string NewTeamsAppsFolderTarget = @"shell:AppsFolder\" + NewTeamsPackageFamily + "!MSTeams";
    }
}
