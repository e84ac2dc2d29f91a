using System;
using System.Globalization;
using System.IO;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Microsoft's Evergreen WebView2 Runtime installer at a path the admin gives (never downloaded by this module): the Evergreen
    /// Bootstrapper (MicrosoftEdgeWebview2Setup.exe, which fetches the runtime from Microsoft) or the Evergreen Standalone Installer
    /// (MicrosoftEdgeWebView2RuntimeInstallerX64.exe and its x86/ARM64 twins, offline). Microsoft's "Distribute your app and the WebView2
    /// Runtime": run from an elevated process with "/silent /install" for a silent per-machine install; run without elevation it installs
    /// per user, which is what Teams.WebView2 warns about, so this installer is only ever run elevated, and only when Windows finds
    /// Microsoft's valid signature on it.
    /// </summary>
    public static class WebView2Installer
    {
        public const string SilentArguments = "/silent /install";

        /// <summary>
        /// The reason the path cannot be run, or null when it is an .exe file (not a link) that exists and carries Microsoft's valid
        /// signature.
        /// </summary>
        public static ModuleError? Validate(IFileOperations files, IFileSignatures signatures, string path)
        {
            switch (AdminGivenInstaller.Check(files, signatures, path, out var signature))
            {
                case InstallerPathProblem.NotLocal:
                    return ModuleErrors.WebView2InstallerNotLocal(path);
                case InstallerPathProblem.NotFound:
                    return ModuleErrors.WebView2InstallerNotFound(path);
                case InstallerPathProblem.IsLink:
                    return ModuleErrors.WebView2InstallerIsLink(path);
                case InstallerPathProblem.NotExecutable:
                    return ModuleErrors.WebView2InstallerNotExecutable(path);
                case InstallerPathProblem.NotTrusted:
                    return ModuleErrors.WebView2InstallerNotTrusted(path, signature);
                default:
                    return null;
            }
        }

        /// <summary>Runs the silent install; true when the installer exited 0; <paramref name="detail"/> says how it ended.</summary>
        public static bool Install(ICommandRunner commands, string path, TimeSpan timeout, out string detail)
        {
            var result = commands.Run(path, SilentArguments, timeout);
            if (result.Outcome != CommandOutcome.Completed)
            {
                detail = result.Describe(path);
                return false;
            }

            // The installers answer in exit codes only (no output): 0 is success, anything else an HRESULT such as 0x80040C01.
            detail = Path.GetFileName(path) + " " + SilentArguments + " exited " + (result.ExitCode == 0 ? "0"
                : "0x" + result.ExitCode.ToString("X8", CultureInfo.InvariantCulture));
            return result.ExitCode == 0;
        }
    }
}
