using System.Runtime.InteropServices;

namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError UnsupportedPlatform() => new ModuleError(
            "UnsupportedPlatform",
            ModuleErrorCategory.NotInstalled,
            "TeamsRemediation acts on Windows PCs; this is " + RuntimeInformation.OSDescription + ".",
            "Run it on the Windows PC (locally, through Intune or ConfigMgr, or with Invoke-Command).",
            null);
    }
}
