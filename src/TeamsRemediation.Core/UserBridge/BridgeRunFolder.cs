using System;
using System.IO;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// %ProgramData%\TeamsRemediation\UserBridge\&lt;run&gt;: the only place a user's session writes its result. The
    /// UserBridge folder is SYSTEM's and the Administrators' alone; each run folder is created with its DACL in the
    /// same call (no moment with the inherited ACL): SYSTEM full control, Administrators read and delete, and the one
    /// target user may add files and change what they added. Nobody else can write there.
    /// </summary>
    public static class BridgeRunFolder
    {
        // 0x1200af: list, traverse, read attributes, add files and subfolders (the folder itself); 0x1301bf: modify (what is inside);
        // 0x130089: read and delete, for an elevated administrator who cleans up.
        private const string UserOnFolder = "0x1200af";
        private const string UserInside = "0x1301bf";
        private const string AdministratorsReadDelete = "0x130089";

        public const string FolderName = "UserBridge";

        public static string BridgeFolder(IMachine machine) => Path.Combine(JournalStorage.ModuleFolder(machine), FolderName);

        public static string RunFolderSddl(string userSid) =>
            "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;" + AdministratorsReadDelete + ";;;BA)(A;;" + UserOnFolder + ";;;" + userSid + ")"
            + "(A;OICIIO;" + UserInside + ";;;" + userSid + ")";

        /// <summary>Creates the run folder; the bridge folder above it must exist and be protected, or nothing is created.</summary>
        /// <exception cref="UnauthorizedAccessException">The bridge folder exists but others may write to it.</exception>
        public static string Create(IMachine machine, BridgeTaskName name, string userSid)
        {
            var folder = Path.Combine(ProtectedFolder.EnsureAdministratorsOnly(machine, FolderName), name.Name);
            machine.Storage.CreateFolder(folder, RunFolderSddl(userSid));
            return folder;
        }

        /// <summary>
        /// Removes a run folder and what the session put in it, through handles from the protected bridge folder down (the user
        /// may add folders in the run folder and swap one for a junction at any moment): a link is deleted itself, never followed,
        /// and nothing is deleted by a path looked up again after it was checked. Leaves nothing behind when it returns true.
        /// </summary>
        public static bool TryDelete(IMachine machine, string folder)
        {
            if (machine.Files.Find(folder) == null)
            {
                return true;
            }

            try
            {
                using (var bridge = machine.Files.OpenFolder(ExtendedLengthPath.ParentOf(folder)))
                {
                    SafeTree.RemoveTree(bridge, Path.GetFileName(folder));
                }

                return machine.Files.Find(folder) == null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
