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
        /// Gives a file the module has just created exactly this owner and protected DACL, whatever owner the caller's
        /// token hands out by default (an administrator's own SID where "Default owner for objects created by members of
        /// the Administrators group" is "Object creator", and under Wine).
        /// </summary>
        void Protect(string path, string sddl);

        /// <summary>The owner and DACL of an existing file or folder, as SDDL ("O:...D:...").</summary>
        string ReadSddl(string path);
    }
}
