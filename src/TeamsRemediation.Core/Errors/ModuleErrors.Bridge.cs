using System;

namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError UserBridgeInvalidRequest(ArgumentException exception) => new ModuleError(
            "UserBridgeInvalidRequest",
            ModuleErrorCategory.InvalidArgument,
            exception.Message + " Nothing was started in any user's session.",
            "Correct the request and run it again.",
            null,
            exception);

        public static ModuleError UserBridgeNotPrivileged(string caller) => new ModuleError(
            "UserBridgeNotPrivileged",
            ModuleErrorCategory.PermissionDenied,
            caller + " may not start a task in another user's session. Nothing was started.",
            "Run it as SYSTEM (Intune, ConfigMgr, a scheduled task) or from an elevated PowerShell.",
            caller);

        public static ModuleError UserSessionNotFound(string sid) => new ModuleError(
            "UserSessionNotFound",
            ModuleErrorCategory.ObjectNotFound,
            "The user " + sid + " is not logged on to this PC: there is no session to run in.",
            "Run it again while the user is logged on (a user who is not logged on has no WAM, vault or Appx session to repair).",
            sid);

        public static ModuleError UserSessionsUnreadable(System.ComponentModel.Win32Exception exception) => new ModuleError(
            "UserSessionsUnreadable",
            ModuleErrorCategory.ResourceUnavailable,
            "The sessions of this PC could not be listed: " + exception.Message + " Nothing was started in any session.",
            "Check that the Remote Desktop Services service (TermService) runs, then run it again.",
            null,
            exception);

        public static ModuleError UserSessionDisconnected(string user, int sessionId) => new ModuleError(
            "UserSessionDisconnected",
            ModuleErrorCategory.ResourceUnavailable,
            "The session " + sessionId + " of " + user + " is disconnected: it was skipped.",
            "Add -IncludeDisconnected to run there too, or run again when the user is back.",
            user);

        public static ModuleError UserBridgeTaskFailed(string user, int sessionId, string step, Exception exception) => new ModuleError(
            "UserBridgeTaskFailed",
            ModuleErrorCategory.InvalidOperation,
            "The task for " + user + " (session " + sessionId + ") could not be " + step + ": " + exception.Message,
            "Check that the Task Scheduler service runs and that this run is SYSTEM or elevated; the task was removed again.",
            user,
            exception);

        public static ModuleError UserBridgeTimedOut(string user, int sessionId, TimeSpan timeout) => new ModuleError(
            "UserBridgeTimedOut",
            ModuleErrorCategory.OperationTimeout,
            "The run in the session " + sessionId + " of " + user + " did not finish within " + timeout.TotalSeconds
                + " s; it was stopped and its task deleted.",
            "Run it again with a longer timeout, or look in the machine log for what the session was doing.",
            user);

        public static ModuleError UserLoggedOff(string user, int sessionId) => new ModuleError(
            "UserLoggedOff",
            ModuleErrorCategory.ResourceUnavailable,
            user + " logged off (session " + sessionId + ") before the run in that session finished; its task was deleted.",
            "Run it again while the user is logged on.",
            user);

        public static ModuleError UserBridgeNoResult(string user, int sessionId, int lastResult) => new ModuleError(
            "UserBridgeNoResult",
            ModuleErrorCategory.InvalidResult,
            "The run in the session " + sessionId + " of " + user + " ended (result 0x"
                + lastResult.ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + ") without writing its result.",
            "Check that Windows PowerShell 5.1 can start for the user (AppLocker, WDAC, an antivirus rule) and that the module's folder is readable.",
            user);

        public static ModuleError UserBridgeResultUntrusted(string path, string why) => new ModuleError(
            "UserBridgeResultUntrusted",
            ModuleErrorCategory.SecurityError,
            "The result file " + path + " was not read: " + why + ". Nothing it says was used.",
            "Run it again; if this repeats, find out what else writes to %ProgramData%\\TeamsRemediation\\UserBridge.",
            path);

        public static ModuleError UserBridgeResultInvalid(string path, string why) => new ModuleError(
            "UserBridgeResultInvalid",
            ModuleErrorCategory.InvalidData,
            "The result file " + path + " is not a result of this run: " + why + ". Nothing it says was used.",
            "Run it again; if this repeats, check that the installed module is the same version in every session.",
            path);

        public static ModuleError UserSessionConstrainedLanguage(string user, int sessionId, string languageMode, string scriptsFolder) =>
            new ModuleError(
            "UserSessionConstrainedLanguage",
            ModuleErrorCategory.SecurityError,
            "The module's script ran in " + languageMode + " mode in the session " + sessionId + " of " + user
                + " (measured inside the script file, so AppLocker or WDAC script enforcement did not allow it): the module's commands run there "
                + "only where the policy allows its dlls, and the Web Account Manager sign-out, which needs FullLanguage, cannot run there.",
            "Under AppLocker or WDAC, " + Windows.ShippedScripts.ConstrainedLanguageRemedy(scriptsFolder)
                + ", and its signed TeamsRemediation.dll and TeamsRemediation.Core.dll; until then, sign the user out of stale work accounts "
                + "in Settings > Accounts > Access work or school.",
            user);

        public static ModuleError UserSessionResultRejected(string user, int sessionId, string why) => new ModuleError(
            "UserSessionResultRejected",
            ModuleErrorCategory.InvalidData,
            "What the session " + sessionId + " of " + user + " returned was not used: " + why + ". Its steps are reported as Failed.",
            "Run it again; if this repeats, check that every session loads the same installed TeamsRemediation (one version, one path) and "
                + "look in the machine log for what else writes to %ProgramData%\\TeamsRemediation\\UserBridge.",
            user);

        public static ModuleError UserSessionFindingsRejected(string user, int sessionId, string why) => new ModuleError(
            "UserSessionFindingsRejected",
            ModuleErrorCategory.InvalidData,
            "What the session " + sessionId + " of " + user + " returned for the diagnosis was not used: " + why
                + ". The checks that needed that session are reported as Skipped.",
            "Run it again; if this repeats, check that every session loads the same installed TeamsRemediation (one version, one path) and "
                + "look in the machine log for what else writes to %ProgramData%\\TeamsRemediation\\UserBridge.",
            user);

        public static ModuleError UserSessionUndoRejected(string user, int sessionId, string journal, string why) => new ModuleError(
            "UserSessionUndoRejected",
            ModuleErrorCategory.InvalidData,
            "What the session " + sessionId + " of " + user + " returned for the Undo of " + journal + " was not used: " + why
                + ". The Undo ran there, so what it put back is not known here; the journal is reported as Failed.",
            "Have " + user + " run Undo-TeamsRemediation -Journal '" + journal.Replace("'", "''") + "' in their own session and read its output "
                + "there; if this repeats, check that every session loads the same installed TeamsRemediation.",
            journal);
    }
}
