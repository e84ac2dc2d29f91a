using System;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// One run's backup of one cache: &lt;folder&gt;\Cache holds the moved items at their paths relative to the
    /// cache root, &lt;folder&gt;\journal.xml records each move so Undo-TeamsRemediation -Journal puts them back.
    /// The default place is <see cref="UserBackups.Root"/>, in the user's own profile.
    /// </summary>
    public sealed class CacheBackupFolder
    {
        public const string JournalFileName = "journal.xml";

        private readonly IFileOperations files;

        private CacheBackupFolder(IFileOperations files, string path, ChangeJournal journal)
        {
            this.files = files;
            Path = path;
            ContentFolder = ContentFolderOf(path);
            Journal = journal;
        }

        public string Path { get; }

        public string ContentFolder { get; }

        public ChangeJournal Journal { get; }

        /// <summary>Where the moved items go, below the backup folder that holds the journal.</summary>
        public static string ContentFolderOf(string backupFolder) => System.IO.Path.Combine(backupFolder, "Cache");

        /// <summary>The folder this run would use (not created): under the given root, or the default one in the profile.</summary>
        public static string PathFor(IMachine machine, TargetUser user, TeamsClient client, string? root)
        {
            var stamp = machine.Clock.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var unique = Guid.NewGuid().ToString("N").Substring(0, 6);
            var name = root == null
                ? stamp + "-" + client + "-" + unique
                : stamp + "-" + FileNames.Safe(user.UserName) + "-" + client + "-" + unique;
            return System.IO.Path.Combine(root ?? UserBackups.Root(user.Folders), name);
        }

        /// <summary>Creates the folder (through the file seam, as every folder below it) and the journal recording each move into it.</summary>
        public static CacheBackupFolder Create(IFileOperations files, IRemediationHost host, string path)
        {
            files.CreateDirectory(ContentFolderOf(path));
            return new CacheBackupFolder(files, path, host.StartJournal(JournalScope.ClearCache, System.IO.Path.Combine(path, JournalFileName)));
        }

        /// <summary>
        /// Removes the folder again when nothing was moved into it, so an empty backup never looks like a real one; through handles from
        /// the folder above (the backup lies in the user's profile), a link in it removed itself.
        /// </summary>
        public bool RemoveIfUnused()
        {
            if (!Journal.IsEmpty)
            {
                return false;
            }

            try
            {
                using (var parent = files.OpenFolder(ExtendedLengthPath.ParentOf(Path)))
                {
                    SafeTree.RemoveTree(parent, System.IO.Path.GetFileName(Path));
                }

                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
