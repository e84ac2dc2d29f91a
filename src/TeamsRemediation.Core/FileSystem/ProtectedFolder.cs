using System;
using System.IO;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// The module's own folders under %ProgramData%\TeamsRemediation (journals, the user bridge's run folders, the
    /// machine log): created with their DACL in the same call, or used only when nobody but SYSTEM and the
    /// Administrators could have changed them.
    /// </summary>
    public static class ProtectedFolder
    {
        /// <summary>
        /// A folder below the module folder, SYSTEM's and the Administrators' alone (the module folder is made first when missing).
        /// </summary>
        /// <exception cref="UnauthorizedAccessException">One of the two exists and others may change it.</exception>
        public static string EnsureAdministratorsOnly(IMachine machine, string name)
        {
            var module = JournalStorage.ModuleFolder(machine);
            ThrowIfUntrusted(module, Ensure(machine, module, JournalStorage.ModuleFolderSddl, StorageAccess.ReplaceRights));
            var folder = Path.Combine(module, name);
            ThrowIfUntrusted(folder, Ensure(machine, folder, JournalStorage.JournalFolderSddl, StorageAccess.WriteRights));
            return folder;
        }

        /// <summary>
        /// Creates the folder with exactly this descriptor. When it exists already (made earlier, by another run, or
        /// planted), returns who could change it ("owned by ..., writable by ...") unless its owner is administrative
        /// and nobody else holds any of <paramref name="forbidden"/>; null when it may be used.
        /// </summary>
        public static string? Ensure(IMachine machine, string path, string sddl, uint forbidden)
        {
            if (!Directory.Exists(path))
            {
                try
                {
                    machine.Storage.CreateFolder(path, sddl);
                    return null;
                }
                catch (IOException) when (Directory.Exists(path))
                {
                    // Another run (or someone else) made it meanwhile: judged below like any folder found there.
                }
            }

            var access = StorageAccess.FromSddl(machine.Storage.ReadSddl(path));
            return access.IsProtectedAgainst(forbidden) ? null : access.Describe(forbidden);
        }

        private static void ThrowIfUntrusted(string path, string? problem)
        {
            if (problem != null)
            {
                throw new UnauthorizedAccessException(path + " is " + problem
                    + ": what the module keeps there could be planted or changed by others.");
            }
        }
    }
}
