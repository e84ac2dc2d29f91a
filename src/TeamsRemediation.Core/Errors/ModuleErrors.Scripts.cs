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
    }
}
