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

        public static ModuleError BootstrapperIsLink(string path) => new ModuleError(
            "BootstrapperIsLink",
            ModuleErrorCategory.SecurityError,
            "-BootstrapperPath '" + path + "' is a symbolic link or junction; an installer run elevated must be the file itself. "
                + "Nothing was changed.",
            "Give the path of teamsbootstrapper.exe itself, not of a link to it.",
            path);

        public static ModuleError BootstrapperNotTrusted(string path, string why) => new ModuleError(
            "BootstrapperNotTrusted",
            ModuleErrorCategory.SecurityError,
            "-BootstrapperPath '" + path + "' does not carry Microsoft's valid signature (" + why + "); an installer run elevated "
                + "must be Microsoft's own. Nothing was changed.",
            "Download teamsbootstrapper.exe from Microsoft again (a copy changed on the way, or another program with its name, fails this "
                + "check) and give its path; Get-AuthenticodeSignature shows what Windows finds.",
            path);

        public static ModuleError RepairStepFailed(string user, string step, string detail) => new ModuleError(
            "RepairStepFailed",
            ModuleErrorCategory.InvalidResult,
            "The repair step " + step + (user.Length > 0 ? " for " + user : string.Empty) + " failed: " + detail,
            "Read the step's Detail and Before/After; fix what it names and run Repair-TeamsCaa20002 again (it repeats only what is still needed).",
            step);

        public static ModuleError RepairReportFolderFailed(string path, System.Exception exception) => new ModuleError(
            "RepairReportFolderFailed",
            ModuleErrorCategory.WriteError,
            "The report folder " + path + " for the evidence of this repair could not be made: " + exception.Message
                + " Nothing was changed, because what a repair may destroy could not be kept first.",
            "Free the disk or fix the permissions of %ProgramData%\\TeamsRemediation (SYSTEM and Administrators only), or give a report "
                + "folder you may write, then run the repair again.",
            path,
            exception);

        public static ModuleError ClockResyncFailed(string computerName, string outcome) => new ModuleError(
            "ClockResyncFailed",
            ModuleErrorCategory.InvalidResult,
            "The Windows Time service of " + computerName + " did not resync the clock: " + outcome,
            "Check that the Windows Time service (W32Time) runs and reaches its time source (w32tm /query /status as an administrator), "
                + "then run the repair again.",
            computerName);

        public static ModuleError DnsFlushFailed(string computerName, string outcome) => new ModuleError(
            "DnsFlushFailed",
            ModuleErrorCategory.InvalidResult,
            "The DNS resolver cache of " + computerName + " was not flushed: " + outcome,
            "Check that the DNS Client service (Dnscache) runs, then run the repair again as an administrator.",
            computerName);
    }
}
