using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// One run at a time per user's cache, across processes (an Intune run and an admin's run at once): a lock
    /// file in ProgramData\TeamsRemediation\Locks opened with FileShare.None (an exclusive flock on Linux). The
    /// file is opened for reading only, so a user can take a lock file that SYSTEM created; it is never deleted,
    /// because deleting a lock file lets two runs each lock a different file. The holder writes who it is next
    /// to it, so the run that has to give up can say which run it met.
    /// </summary>
    public sealed class UserCacheLock : IDisposable
    {
        private readonly FileStream stream;
        private readonly string ownerPath;

        private UserCacheLock(FileStream stream, string ownerPath)
        {
            this.stream = stream;
            this.ownerPath = ownerPath;
        }

        public static string Folder(string programDataPath) => Path.Combine(programDataPath, "TeamsRemediation", "Locks");

        /// <summary>Takes the user's lock, waiting up to <paramref name="wait"/>; null when another run holds it, with who that is.</summary>
        public static UserCacheLock? TryAcquire(string programDataPath, string userSid, TimeSpan wait, out string holder)
        {
            var folder = Folder(programDataPath);
            Directory.CreateDirectory(folder);
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
