using System;
using System.IO;
using System.Threading;
using TeamsRemediation.Demo;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// The module installed where the shipped Intune and ConfigMgr scripts import it from, so they run as shipped:
    /// <c>%ProgramW6432%\WindowsPowerShell\Modules\TeamsRemediation</c> (the 64-bit Program Files, which a 32-bit host
    /// sees too). The test process gets a Program Files folder of its own holding a copy of the built module, and names
    /// it in ProgramW6432. An environment variable belongs to the whole process, so it is set once, to one folder, and
    /// never changed back: tests running in parallel all see the same value. The folder goes when the process exits.
    /// </summary>
    public static class ProgramFilesModule
    {
        /// <summary>The variable the shipped scripts read first for the 64-bit Program Files.</summary>
        public const string ProgramFilesVariable = "ProgramW6432";

        private static readonly Lazy<string> Installed = new Lazy<string>(Install, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The test process's Program Files, with the built module installed in it; installs it on first use.</summary>
        public static string ProgramFiles => Installed.Value;

        private static string Install()
        {
            var programFiles = Path.Combine(Path.GetTempPath(), "TeamsRemediationProgramFiles-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            // A copy, not a link: a Windows developer's account may not create symbolic links. The engine that already
            // loaded the built module's assemblies keeps them when a script imports the copy (same identity).
            var installed = Path.Combine(programFiles, "WindowsPowerShell", "Modules", "TeamsRemediation");
            CopyTree(Path.GetDirectoryName(ModuleSession.ManifestPath)!, installed);
            Environment.SetEnvironmentVariable(ProgramFilesVariable, programFiles);
            AppDomain.CurrentDomain.ProcessExit += (sender, e) => Remove(programFiles);
            return programFiles;
        }

        private static void CopyTree(string source, string destination)
        {
            Directory.CreateDirectory(destination);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }

            foreach (var folder in Directory.GetDirectories(source))
            {
                CopyTree(folder, Path.Combine(destination, Path.GetFileName(folder)));
            }
        }

        private static void Remove(string programFiles)
        {
            try
            {
                Directory.Delete(programFiles, recursive: true);
            }
            catch (IOException)
            {
                // A module dll still mapped by the exiting process (Windows): the temp folder's own cleanup takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
