using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Targets
{
    /// <summary>
    /// Finds where a user's AppData and Downloads really are, the way Windows' known-folder lookup does for that user: the
    /// REG_EXPAND_SZ values of HKEY_USERS\&lt;SID&gt;\...\Explorer\User Shell Folders (Folder Redirection writes them), expanded with
    /// the USER's environment (%USERPROFILE% is their profile, %USERNAME% their name, %HOMESHARE% from their logon), never with the
    /// caller's: from SYSTEM, %USERPROFILE% would be the system profile. A logged-off user's hive is parsed from the NTUSER.DAT file,
    /// never loaded into the registry. When a value cannot be read or expanded, the default folder is used and <see cref="UserFolders.Note"/>
    /// says why.
    /// </summary>
    public static class UserFolderReader
    {
        public const string UserShellFoldersKey = @"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders";

        /// <summary>FOLDERID_RoamingAppData, FOLDERID_LocalAppData and FOLDERID_Downloads as User Shell Folders names them.</summary>
        public const string RoamingAppDataValue = "AppData";
        public const string LocalAppDataValue = "Local AppData";
        public const string DownloadsValue = "{374DE290-123F-4565-9164-39C4925E467B}";

        /// <summary>What Windows sets at the user's logon (HOMEDRIVE, HOMEPATH, HOMESHARE, LOGONSERVER): there while the hive is loaded.</summary>
        public const string VolatileEnvironmentKey = "Volatile Environment";

        /// <summary>The user's own environment variables (System Properties, "User variables").</summary>
        public const string UserEnvironmentKey = "Environment";

        /// <summary>Variables that are the same for every user of the PC, so the caller's own value is the user's too.</summary>
        private static readonly string[] MachineVariables =
        {
            "SystemDrive", "SystemRoot", "windir", "ProgramData", "ALLUSERSPROFILE", "PUBLIC", "ProgramFiles", "COMPUTERNAME",
        };

        private static readonly Regex Variable = new Regex("%([^%]+)%", RegexOptions.CultureInvariant);

        public static UserFolders Read(IRegistry registry, string sid, string userName, string profile, bool hiveLoaded, string? roamingProfile)
        {
            var notes = new List<string>();
            var shellFolders = ReadKey(registry, sid, profile, hiveLoaded, UserShellFoldersKey, notes);
            if (shellFolders == null)
            {
                return UserFolders.Default(profile, notes.Count == 0 ? null : string.Join(" ", notes), Blank(roamingProfile));
            }

            var variables = UserVariables(registry, sid, userName, profile, hiveLoaded, notes);
            var roaming = Resolve(shellFolders, RoamingAppDataValue, UserFolders.DefaultRoamingAppData(profile), variables, userName, notes);
            variables["APPDATA"] = roaming.Path;
            var local = Resolve(shellFolders, LocalAppDataValue, UserFolders.DefaultLocalAppData(profile), variables, userName, notes);
            variables["LOCALAPPDATA"] = local.Path;
            var downloads = Resolve(shellFolders, DownloadsValue, UserFolders.DefaultDownloads(profile), variables, userName, notes);
            return new UserFolders(profile, roaming.Path, roaming.Source, local.Path, local.Source, downloads.Path, downloads.Source,
                Blank(roamingProfile), notes.Count == 0 ? null : string.Join(" ", notes));
        }

        private static IReadOnlyDictionary<string, RegistryValue>? ReadKey(IRegistry registry, string sid, string profile, bool hiveLoaded,
            string relativeKey, List<string> notes)
        {
            try
            {
                if (!hiveLoaded)
                {
                    var offline = registry.ReadUnloadedHiveKey(sid, profile, relativeKey);
                    if (offline == null && relativeKey == UserShellFoldersKey)
                    {
                        notes.Add("The registry of " + sid + " is not loaded and its NTUSER.DAT could not be read, so redirected folders "
                            + "cannot be seen: the default folders in " + profile + " are used.");
                    }

                    return offline;
                }

                var key = new RegistryKeyPath(RegistryHive.Users, sid + "\\" + relativeKey);
                var values = new Dictionary<string, RegistryValue>(StringComparer.OrdinalIgnoreCase);
                foreach (var name in registry.GetValueNames(key))
                {
                    var value = registry.GetValue(key, name);
                    if (value != null)
                    {
                        values[name] = value;
                    }
                }

                return values;
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is System.Security.SecurityException || e is IOException)
            {
                if (relativeKey == UserShellFoldersKey)
                {
                    // A damaged or not yet flushed NTUSER.DAT, or one that is a link, stays unread whoever runs this: only a refusal
                    // of access is for elevation to fix.
                    var denied = e is UnauthorizedAccessException || e is System.Security.SecurityException;
                    notes.Add("The User Shell Folders of " + sid + " could not be read (" + e.Message + "): the default folders in " + profile
                        + " are used." + (denied ? " Run elevated or as SYSTEM to see redirected folders." : string.Empty));
                }

                return null;
            }
        }

        /// <summary>
        /// A machine variable as a 64-bit process has it. WOW64 gives a 32-bit process (Intune's default PowerShell) ProgramFiles =
        /// "Program Files (x86)" and the native folder as ProgramW6432 ("WOW64 Implementation Details"); a 64-bit process has both equal,
        /// and 32-bit Windows has no ProgramW6432, where ProgramFiles is right.
        /// </summary>
        internal static string? MachineVariable(string name)
        {
#pragma warning disable RS0030 // The one reader of the caller's machine variables, which corrects what WOW64 changes.
            var native = name.Equals("ProgramFiles", StringComparison.OrdinalIgnoreCase) ? Environment.GetEnvironmentVariable("ProgramW6432") : null;
            return string.IsNullOrEmpty(native) ? Environment.GetEnvironmentVariable(name) : native;
#pragma warning restore RS0030
        }

        /// <summary>The user's environment as their logon builds it: their identity and profile, their logon's and their own variables.</summary>
        private static Dictionary<string, string> UserVariables(IRegistry registry, string sid, string userName, string profile, bool hiveLoaded,
            List<string> notes)
        {
            var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in MachineVariables)
            {
                var value = MachineVariable(name);
                if (!string.IsNullOrEmpty(value))
                {
                    variables[name] = value!;
                }
            }

            var separator = userName.IndexOf('\\');
            variables["USERNAME"] = separator < 0 ? userName : userName.Substring(separator + 1);
            if (separator > 0)
            {
                variables["USERDOMAIN"] = userName.Substring(0, separator);
            }

            variables["USERPROFILE"] = profile;
            foreach (var key in new[] { VolatileEnvironmentKey, UserEnvironmentKey })
            {
                var values = hiveLoaded || key == UserEnvironmentKey ? ReadKey(registry, sid, profile, hiveLoaded, key, notes) : null;
                foreach (var pair in values ?? new Dictionary<string, RegistryValue>())
                {
                    var text = pair.Value.AsString;
                    // A user variable may name another (%USERPROFILE%\bin): expanded once with what is known so far.
                    if (text != null && !variables.ContainsKey(pair.Key))
                    {
                        variables[pair.Key] = Expand(text, variables) ?? text;
                    }
                }
            }

            return variables;
        }

        private static (string Path, FolderSource Source) Resolve(IReadOnlyDictionary<string, RegistryValue> shellFolders, string valueName,
            string defaultPath, IReadOnlyDictionary<string, string> variables, string userName, List<string> notes)
        {
            if (!shellFolders.TryGetValue(valueName, out var value) || string.IsNullOrWhiteSpace(value.AsString))
            {
                return (defaultPath, FolderSource.Default);
            }

            var raw = value.AsString!;
            var expanded = value.Kind == RegistryValueKind.ExpandString || raw.IndexOf('%') >= 0 ? Expand(raw, variables) : raw;
            if (expanded == null || !IsFullyQualified(expanded))
            {
                notes.Add("User Shell Folders '" + valueName + "' of " + userName + " is '" + raw + "', which does not name a full path for that "
                    + "user: the default " + defaultPath + " is used.");
                return (defaultPath, FolderSource.Default);
            }

            var path = expanded.TrimEnd('\\', '/');
            return FileSystem.PathScope.IsSame(path, defaultPath) ? (defaultPath, FolderSource.Default) : (path, FolderSource.Redirected);
        }

        /// <summary>Every %NAME% replaced from <paramref name="variables"/>; null when one of them is unknown for this user.</summary>
        private static string? Expand(string text, IReadOnlyDictionary<string, string> variables)
        {
            var unknown = false;
            var result = Variable.Replace(text, m =>
            {
                if (variables.TryGetValue(m.Groups[1].Value, out var value))
                {
                    return value;
                }

                unknown = true;
                return m.Value;
            });
            return unknown ? null : result;
        }

        /// <summary>C:\..., \\server\share\..., or an absolute path of the OS the tests run on; never a relative one.</summary>
        private static bool IsFullyQualified(string path) =>
            path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/')
            || path.StartsWith(@"\\", StringComparison.Ordinal)
            || Path.DirectorySeparatorChar == '/' && path.StartsWith("/", StringComparison.Ordinal);

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
