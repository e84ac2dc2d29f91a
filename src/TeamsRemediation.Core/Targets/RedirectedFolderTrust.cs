using System;
using System.IO;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Targets
{
    /// <summary>
    /// A redirected folder is named by the user's own registry (User Shell Folders is theirs to write), so a user could point
    /// AppData at a folder of the machine and have SYSTEM or an administrator delete there. Before a privileged run changes
    /// anything in a redirected folder outside the profile, the folder must be the user's: owned by their SID, as Folder
    /// Redirection creates it ("Grant the user exclusive rights"). A user acting on their own files with their own rights
    /// needs no such check: they can delete only what they could delete anyway.
    /// </summary>
    public static class RedirectedFolderTrust
    {
        /// <summary>Null when <paramref name="path"/> may be changed for <paramref name="user"/>; otherwise the error that says why not.</summary>
        public static ModuleError? WhyNotTheUsers(IMachine machine, TargetUser user, string path)
        {
            var top = user.Folders.TopFolderOf(path);
            if (top == null || PathScope.IsSameOrInside(top, user.ProfilePath))
            {
                return null;
            }

            var caller = machine.Users.GetCurrentIdentity();
            if (user.IsCaller && !caller.IsElevated)
            {
                return null;
            }

            string owner;
            try
            {
                owner = StorageAccess.FromSddl(machine.Storage.ReadSddl(top)).OwnerSid;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException)
            {
                return ModuleErrors.RedirectedFolderNotTheUsers(user.UserName, user.Sid, top, "unreadable (" + e.Message + ")");
            }

            return owner.Equals(user.Sid, StringComparison.OrdinalIgnoreCase) ? null
                : ModuleErrors.RedirectedFolderNotTheUsers(user.UserName, user.Sid, top, owner);
        }
    }
}
