using System.IO;
using TeamsRemediation.Targets;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// Where the module moves a user's data aside by default: inside the user's own profile, so a move is a rename
    /// on the same volume (not a copy) and the backup keeps the profile's ACL, readable only by the user and
    /// administrators (ProgramData is readable by every user, and a cache or the broker's data holds sign-in state).
    /// </summary>
    public static class UserBackups
    {
        public static string Root(UserFolders folders) => Path.Combine(folders.LocalAppData, "TeamsRemediation", "Backups");
    }
}
