using System.IO;
using TeamsRemediation.SessionLauncher;
using TeamsRemediation.Tests.Support;

namespace TeamsRemediation.Tests.SessionLauncher
{
    /// <summary>A module folder for the session launcher's logic: a copy of the shipped Scripts folder in a temporary folder.</summary>
    internal sealed class LauncherFolder : System.IDisposable
    {
        public const string Script = "UserBridgeChild.ps1";

        private readonly TempFolder temp = new TempFolder();

        public LauncherFolder()
        {
            ScriptsFolder = ShippedScriptFiles.CopyTo(temp.Path);
        }

        public string Path => temp.Path;

        public string ScriptsFolder { get; }

        public string ScriptPath => System.IO.Path.Combine(ScriptsFolder, Script);

        /// <summary>A program that is never there: a launch that got past every check would return PowerShellNotStarted.</summary>
        public string NoPowerShell => System.IO.Path.Combine(temp.Path, "no-such-powershell");

        public int Run(string powerShellPath, params string[] args) => new SessionLaunch(temp.Path, powerShellPath).Run(args);

        public int RunWithoutPowerShell(params string[] args) => Run(NoPowerShell, args);

        public void Dispose() => temp.Dispose();

        public string WriteFile(string name, string text)
        {
            var path = System.IO.Path.Combine(temp.Path, name);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
