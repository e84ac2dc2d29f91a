namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError JournalNotFound(string path) => new ModuleError(
            "JournalNotFound",
            ModuleErrorCategory.ObjectNotFound,
            "The journal " + path + " does not exist. Nothing was restored from it.",
            "Give the JournalPath a changing cmdlet reported (journals are kept in %ProgramData%\\TeamsRemediation\\Journal).",
            path);

        public static ModuleError JournalIsFolder(string path) => new ModuleError(
            "JournalIsFolder",
            ModuleErrorCategory.InvalidArgument,
            path + " is a folder, not a journal file. Nothing was restored from it.",
            "Give one journal file: the JournalPath a changing cmdlet reported (Get-ChildItem '" + path.Replace("'", "''")
                + "' lists the journals in that folder).",
            path);

        public static ModuleError InvalidJournal(string path, System.Exception exception) => new ModuleError(
            "InvalidJournal",
            ModuleErrorCategory.InvalidData,
            exception.Message + " Nothing was restored from it.",
            "Give a journal file written by a TeamsRemediation cmdlet (the JournalPath of its output).",
            path,
            exception);

        public static ModuleError JournalUnreadable(string path, System.Exception exception) => new ModuleError(
            "JournalUnreadable",
            ModuleErrorCategory.ReadError,
            "The journal " + path + " could not be read: " + exception.Message + " Nothing was restored from it.",
            "Check that the file is not locked and that you may read it (journals written as SYSTEM need an elevated reader), then run " +
                "Undo-TeamsRemediation again.",
            path,
            exception);

        public static ModuleError JournalWriteFailed(string path, System.Exception exception) => new ModuleError(
            "JournalWriteFailed",
            ModuleErrorCategory.WriteError,
            "The journal " + path + " could not be written: " + exception.Message
                + " The run stopped so that no change goes unrecorded; the changes made before are in the journal.",
            "Free the disk or fix the permissions of the journal folder (or give -JournalPath), then run the cmdlet again.",
            path,
            exception);

        public static ModuleError JournalOperationUnknown(string path, string operation) => new ModuleError(
            "JournalOperationUnknown",
            ModuleErrorCategory.InvalidData,
            "The journal " + path + " declares the operation '" + operation
                + "', which no TeamsRemediation cmdlet writes. Nothing was restored from it.",
            "Give a journal written by Enable-Tls12, Reset-TeamsWorkAccount or Clear-TeamsCache; a journal that was edited cannot be trusted.",
            path);

        public static ModuleError JournalEntryOutOfScope(string path, string operation, string target, string scope) => new ModuleError(
            "JournalEntryOutOfScope",
            ModuleErrorCategory.SecurityError,
            "The journal " + path + " (" + operation + ") holds an entry for " + target + ", which " + operation + " never changes: " + scope
                + ". The journal was edited or forged; nothing was restored from it.",
            "Do not restore this journal. Find out who could write it (check its owner and folder ACL) and put back any change by hand.",
            target);

        public static ModuleError JournalPathThroughLink(string path, string target, string link) => new ModuleError(
            "JournalPathThroughLink",
            ModuleErrorCategory.SecurityError,
            "The journal " + path + " would move " + target + ", but " + link + " on the way is a junction or symbolic link: a restore could land "
                + "outside the user's folders. Nothing was restored from it.",
            "Remove the link (it was not made by TeamsRemediation), then run Undo-TeamsRemediation again.",
            link);

        public static ModuleError JournalFolderUntrusted(string folder, string access) => new ModuleError(
            "JournalFolderUntrusted",
            ModuleErrorCategory.SecurityError,
            "The journal folder " + folder + " already exists and is " + access + ": someone other than SYSTEM and Administrators could plant or "
                + "change journals there, so it was not used and nothing was changed.",
            "Have an administrator check and delete that folder (the module creates it again, for SYSTEM and Administrators only), "
                + "or give -JournalPath in a folder only administrators can write.",
            folder);

        /// <param name="path">The journal.</param>
        /// <param name="why">Who else could have written it.</param>
        /// <param name="owner">The user in whose journal folder it lies, when it could not be restored in their session.</param>
        /// <param name="notRun">Why it was not restored in that user's session (not logged on, no active session).</param>
        public static ModuleError JournalUntrusted(string path, string why, string? owner = null, string? notRun = null) => new ModuleError(
            "JournalUntrusted",
            ModuleErrorCategory.SecurityError,
            "The journal " + path + " could have been written by someone other than SYSTEM and Administrators (" + why + "), and it changes more "
                + "than the caller's own data. An elevated Undo does not follow it; nothing was restored."
                + (owner == null ? string.Empty : " It is " + owner + "'s journal and was not restored in their session: " + notRun),
            owner == null
                ? "Let the user whose data it is run Undo-TeamsRemediation in their own session, or check each entry and put it back by hand."
                : "Restore it in " + owner + "'s session: Undo-TeamsRemediation -Journal " + Quoted(path) + " run as " + owner
                    + ", or run this Undo again while " + owner + " is logged on (it then runs in their session).",
            path);

        public static ModuleError UserJournalThroughLink(string path, string link) => new ModuleError(
            "UserJournalThroughLink",
            ModuleErrorCategory.SecurityError,
            "The journal " + path + " lies in a user's journal folder, but " + link + " on the way is a junction or symbolic link: the file may "
                + "not be that user's. It was not run in any session; nothing was restored.",
            "Remove the link (TeamsRemediation never makes one) and run Undo-TeamsRemediation again, or let the user restore it in their own "
                + "session.",
            link);

        /// <summary>A path as a PowerShell single-quoted string, ready to paste into a command.</summary>
        private static string Quoted(string path) => "'" + path.Replace("'", "''") + "'";
    }
}
