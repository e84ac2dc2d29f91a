using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TeamsRemediation.Targets
{
    /// <summary>
    /// Where each Teams client lives in a user's folders (AppData as <see cref="UserFolders"/> found it, redirected or not), and
    /// what its processes are called. The one place these names are spelled: detection, cache clearing, evidence, journals and
    /// the simulated PC all read them from here, so they can never look at different folders.
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

        /// <summary>The user's Downloads folder (redirected or not), where Teams saves the logs collected with Ctrl+Alt+Shift+1.</summary>
        public static string Downloads(UserFolders folders) => folders.Downloads;

        /// <summary>Collected-log archives are named &lt;ring&gt;-WebLogs-*.zip, the ring naming the cloud.</summary>
        public static readonly IReadOnlyList<string> WebLogsPrefixes = new[] { "PROD-", "GCCH-", "DOD-", "Life-" };

        public const string WebLogsMarker = "WebLogs-";

        /// <summary>True for a collected-log archive name such as PROD-WebLogs-2026-11-24.zip (any case, as Windows matches names).</summary>
        public static bool IsWebLogsArchive(string fileName) =>
            fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && WebLogsPrefixes.Any(p =>
                fileName.StartsWith(p + WebLogsMarker, StringComparison.OrdinalIgnoreCase));

        /// <summary>Classic install folder (Update.exe, current\Teams.exe): never deleted.</summary>
        public static string ClassicInstallPath(UserFolders folders) => Path.Combine(folders.LocalAppData, "Microsoft", "Teams");

        public static string ClassicCacheRoot(UserFolders folders) => Path.Combine(folders.RoamingAppData, "Microsoft", "Teams");

        /// <summary>New Teams package data root: never deleted, or Teams no longer starts.</summary>
        public static string NewPackageRoot(UserFolders folders) => Path.Combine(folders.LocalAppData, "Packages", NewTeamsPackageFamily);

        public static string NewCacheRoot(UserFolders folders) => Path.Combine(NewPackageRoot(folders), "LocalCache", "Microsoft", "MSTeams");

        public static string ClassicLogPath(UserFolders folders) => Path.Combine(ClassicCacheRoot(folders), "logs.txt");

        public static string NewLogFolder(UserFolders folders) => Path.Combine(NewCacheRoot(folders), "Logs");

        public static string InstallPath(TeamsClient client, UserFolders folders) =>
            client == TeamsClient.Classic ? ClassicInstallPath(folders) : NewPackageRoot(folders);

        public static string CacheRoot(TeamsClient client, UserFolders folders) =>
            client == TeamsClient.Classic ? ClassicCacheRoot(folders) : NewCacheRoot(folders);

        /// <summary>Where the client writes its logs: classic one file, new Teams a folder of MSTeams_*.log.</summary>
        public static string LogPath(TeamsClient client, UserFolders folders) =>
            client == TeamsClient.Classic ? ClassicLogPath(folders) : NewLogFolder(folders);

        public static IReadOnlyList<string> ProcessNames(TeamsClient client) => client == TeamsClient.Classic ? ClassicProcessNames : NewProcessNames;

        /// <summary>
        /// A process of this client in this profile. "Update" is a common name (every Squirrel app has one): only the
        /// one in classic Teams' own folder counts, and one whose path cannot be read does not.
        /// </summary>
        public static bool IsClientProcess(Platform.ProcessInfo process, TeamsClient client, UserFolders folders)
        {
            if (!ProcessNames(client).Contains(process.Name, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            if (client != TeamsClient.Classic || !process.Name.Equals("Update", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return process.ExecutablePath != null && process.ExecutablePath.StartsWith(ClassicInstallPath(folders) + Path.DirectorySeparatorChar,
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
        public static string BackgroundUploadsPath(TeamsClient client, UserFolders folders) =>
            Path.Combine(CacheRoot(client, folders), "Backgrounds", "Uploads");

        /// <summary>New Teams' WebView2 user data: one WV2Profile_* folder per account kind (tfw work, tfl personal, others seen).</summary>
        public static string NewWebViewFolder(UserFolders folders) => Path.Combine(NewCacheRoot(folders), "EBWebView");

        public const string WebViewProfilePattern = "WV2Profile_*";

        /// <summary>
        /// What a light clear removes in each new Teams WebView2 profile: the folders Microsoft's VDI article ranks "no impact"
        /// (GPUCache) and "loading these apps again could be slower" (WebStorage). Service Worker\CacheStorage, Code Cache,
        /// IndexedDB and Cache cost every later launch there and stay.
        /// </summary>
        public static readonly IReadOnlyList<string> NewLightClearFolders = new[] { "GPUCache", "WebStorage" };

        /// <summary>Classic Teams' counterpart of the GPU cache: the only classic folder a light clear removes.</summary>
        public static readonly IReadOnlyList<string> ClassicLightClearFolders = new[] { "GPUCache" };

        /// <summary>The folders a light clear removes for this user and client, as they exist now (one set per WebView2 profile).</summary>
        public static IReadOnlyList<string> LightClearPaths(TeamsClient client, UserFolders folders)
        {
            if (client == TeamsClient.Classic)
            {
                return ClassicLightClearFolders.Select(name => Path.Combine(ClassicCacheRoot(folders), name)).ToList();
            }

            var webView = NewWebViewFolder(folders);
            var profiles = Directory.Exists(webView) ? Directory.GetDirectories(webView, WebViewProfilePattern) : new string[0];
            return profiles.OrderBy(p => p, StringComparer.OrdinalIgnoreCase)
                .SelectMany(profile => NewLightClearFolders.Select(name => Path.Combine(profile, name))).ToList();
        }

        /// <summary>Classic Teams' user settings inside its cache root: kept when the cache is cleared.</summary>
        public static readonly IReadOnlyList<string> ClassicSettingsFiles = new[] { "desktop-config.json", "storage.json" };

        /// <summary>The client's settings files (classic only; new Teams keeps its settings outside the cache).</summary>
        public static IReadOnlyList<string> SettingsPaths(TeamsClient client, UserFolders folders)
        {
            var paths = new List<string>();
            if (client == TeamsClient.Classic)
            {
                foreach (var name in ClassicSettingsFiles)
                {
                    paths.Add(Path.Combine(ClassicCacheRoot(folders), name));
                }
            }

            return paths;
        }

        /// <summary>Classic Teams is started through its Squirrel updater, as its Start menu shortcut does.</summary>
        public static string ClassicLauncherPath(UserFolders folders) => Path.Combine(ClassicInstallPath(folders), "Update.exe");

        public const string ClassicLauncherArguments = "--processStart \"Teams.exe\"";

        /// <summary>New Teams is an MSIX app: started by its AppUserModelID through the shell, as the Start menu does.</summary>
        public const string NewTeamsAppsFolderTarget = @"shell:AppsFolder\" + NewTeamsPackageFamily + "!MSTeams";
    }
}
