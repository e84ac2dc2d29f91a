namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Owners and DACLs of the files and folders the module keeps (journals, locks), in the Security Descriptor
    /// Definition Language, so the rules about them (<see cref="StorageAccess"/>) are plain code that runs the same
    /// against Windows and the simulation.
    /// </summary>
    public interface IStorageSecurity
    {
        /// <summary>Creates a folder (its parent exists) with exactly this owner and DACL; fails when something is already there.</summary>
        void CreateFolder(string path, string sddl);

        /// <summary>
        /// Gives a file the module has just created (or a folder of its own it re-permissions) exactly this owner and protected
        /// DACL, whatever owner the caller's token hands out by default (an administrator's own SID where "Default owner for objects
        /// created by members of the Administrators group" is "Object creator", and under Wine).
        /// </summary>
        /// <exception cref="LinkRefusedException">The path is a junction or symbolic link: the link is never followed.</exception>
        void Protect(string path, string sddl);

        /// <summary>
        /// The owner and DACL of an existing file or folder, as SDDL ("O:...D:..."), read from the object at the path itself:
        /// a junction or symbolic link there is refused, never followed, so a trust decision is about what the caller will use.
        /// </summary>
        /// <exception cref="LinkRefusedException">The path is a junction or symbolic link.</exception>
        string ReadSddl(string path);

        /// <summary>
        /// Opens the file at the path itself (a link is refused, never followed) and reads, through that one handle, its owner and
        /// DACL, its size and, when it is a file of at most <paramref name="maximumBytes"/>, its content.
        /// </summary>
        /// <exception cref="LinkRefusedException">The path is a junction or symbolic link.</exception>
        /// <exception cref="System.IO.FileNotFoundException">Nothing is there.</exception>
        StoredFile ReadFile(string path, long maximumBytes);
    }
}
