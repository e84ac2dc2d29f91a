using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using TeamsRemediation.Windows;

namespace TeamsRemediation.SessionLauncher
{
    /// <summary>
    /// Checks a <see cref="ScriptRequest"/> against the Scripts folder beside the launcher, then starts Windows PowerShell on that script
    /// with no console window (CreateNoWindow: "The process is a console application that is being run without a console window",
    /// Process Creation Flags, CREATE_NO_WINDOW), waits for it and returns its exit code. The script file stays open (others may read it,
    /// not change, rename or delete it) until PowerShell has exited, so the file that was checked is the file that runs. PowerShell ends
    /// with the launcher (<see cref="KillOnCloseJob"/>), so stopping the task stops the script as it did before.
    /// </summary>
    internal sealed class SessionLaunch
    {
        // The module's scripts are a few kilobytes; anything much larger is not one of them and is not read whole.
        private const int MaximumScriptBytes = 1024 * 1024;

        private readonly string scriptsFolder;
        private readonly string powerShellPath;

        /// <param name="launcherFolder">The folder the launcher's own file is in; the scripts are in its Scripts folder.</param>
        /// <param name="powerShellPath">
        /// The program to start: the shipped entry point (Program.Main) always passes System32's powershell.exe; only the tests
        /// pass a stand-in they control.
        /// </param>
        public SessionLaunch(string launcherFolder, string powerShellPath)
        {
            scriptsFolder = Path.Combine(launcherFolder, ShippedScriptsFolderName);
            this.powerShellPath = powerShellPath;
        }

        /// <summary>The folder name the module's own ShippedScripts uses (Scripts, beside the module's dlls and this launcher).</summary>
        public const string ShippedScriptsFolderName = "Scripts";

        /// <summary>The script's exit code, or one of <see cref="LauncherExitCodes"/> when the launcher refused or failed.</summary>
        public int Run(string[] args)
        {
            try
            {
                var request = ScriptRequest.Parse(args);
                var scriptPath = Path.Combine(scriptsFolder, request.ScriptName);
                using (OpenVerified(scriptPath, request.ScriptName))
                {
                    return StartAndWait(ScriptFileCommand.Build(scriptPath, request.Parameters));
                }
            }
            catch (LaunchRefusedException e)
            {
                return e.ExitCode;
            }
            catch (ArgumentException)
            {
                // A value -File cannot carry (ScriptFileCommand.Build): nothing was started.
                return LauncherExitCodes.BadArguments;
            }
        }

        /// <summary>The script file, open for reading and shared for reading only, after it proved to be the one the module shipped.</summary>
        private FileStream OpenVerified(string scriptPath, string scriptName)
        {
            if (IsLink(scriptsFolder) || IsLink(scriptPath))
            {
                throw new LaunchRefusedException(LauncherExitCodes.ScriptIsLink, scriptPath + " is reached through a link.");
            }

            FileStream file;
            try
            {
                file = new FileStream(scriptPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new LaunchRefusedException(LauncherExitCodes.ScriptMissing, scriptPath + " is missing.");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new LaunchRefusedException(LauncherExitCodes.ScriptAltered, scriptPath + " is unreadable: " + e.Message);
            }

            try
            {
                if (file.Length > MaximumScriptBytes || !ShippedFileContent.IsScriptAsBuilt(ReadAll(file), ShippedScriptHashes.Sha256[scriptName]))
                {
                    throw new LaunchRefusedException(LauncherExitCodes.ScriptAltered, scriptPath + " is not the script the module was built with.");
                }

                return file;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        private int StartAndWait(string arguments)
        {
            var start = new ProcessStartInfo(powerShellPath, arguments)
            {
                // CreateNoWindow takes effect only without the shell (ProcessStartInfo.CreateNoWindow); the launcher is a GUI-subsystem
                // program with no console of its own, so PowerShell gets none to inherit either.
                UseShellExecute = false,
                CreateNoWindow = true,
            };

            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (Exception e) when (e is Win32Exception || e is FileNotFoundException || e is InvalidOperationException)
            {
                throw new LaunchRefusedException(LauncherExitCodes.PowerShellNotStarted, powerShellPath + " could not be started: " + e.Message);
            }

            using (process ?? throw new LaunchRefusedException(LauncherExitCodes.PowerShellNotStarted, powerShellPath + " did not start."))
            using (KillOnCloseJob.Tie(process, out _))
            {
                process.WaitForExit();
                return process.ExitCode;
            }
        }

        private static bool IsLink(string path)
        {
            try
            {
                // The attributes of the entry itself: GetFileAttributes does not follow a reparse point.
                return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                // Not there: opening it says "missing".
                return false;
            }
        }

        private static byte[] ReadAll(FileStream file)
        {
            var content = new byte[file.Length];
            var read = 0;
            while (read < content.Length)
            {
                var count = file.Read(content, read, content.Length - read);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }

            return read == content.Length ? content : throw new IOException("The file ended early.");
        }
    }
}
