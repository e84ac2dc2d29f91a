namespace TeamsRemediation.Errors
{
    /// <summary>Repair-TeamsCaa20002 -WebView2InstallerPath: a path that cannot be run is refused before anything changes.</summary>
    public static partial class ModuleErrors
    {
        private const string WebView2Installers = "MicrosoftEdgeWebView2RuntimeInstallerX64.exe (the Evergreen Standalone Installer, offline) or "
            + "MicrosoftEdgeWebview2Setup.exe (the Evergreen Bootstrapper)";

        public static ModuleError WebView2InstallerNotLocal(string path) => new ModuleError(
            "WebView2InstallerNotLocal",
            ModuleErrorCategory.InvalidArgument,
            "-WebView2InstallerPath '" + path + "' is a web address; the module never downloads an installer. Nothing was changed.",
            "Download " + WebView2Installers + " from Microsoft yourself, put it on this PC or a share, and give that path.",
            path);

        public static ModuleError WebView2InstallerNotFound(string path) => new ModuleError(
            "WebView2InstallerNotFound",
            ModuleErrorCategory.ObjectNotFound,
            "The WebView2 Runtime installer '" + path + "' does not exist or is a folder. Nothing was changed.",
            "Give the full path of " + WebView2Installers + " (a local path or a UNC share this account can read).",
            path);

        public static ModuleError WebView2InstallerIsLink(string path) => new ModuleError(
            "WebView2InstallerIsLink",
            ModuleErrorCategory.SecurityError,
            "-WebView2InstallerPath '" + path + "' is a symbolic link or junction; an installer run elevated must be the file itself. "
                + "Nothing was changed.",
            "Give the path of the installer file itself, not of a link to it.",
            path);

        public static ModuleError WebView2InstallerNotExecutable(string path) => new ModuleError(
            "WebView2InstallerNotExecutable",
            ModuleErrorCategory.InvalidArgument,
            "-WebView2InstallerPath '" + path + "' is not an .exe file. Nothing was changed.",
            "Give the path of " + WebView2Installers + " itself, not the fixed-version cab or a folder.",
            path);
    

        public static ModuleError WebView2InstallerNotTrusted(string path, string why) => new ModuleError(
            "WebView2InstallerNotTrusted",
            ModuleErrorCategory.SecurityError,
            "-WebView2InstallerPath '" + path + "' does not carry Microsoft's valid signature (" + why + "); an installer run elevated "
                + "must be Microsoft's own. Nothing was changed.",
            "Download the installer from Microsoft again (a copy changed on the way, or another program with its name, fails this check) "
                + "and give its path; Get-AuthenticodeSignature shows what Windows finds.",
            path);
    }
}
