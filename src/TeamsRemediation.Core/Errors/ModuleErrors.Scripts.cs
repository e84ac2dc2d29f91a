namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        /// <param name="path">The script file in the module's Scripts folder.</param>
        /// <param name="why">What is wrong with it: missing, a link, or different from what was built.</param>
        public static ModuleError ModuleScriptAltered(string path, string why) => new ModuleError(
            "ModuleScriptAltered",
            ModuleErrorCategory.SecurityError,
            "The module's script " + path + " is " + why + ": it is not the script this module was built with, so it was not started "
                + "and nothing was changed through it.",
            "Reinstall the module (Install-PSResource TeamsRemediation -Reinstall, or copy its folder again from the package) so its "
                + "Scripts folder holds the scripts it shipped with, signed or not; then run the command again.",
            path);

        /// <param name="path">TeamsRemediation.SessionLauncher.exe in the module folder.</param>
        /// <param name="why">What is wrong with it: missing, a link, or different from what was built.</param>
        public static ModuleError ModuleLauncherAltered(string path, string why) => new ModuleError(
            "ModuleLauncherAltered",
            ModuleErrorCategory.SecurityError,
            "The module's session launcher " + path + " is " + why + ": it is not the program this module was built with, so no task "
                + "was registered to start it and nothing ran in any user's session.",
            "Reinstall the module (Install-PSResource TeamsRemediation -Reinstall, or copy its folder again from the package) so its "
                + "folder holds the TeamsRemediation.SessionLauncher.exe it shipped with, signed or not; then run the command again.",
            path);
    }
}
