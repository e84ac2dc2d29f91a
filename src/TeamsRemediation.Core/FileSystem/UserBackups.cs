using System.Globalization;
using System.IO;
using TeamsRemediation.Platform;
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

        /// <summary>&lt;folder&gt;\&lt;name&gt;-&lt;UTC time&gt;, with -2, -3 ... when a run in the same second took it already.</summary>
        public static string UniquePath(IMachine machine, string folder, string name)
        {
            var stamp = machine.Clock.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var path = Path.Combine(folder, name + "-" + stamp);
            for (var n = 2; Directory.Exists(path) || File.Exists(path); n++)
            {
                path = Path.Combine(folder, name + "-" + stamp + "-" + n);
            }

            return path;
        }
    }
}
