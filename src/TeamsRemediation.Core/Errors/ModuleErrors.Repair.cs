namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
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
