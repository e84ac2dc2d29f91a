using System.Collections.Generic;

namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError TeamsRunning(string user, string client, IEnumerable<string> processes) => new ModuleError(
            "TeamsRunning",
            ModuleErrorCategory.ResourceBusy,
            client + " Teams is running for " + user + " (" + string.Join(", ", processes) + "), so its cache was not cleared.",
            "Ask the user to quit Teams, or add -Force to stop that user's Teams processes (only theirs).",
            user);

        public static ModuleError TeamsStillRunning(string user, string client, IEnumerable<string> processes) => new ModuleError(
            "TeamsStillRunning",
            ModuleErrorCategory.OperationTimeout,
            "These " + client + " Teams processes of " + user + " were still running after they were ended: " + string.Join(", ", processes)
                + ". The cache was not cleared.",
            "Run elevated (or as SYSTEM) so the processes can be stopped, or sign the user out, then run Clear-TeamsCache again.",
            user);

        public static ModuleError TeamsRunningOutsideSessions(string user, string client, IEnumerable<string> processes) => new ModuleError(
            "TeamsRunningOutsideSessions",
            ModuleErrorCategory.ResourceBusy,
            "These " + client + " Teams processes of " + user + " run outside the user's sessions, so they were not stopped: "
                + string.Join(", ", processes) + ". The cache was not cleared.",
            "Close Teams wherever the user runs it (another session, Run as), or sign the user out, then run Clear-TeamsCache again.",
            user);

        public static ModuleError TeamsRelaunched(string user, string client, IEnumerable<string> processes) => new ModuleError(
            "TeamsRelaunched",
            ModuleErrorCategory.ResourceBusy,
            client + " Teams of " + user + " started again while its cache was about to be cleared (" + string.Join(", ", processes)
                + "). The cache was not cleared.",
            "Something restarts Teams (auto-start, the user, a script): pause it, then run Clear-TeamsCache -Force again.",
            user);

        public static ModuleError CacheClearInProgress(string user, string holder) => new ModuleError(
            "CacheClearInProgress",
            ModuleErrorCategory.ResourceBusy,
            "Another Clear-TeamsCache run is clearing the cache of " + user + " (" + holder + "). This run left it alone.",
            "Wait for the other run to finish and look at its result; run again only if needed.",
            user);

        public static ModuleError CacheRootIsLink(string user, string path) => new ModuleError(
            "CacheRootIsLink",
            ModuleErrorCategory.SecurityError,
            "The Teams cache of " + user + " at " + path
                + " is reached through a junction or symbolic link; clearing it could delete files outside the profile. Nothing was removed.",
            "Look at where the link points and remove it yourself if it is not wanted, then run Clear-TeamsCache again.",
            path);

        public static ModuleError CacheFilesNotRemoved(string user, string client, long count, IEnumerable<string> examples) => new ModuleError(
            "CacheFilesNotRemoved",
            ModuleErrorCategory.WriteError,
            Text.Wording.Count(count, "item") + " of the " + client + " Teams cache of " + user + " could not be removed (locked or denied), e.g. "
                + string.Join("; ", examples) + ". The cache is only partly cleared.",
            "See the Failed property of the result; close what holds the files (or add -Force to stop Teams) and run Clear-TeamsCache again.",
            user);

        public static ModuleError BackupPathInsideCache(string backupPath, string cachePath) => new ModuleError(
            "BackupPathInsideCache",
            ModuleErrorCategory.InvalidArgument,
            "The backup folder " + backupPath + " lies inside the Teams cache " + cachePath + " that is being cleared. Nothing was removed.",
            "Give -BackupPath a folder outside the Teams folders, or use -Backup for the default place in the user's profile.",
            backupPath);

        public static ModuleError BackupUnavailable(string backupPath, System.Exception cause) => new ModuleError(
            "BackupUnavailable",
            ModuleErrorCategory.WriteError,
            "The backup folder " + backupPath + " could not be created: " + cause.Message + " Nothing was removed.",
            "Give -BackupPath a folder this account can write to, or run without a backup.",
            backupPath,
            cause);

        public static ModuleError CacheOnNetworkShare(string user, string client, string cacheRoot) => new ModuleError(
            "CacheOnNetworkShare",
            ModuleErrorCategory.InvalidOperation,
            "The " + client + " Teams cache of " + user + " is on a network share (" + cacheRoot + ", redirected AppData), which every PC "
                + "the user signs in to uses at once, so it was not fully cleared: a Teams running on another PC cannot be seen or stopped "
                + "from here.",
            "Run Clear-TeamsCache without -Scope Full (the light clear is safe there), or sign the user out everywhere and empty the folder "
                + "on the file server.",
            cacheRoot);

        public static ModuleError RedirectedFolderNotTheUsers(string user, string sid, string folder, string owner) => new ModuleError(
            "RedirectedFolderNotTheUsers",
            ModuleErrorCategory.SecurityError,
            "The User Shell Folders of " + user + " redirect to " + folder + ", whose owner is " + owner + ", not " + sid + ". The user's own "
                + "registry names that folder, so nothing in it was changed for them.",
            "Check the Folder Redirection policy and the folder's owner (Folder Redirection makes the user the owner), or have the user "
                + "run Clear-TeamsCache in their own session, with their own rights.",
            folder);
    }
}
