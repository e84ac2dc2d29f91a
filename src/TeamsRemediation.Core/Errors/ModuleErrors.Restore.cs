namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError JournalNotFound(string path) => new ModuleError(
            "JournalNotFound",
            ModuleErrorCategory.ObjectNotFound,
            "There is no journal file at " + path + ". Nothing was restored from it.",
            "Journals are in %ProgramData%\\TeamsRemediation\\Journal; the JournalPath of a changing cmdlet's output names the file.",
            path);

        public static ModuleError JournalInvalid(string path, System.Exception exception) => new ModuleError(
            "JournalInvalid",
            ModuleErrorCategory.InvalidData,
            exception.Message + " Nothing was restored from it.",
            "Pass a journal written by a TeamsRemediation cmdlet (the JournalPath of its output).",
            path,
            exception);

        public static ModuleError RestoreElevationRequired(string path, string caller) => new ModuleError(
            "ElevationRequired",
            ModuleErrorCategory.PermissionDenied,
            "The journal " + path + " holds machine settings (HKEY_LOCAL_MACHINE) and " + caller + " is not running elevated. Nothing was restored from it.",
            "Run Undo-TeamsRemediation from an elevated PowerShell or as SYSTEM.",
            path);

        public static ModuleError RestoreFailed(string target, string detail) => new ModuleError(
            "RestoreFailed",
            ModuleErrorCategory.WriteError,
            target + " could not be put back: " + detail,
            "Fix the cause (permissions, a file in use) and run Undo-TeamsRemediation again: entries already restored are skipped.",
            target);
    }
}
