using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        /// <summary>
        /// Carries a <see cref="PlatformNotSupportedException"/>: the exception .NET itself uses for "not on this OS",
        /// so a caller's catch [PlatformNotSupportedException] works as it does for the framework's own Windows-only APIs.
        /// </summary>
        public static ModuleError UnsupportedPlatform()
        {
            var message = "TeamsRemediation acts on Windows PCs; this is " + RuntimeInformation.OSDescription + ".";
            return new ModuleError(
                "UnsupportedPlatform",
                ModuleErrorCategory.NotInstalled,
                message,
                "Run it on the Windows PC (locally, through Intune or ConfigMgr, or with Invoke-Command).",
                null,
                new PlatformNotSupportedException(message));
        }
    }
}
