using System;
using System.Globalization;
using System.IO;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// The module's own folders under %ProgramData%\TeamsRemediation (journals, locks, reports, the user bridge's run
    /// folders, the machine log): created with their DACL in the same call, or used only when nobody but SYSTEM and the
    /// Administrators could have changed them. Any user may create folders in ProgramData, so one may be there first:
    /// <list type="bullet">
    /// <item>a junction or symbolic link is never used nor taken over (it would send SYSTEM's writes and deletes where the user
    /// chose);</item>
    /// <item>a real folder (or file) someone else made or may change is moved aside by a SYSTEM or elevated caller, in one rename
    /// that never follows a link, and made again with its DACL; a caller that is not privileged, or a rename Windows refuses
    /// (something inside is open), ends in <see cref="UntrustedFolderException"/>;</item>
    /// <item>a folder an administrator owns whose DACL only lets others add entries (the module folder as versions before this
    /// one made it) gets its DACL back.</item>
    /// </list>
    /// What the moved-aside folder holds is never read, entered or deleted: it stays, named "*.untrusted-&lt;time&gt;-&lt;id&gt;", for an
    /// administrator to look at.
    /// </summary>
    public static class ProtectedFolder
    {
        /// <summary>The suffix of a folder a user made first, moved aside so the module's own could be made.</summary>
        public const string MovedAsideMarker = ".untrusted-";

        /// <summary>
        /// A folder below the module folder, SYSTEM's and the Administrators' alone (the module folder is made, or taken over, first).
        /// </summary>
        /// <exception cref="UntrustedFolderException">One of the two is a link, or is untrusted and could not be replaced.</exception>
        public static string EnsureAdministratorsOnly(IMachine machine, string name)
        {
            var module = JournalStorage.ModuleFolder(machine);
            Ensure(machine, module, JournalStorage.ModuleFolderSddl, StorageAccess.WriteRights);
            var folder = Path.Combine(module, name);
            Ensure(machine, folder, JournalStorage.JournalFolderSddl, StorageAccess.WriteRights);
            return folder;
        }

        /// <summary>
        /// Creates the folder with exactly this descriptor, or makes sure the one there is a real folder with an administrative owner
        /// where nobody else holds any of <paramref name="forbidden"/>, replacing it (see the class) when it is not.
        /// </summary>
        /// <exception cref="UntrustedFolderException">It is a link, or it is untrusted and could not be replaced.</exception>
        public static void Ensure(IMachine machine, string path, string sddl, uint forbidden)
        {
            var entry = machine.Files.Find(path);
            if (entry == null)
            {
                try
                {
                    machine.Storage.CreateFolder(path, sddl);
                    return;
                }
                catch (IOException)
                {
                    // Another run (or someone else) made it meanwhile: judged below like anything found there.
                    entry = machine.Files.Find(path) ?? throw new UntrustedFolderException(path, "not creatable");
                }
            }

            if (entry.Value.IsLink)
            {
                throw new UntrustedFolderException(path, "a junction or symbolic link");
            }

            var privileged = JournalStorage.IsPrivileged(machine.Users.GetCurrentIdentity());
            string problem;
            if (!entry.Value.IsDirectory)
            {
                problem = "a file, not a folder";
            }
            else
            {
                StorageAccess access;
                try
                {
                    access = StorageAccess.FromSddl(machine.Storage.ReadSddl(path));
                }
                catch (LinkRefusedException)
                {
                    // Swapped for a link since it was looked at.
                    throw new UntrustedFolderException(path, "a junction or symbolic link");
                }

                if (access.IsProtectedAgainst(forbidden))
                {
                    return;
                }

                if (privileged && access.IsProtectedAgainst(StorageAccess.ReplaceRights))
                {
                    // An administrator's folder others could only add to: nothing in it could have been changed by them, and what
                    // they added is judged wherever it is used. Its DACL is set again, through the link-refusing port.
                    Protect(machine, path, sddl);
                    return;
                }

                problem = access.Describe(forbidden);
            }

            if (!privileged)
            {
                throw new UntrustedFolderException(path, problem + " (only a SYSTEM or elevated run may replace it)");
            }

            ReplaceAside(machine, path, entry.Value.IsDirectory, sddl, problem);
        }

        private static void Protect(IMachine machine, string path, string sddl)
        {
            try
            {
                machine.Storage.Protect(path, sddl);
            }
            catch (LinkRefusedException)
            {
                throw new UntrustedFolderException(path, "a junction or symbolic link");
            }
        }

        /// <summary>
        /// One rename moves whatever is at the path now (a link as the link itself: a rename never follows the last part of a path),
        /// then the folder is created with its DACL in one call, which fails when anything is there again.
        /// </summary>
        private static void ReplaceAside(IMachine machine, string path, bool isDirectory, string sddl, string problem)
        {
            var aside = path + MovedAsideMarker + machine.Clock.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-"
                + Guid.NewGuid().ToString("N").Substring(0, 8);
            try
            {
                if (isDirectory)
                {
                    machine.Files.MoveDirectory(path, aside);
                }
                else
                {
                    machine.Files.MoveFile(path, aside);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UntrustedFolderException(path, problem + ", and moving it aside failed (" + e.Message + ")");
            }

            try
            {
                machine.Storage.CreateFolder(path, sddl);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UntrustedFolderException(path, problem + "; it was moved aside to " + aside + " but something took its place again ("
                    + e.Message + ")");
            }
        }
    }
}
