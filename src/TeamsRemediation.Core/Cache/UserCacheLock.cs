using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// One run at a time per user's cache, across processes (an Intune run and an admin's run at once): a lock
    /// file opened with FileShare.None (an exclusive flock on Linux). A SYSTEM or elevated run keeps it in
    /// ProgramData\TeamsRemediation\Locks, made (or taken over) by <see cref="ProtectedFolder"/>: SYSTEM's and the
    /// Administrators' alone, so no user can plant the folder, link it elsewhere, or open a lock file there to hold
    /// a clear off. A user's own run keeps its lock in its own profile, where only that user and administrators
    /// can reach it: it serialises that user's runs; a SYSTEM run and the user's own run on the same cache are not
    /// serialised against each other, and both only remove what is there (an item already gone is no failure).
    /// The lock file is never deleted, because deleting a lock file lets two runs each lock a different file. The
    /// holder writes who it is next to it, so the run that has to give up can say which run it met.
    /// </summary>
    public sealed class UserCacheLock : IDisposable
    {
        public const string FolderName = "Locks";

        private readonly FileStream stream;
        private readonly string ownerPath;

        private UserCacheLock(FileStream stream, string ownerPath)
        {
            this.stream = stream;
            this.ownerPath = ownerPath;
        }

        /// <summary>Takes the user's lock, waiting up to <paramref name="wait"/>; null when another run holds it, with who that is.</summary>
        /// <exception cref="UntrustedFolderException">The protected Locks folder is a link, or a user's that could not be replaced.</exception>
        public static UserCacheLock? TryAcquire(IMachine machine, string userSid, TimeSpan wait, out string holder)
        {
            var folder = Folder(machine);
            var path = Path.Combine(folder, "Cache-" + userSid + ".lock");
            var ownerPath = path + ".owner";
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                try
                {
                    var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None);
                    WriteOwner(ownerPath);
                    holder = string.Empty;
                    return new UserCacheLock(stream, ownerPath);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }
                catch (IOException)
                {
                    holder = ReadOwner(ownerPath);
                    return null;
                }
            }
        }

        /// <summary>The protected folder for SYSTEM or an elevated caller; the caller's own profile otherwise (made when missing).</summary>
        private static string Folder(IMachine machine)
        {
            var caller = machine.Users.GetCurrentIdentity();
            var profile = JournalStorage.IsPrivileged(caller) ? null
                : machine.Users.GetProfiles().FirstOrDefault(p => p.Sid.Equals(caller.Sid, StringComparison.OrdinalIgnoreCase));
            if (profile == null)
            {
                return ProtectedFolder.EnsureAdministratorsOnly(machine, FolderName);
            }

            var own = Path.Combine(profile.Folders.LocalAppData, "TeamsRemediation", FolderName);
            Directory.CreateDirectory(own);
            return own;
        }

        public void Dispose()
        {
            try
            {
                File.Delete(ownerPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Only a description; the next holder overwrites it.
            }

            stream.Dispose();
        }

        private static void WriteOwner(string ownerPath)
        {
            try
            {
                using (var process = Process.GetCurrentProcess())
                {
                    File.WriteAllText(ownerPath, "process " + process.Id + " (" + process.ProcessName + ") as " + Environment.UserDomainName + "\\"
                        + Environment.UserName + ", since " + DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A file left by another account may not be ours to write: the lock holds all the same.
            }
        }

        private static string ReadOwner(string ownerPath)
        {
            try
            {
                return File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "holder unknown";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return "holder unknown";
            }
        }
    }
}
