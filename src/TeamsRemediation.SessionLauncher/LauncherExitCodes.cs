namespace TeamsRemediation.SessionLauncher
{
    /// <summary>
    /// The launcher's own exit codes: each refusal has its own, in a range no PowerShell script exits with by accident ("TR" in the high
    /// bytes), so the task's last result (0x5452000N in the bridge's log) tells which check refused. Any other code is the script's own,
    /// passed through. A refusal starts nothing and shows nothing on the user's desktop. Listed in about_TeamsRemediation_Errors
    /// (UserBridgeNoResult).
    /// </summary>
    internal static class LauncherExitCodes
    {
        /// <summary>No script name, a parameter name that is not a plain word, or a value that follows no name.</summary>
        public const int BadArguments = 0x54520001;

        /// <summary>The script name is a path: a separator, a drive, "..", or not a .ps1 file name.</summary>
        public const int ScriptNameRefused = 0x54520002;

        /// <summary>The name is no script this module ships.</summary>
        public const int UnknownScript = 0x54520003;

        /// <summary>The script is not in the Scripts folder beside the launcher.</summary>
        public const int ScriptMissing = 0x54520004;

        /// <summary>The script or the Scripts folder is a junction or symbolic link.</summary>
        public const int ScriptIsLink = 0x54520005;

        /// <summary>The script is not the one the module was built with (signed or not), or could not be read.</summary>
        public const int ScriptAltered = 0x54520006;

        /// <summary>Windows PowerShell could not be started.</summary>
        public const int PowerShellNotStarted = 0x54520007;

        /// <summary>Anything else went wrong in the launcher itself.</summary>
        public const int LauncherFailed = 0x54520008;
    }
}
