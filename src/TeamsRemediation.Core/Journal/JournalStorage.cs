using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// Where journals live and whether one can be trusted. An elevated run keeps them in
    /// %ProgramData%\TeamsRemediation\Journal, created with a protected DACL (SYSTEM and Administrators only, nothing
    /// inherited), because every user may create files and folders in ProgramData. A user's own run keeps them in
    /// the user's profile: that user cannot write the protected folder, and their journal only holds their own data.
    /// </summary>
    public static class JournalStorage
    {
        /// <summary>
        /// %ProgramData%\TeamsRemediation: SYSTEM and Administrators full control; Users may list it and add entries
        /// (the per-user cache locks) but not remove or re-permission anything; what a user adds is theirs.
        /// </summary>
        public const string ModuleFolderSddl = "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200af;;;BU)(A;OICIIO;FA;;;CO)";

        /// <summary>The journal folder: SYSTEM and Administrators full control, nothing inherited, nobody else.</summary>
        public const string JournalFolderSddl = "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

        /// <summary>A journal an elevated run writes: Administrators' own, SYSTEM and Administrators full control, nothing inherited.</summary>
        public const string JournalFileSddl = "O:BAD:P(A;;FA;;;SY)(A;;FA;;;BA)";

        public static string ModuleFolder(IMachine machine) => Path.Combine(machine.ProgramDataPath, "TeamsRemediation");

        public static string ProtectedFolder(IMachine machine) => Path.Combine(ModuleFolder(machine), "Journal");

        /// <summary>The protected folder for an elevated caller or SYSTEM; the caller's own profile otherwise.</summary>
        public static string DefaultFolder(IMachine machine)
        {
            var caller = machine.Users.GetCurrentIdentity();
            if (IsPrivileged(caller))
            {
                return ProtectedFolder(machine);
            }

            var profile = machine.Users.GetProfiles().FirstOrDefault(p => p.Sid.Equals(caller.Sid, StringComparison.OrdinalIgnoreCase));
            return profile == null ? ProtectedFolder(machine) : UserFolder(profile.Folders);
        }

        /// <summary>Where a user's own run (and a run in the user's session for SYSTEM) keeps its journals.</summary>
        public static string UserFolder(UserFolders folders) => Path.Combine(folders.LocalAppData, "TeamsRemediation", "Journal");

        public static bool IsPrivileged(CallerIdentity caller) => caller.IsSystem || caller.IsElevated;

        /// <summary>
        /// Makes the folder a journal is about to be written to. The protected folder (and the module folder above it)
        /// is created with its DACL; when either already exists with a non-administrative owner or rights for others,
        /// it is not used: someone else could have planted or could change journals there.
        /// </summary>
        /// <exception cref="JournalWriteException">The protected folder exists but is not protected.</exception>
        public static void PrepareFolder(IMachine machine, string folder)
        {
            if (!PathScope.IsSame(folder, ProtectedFolder(machine)))
            {
                Directory.CreateDirectory(folder);
                return;
            }

            Ensure(machine, ModuleFolder(machine), ModuleFolderSddl, StorageAccess.ReplaceRights);
            Ensure(machine, folder, JournalFolderSddl, StorageAccess.WriteRights);
        }

        /// <summary>
        /// Makes a journal an elevated run or SYSTEM has just created Administrators' own with a protected DACL. The
        /// token's default owner may be the administrator's own SID (policy "Object creator", Wine), and an elevated Undo
        /// trusts a journal by its owner.
        /// </summary>
        public static void ProtectNewJournal(IMachine machine, string journalPath)
        {
            if (IsPrivileged(machine.Users.GetCurrentIdentity()))
            {
                machine.Storage.Protect(journalPath, JournalFileSddl);
            }
        }

        /// <summary>
        /// Why a non-administrator could have written or replaced this journal (the file, its folder, or the folder
        /// above), or null when only SYSTEM and Administrators could have.
        /// </summary>
        public static string? WhyUntrusted(IMachine machine, string journalPath)
        {
            var file = StorageAccess.FromSddl(machine.Storage.ReadSddl(journalPath));
            if (!file.IsProtectedAgainst(StorageAccess.WriteRights))
            {
                return "the file is " + file.Describe(StorageAccess.WriteRights);
            }

            var folder = ExtendedLengthPath.ParentOf(journalPath);
            for (var level = 0; level < 2; level++, folder = ExtendedLengthPath.ParentOf(folder))
            {
                var access = StorageAccess.FromSddl(machine.Storage.ReadSddl(folder));
                if (!access.IsProtectedAgainst(StorageAccess.ReplaceRights))
                {
                    return "its folder " + folder + " is " + access.Describe(StorageAccess.ReplaceRights);
                }
            }

            return null;
        }

        private static void Ensure(IMachine machine, string path, string sddl, uint forbidden)
        {
            var problem = FileSystem.ProtectedFolder.Ensure(machine, path, sddl, forbidden);
            if (problem != null)
            {
                throw new JournalWriteException(ModuleErrors.JournalFolderUntrusted(path, problem));
            }
        }
    }
}
