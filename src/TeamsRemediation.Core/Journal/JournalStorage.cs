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
        /// %ProgramData%\TeamsRemediation: SYSTEM and Administrators full control; Users may list it (0x1200a9: read, list,
        /// traverse) and add nothing, so no folder SYSTEM later writes in can be a user's (a user's own run keeps its journals,
        /// reports and cache locks in its profile). Versions before this one let Users add entries; such a folder gets this DACL
        /// back on first use (<see cref="FileSystem.ProtectedFolder"/>).
        /// </summary>
        public const string ModuleFolderSddl = "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200a9;;;BU)";

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
        /// is created with its DACL, or taken over as <see cref="FileSystem.ProtectedFolder"/> says; a link, or a folder
        /// someone else could have planted or could change journals in that cannot be replaced, is not used.
        /// </summary>
        /// <exception cref="JournalWriteException">The protected folder exists, is not protected, and could not be replaced.</exception>
        public static void PrepareFolder(IMachine machine, string folder)
        {
            if (!PathScope.IsSame(folder, ProtectedFolder(machine)))
            {
                Directory.CreateDirectory(folder);
                return;
            }

            try
            {
                FileSystem.ProtectedFolder.EnsureAdministratorsOnly(machine, Path.GetFileName(folder));
            }
            catch (UntrustedFolderException e)
            {
                throw new JournalWriteException(ModuleErrors.JournalFolderUntrusted(e.Folder, e.Why));
            }
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
            try
            {
                return WritersOtherThanAdministrators(machine, journalPath);
            }
            catch (LinkRefusedException e)
            {
                return e.Path + " is a junction or symbolic link";
            }
        }

        private static string? WritersOtherThanAdministrators(IMachine machine, string journalPath)
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
    }
}
