namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError BootstrapperNotLocal(string path) => new ModuleError(
            "BootstrapperNotLocal",
            ModuleErrorCategory.InvalidArgument,
            "-BootstrapperPath '" + path + "' is a web address; the module never downloads an installer. Nothing was changed.",
            "Download teamsbootstrapper.exe from Microsoft yourself, put it on this PC or a share, and give that path.",
            path);

        public static ModuleError BootstrapperNotFound(string path) => new ModuleError(
            "BootstrapperNotFound",
            ModuleErrorCategory.ObjectNotFound,
            "The Teams bootstrapper '" + path + "' does not exist or is a folder. Nothing was changed.",
            "Give the full path of teamsbootstrapper.exe (a local path or a UNC share this account can read).",
            path);

        public static ModuleError BootstrapperNotExecutable(string path) => new ModuleError(
            "BootstrapperNotExecutable",
            ModuleErrorCategory.InvalidArgument,
            "-BootstrapperPath '" + path + "' is not an .exe file; the Teams bootstrapper is teamsbootstrapper.exe. Nothing was changed.",
            "Give the path of teamsbootstrapper.exe itself, not the MSIX or a folder.",
            path);

        public static ModuleError RepairStepFailed(string user, string step, string detail) => new ModuleError(
            "RepairStepFailed",
            ModuleErrorCategory.InvalidResult,
            "The repair step " + step + (user.Length > 0 ? " for " + user : string.Empty) + " failed: " + detail,
            "Read the step's Detail and Before/After; fix what it names and run Repair-TeamsCaa20002 again (it repeats only what is still needed).",
            step);
    }
}
