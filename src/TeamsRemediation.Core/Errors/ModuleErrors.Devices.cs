namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError InvalidTeamsVersion(string text) => new ModuleError(
            "InvalidTeamsVersion",
            ModuleErrorCategory.InvalidArgument,
            "'" + (text.Length > 80 ? text.Substring(0, 77) + "..." : text) + "' is not a Teams version (two to four numbers separated by dots). "
                + "Nothing was checked.",
            "Give the version as Get-AppxPackage MSTeams shows it, such as 25122.1415.3698.6812 (or a prefix of it, such as 25122.1415).",
            text);

        public static ModuleError InvalidWebView2Version(string text) => new ModuleError(
            "InvalidWebView2Version",
            ModuleErrorCategory.InvalidArgument,
            "'" + (text.Length > 80 ? text.Substring(0, 77) + "..." : text) + "' is not a WebView2 Runtime version (two to four numbers "
                + "separated by dots). Nothing was checked.",
            "Give the version as the runtime reports it, such as 131.0.2903.70 (or a prefix of it, such as 131.0).",
            text);
    }
}
