using System;
using System.IO;
using TeamsRemediation.Platform;

namespace TeamsRemediation.FileSystem
{
    /// <summary>The module's own folders under %ProgramData%: created with their DACL, or used only when nobody else could have changed them.</summary>
    public static class ProtectedFolder
    {
        /// <summary>%ProgramData%\TeamsRemediation as the journal storage creates it: Users may list and add, not remove or re-permission.</summary>
        public const string ModuleFolderSddl = "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200af;;;BU)(A;OICIIO;FA;;;CO)";

        /// <summary>SYSTEM and Administrators full control, nothing inherited, nobody else.</summary>
        public const string AdministratorsOnlySddl = "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

        public static string ModuleFolder(IMachine machine) => Path.Combine(machine.ProgramDataPath, "TeamsRemediation");

        /// <summary>A folder below the module folder, made SYSTEM's and the Administrators' alone (the module folder first, when missing).</summary>
        /// <exception cref="UnauthorizedAccessException">One of the two exists and others may change it.</exception>
        public static string EnsureAdministratorsOnly(IMachine machine, string name)
        {
            Ensure(machine, ModuleFolder(machine), ModuleFolderSddl, StorageAccess.ReplaceRights);
            var folder = Path.Combine(ModuleFolder(machine), name);
            Ensure(machine, folder, AdministratorsOnlySddl, StorageAccess.WriteRights);
            return folder;
        }

        /// <summary>
        /// Creates the folder with exactly this descriptor; when it exists already (made earlier, by another run, or
        /// planted), it is used only if its owner is administrative and nobody else holds any of <paramref name="forbidden"/>.
        /// </summary>
        public static void Ensure(IMachine machine, string path, string sddl, uint forbidden)
        {
            if (!Directory.Exists(path))
            {
                try
                {
                    machine.Storage.CreateFolder(path, sddl);
                    return;
                }
                catch (IOException) when (Directory.Exists(path))
                {
                    // Another run made it meanwhile: judged below like any folder found there.
                }
            }

            var access = StorageAccess.FromSddl(machine.Storage.ReadSddl(path));
            if (!access.IsProtectedAgainst(forbidden))
            {
                throw new UnauthorizedAccessException(path + " is " + access.Describe(forbidden) + ": what the module keeps there could be planted or changed by others.");
            }
        }
    }
}
