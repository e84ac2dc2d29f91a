namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError TlsElevationRequired(string caller) => new ModuleError(
            "ElevationRequired",
            ModuleErrorCategory.PermissionDenied,
            "Enable-Tls12 writes machine settings under HKEY_LOCAL_MACHINE and " + caller + " is not running elevated. Nothing was changed.",
            "Run it from an elevated PowerShell (Run as administrator), as SYSTEM (Intune, ConfigMgr), or use -Scope User to repair only your own Internet Options.",
            caller);

        public static ModuleError TlsValueUnreadable(string target, System.Exception exception) => new ModuleError(
            "TlsValueUnreadable",
            ModuleErrorCategory.ReadError,
            "The TLS setting " + target + " could not be read: " + exception.Message + " It was left alone.",
            "Check the key's permissions (regedit > Permissions) and run again elevated or as SYSTEM.",
            target,
            exception);

        public static ModuleError TlsValueWriteFailed(string target, System.Exception exception) => new ModuleError(
            "TlsValueWriteFailed",
            ModuleErrorCategory.WriteError,
            "The TLS setting " + target + " could not be written: " + exception.Message + " It is unchanged.",
            "Run elevated or as SYSTEM; for another user's Internet Options an administrator or SYSTEM is needed.",
            target,
            exception);

        public static ModuleError TlsJournalUnavailable(string journalPath, System.Exception exception) => new ModuleError(
            "JournalUnavailable",
            ModuleErrorCategory.WriteError,
            "The change journal " + journalPath + " could not be written (" + exception.Message + "), so the last change was put back and nothing more was changed: every change must be undoable.",
            "Make the folder writable or name another file with -JournalPath, then run again.",
            journalPath,
            exception);
    }
}
