namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        /// <param name="folder">The module folder (or one of its folders) that was not used.</param>
        /// <param name="why">What is wrong with it: a link, owned or writable by whom, and why it was not replaced.</param>
        public static ModuleError ModuleFolderUntrusted(string folder, string why) => new ModuleError(
            "ModuleFolderUntrusted",
            ModuleErrorCategory.SecurityError,
            "The folder " + folder + " is " + why + ": someone other than SYSTEM and Administrators could redirect or change what the "
                + "module keeps there, so it was not used and nothing was written through it.",
            "Have an administrator look at that folder and remove it (a link with 'rmdir', never 'rmdir /s'); the module creates it "
                + "again for SYSTEM and Administrators only. A SYSTEM or elevated run replaces a plain folder by itself when it can move it aside.",
            folder);
    }
}
