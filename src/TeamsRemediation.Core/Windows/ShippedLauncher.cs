using System;
using System.IO;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// TeamsRemediation.SessionLauncher.exe, beside the module's dlls with the Scripts folder next to it: what the user-session task
    /// starts instead of powershell.exe, so Windows PowerShell runs without a console window in the user's desktop (W20). Before a task
    /// names it, its file is read through one handle (a link is refused) and compared with the SHA-256 the build compiled into this dll;
    /// a file that differs is refused with ModuleLauncherAltered and nothing is started. An Authenticode signature build.ps1 added is
    /// allowed (<see cref="ShippedFileContent.ProgramAsBuilt"/>).
    /// </summary>
    public sealed class ShippedLauncher
    {
        public const string FileName = "TeamsRemediation.SessionLauncher.exe";

        // The launcher is a few kilobytes; anything much larger is not it and is not read whole.
        private const long MaximumBytes = 1024 * 1024;

        private readonly IMachine machine;

        /// <param name="machine">The PC whose file seam reads the launcher.</param>
        /// <param name="folder">The folder of the launcher and of the Scripts folder: the module's own, or a copy a test changes.</param>
        public ShippedLauncher(IMachine machine, string folder)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            Path = System.IO.Path.Combine(folder ?? throw new ArgumentNullException(nameof(folder)), FileName);
        }

        /// <summary>The launcher beside the given scripts: the module folder is the Scripts folder's parent.</summary>
        public static ShippedLauncher Beside(IMachine machine, ShippedScripts scripts) =>
            new ShippedLauncher(machine, ExtendedLengthPath.ParentOf(scripts.Folder));

        public string Path { get; }

        /// <summary>The launcher's path once its file proved to be the one the module was built with.</summary>
        /// <exception cref="ShippedScriptException">The file is missing, a link, unreadable, or differs from what was built.</exception>
        public string Verified()
        {
            byte[]? content;
            try
            {
                content = machine.Storage.ReadFile(Path, MaximumBytes).Content;
            }
            catch (LinkRefusedException)
            {
                throw new ShippedScriptException(ModuleErrors.ModuleLauncherAltered(Path, "a junction or symbolic link"));
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new ShippedScriptException(ModuleErrors.ModuleLauncherAltered(Path, "missing"));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ShippedScriptException(ModuleErrors.ModuleLauncherAltered(Path, "unreadable (" + e.Message + ")"));
            }

            if (content == null)
            {
                throw new ShippedScriptException(ModuleErrors.ModuleLauncherAltered(Path, "not a file of the launcher's size"));
            }

            if (!ShippedScriptHashes.ProgramSha256.TryGetValue(FileName, out var expected) || !ShippedFileContent.IsProgramAsBuilt(content, expected))
            {
                throw new ShippedScriptException(ModuleErrors.ModuleLauncherAltered(Path, "different from the one this module was built with"));
            }

            return Path;
        }
    }
}
