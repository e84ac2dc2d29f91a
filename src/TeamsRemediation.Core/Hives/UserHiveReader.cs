using System.Collections.Generic;
using System.IO;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Hives
{
    /// <summary>
    /// Reads one key of a logged-off user's NTUSER.DAT from the file itself, without loading it into the registry: RegLoadKey and
    /// RegLoadAppKey create an empty, SYSTEM-owned hive when the file vanished since it was looked at, and hold a loaded hive
    /// exclusively and writable (a user logging on meanwhile gets a temporary profile). Here the file is opened for reading only
    /// (a missing one is "no hive", nothing is created), shared for read, write and delete, a link at the path is refused (the
    /// profile folder is the user's), the bytes are copied into memory and the handle closed, and only then parsed by
    /// <see cref="HiveFile"/>. Windows opens a hive it loads for itself alone, so a logon in the milliseconds of the copy finds the
    /// file in use, as it would with any backup program reading it; nothing is held while the hive is parsed.
    /// NTUSER.DAT has no Wow6432Node redirection for the keys read here, so the caller's bitness does not matter.
    /// </summary>
    public static class UserHiveReader
    {
        public const string HiveFileName = "NTUSER.DAT";

        /// <summary>A used NTUSER.DAT is a few MB; one larger than this is not read into memory at all.</summary>
        public const long MaxHiveBytes = 256L * 1024 * 1024;

        /// <summary>
        /// The values of <paramref name="relativeKey"/>; empty when the key does not exist, null when the profile has no NTUSER.DAT.
        /// </summary>
        /// <exception cref="HiveNotReadableException">The file is too large, damaged, or has changes not yet written into it.</exception>
        /// <exception cref="LinkRefusedException">NTUSER.DAT is a link.</exception>
        /// <exception cref="IOException">The file could not be opened or read (with the reason).</exception>
        /// <exception cref="System.UnauthorizedAccessException">This account may not read the file.</exception>
        public static IReadOnlyDictionary<string, RegistryValue>? ReadKey(IFileOperations files, string profilePath, string relativeKey)
        {
            var path = Path.Combine(profilePath, HiveFileName);
            byte[] bytes;
            try
            {
                using (var stream = files.OpenForReading(path))
                {
                    bytes = ReadAll(stream);
                }
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }

            return HiveFile.Parse(bytes).ReadValues(relativeKey);
        }

        /// <summary>The whole file, at most <see cref="MaxHiveBytes"/>; what is appended while it is read is not part of this read.</summary>
        private static byte[] ReadAll(Stream stream)
        {
            var length = stream.Length;
            if (length > MaxHiveBytes)
            {
                throw new HiveNotReadableException("it is " + length + " bytes, more than the " + MaxHiveBytes / (1024 * 1024)
                    + " MB this module reads into memory.");
            }

            var bytes = new byte[length];
            var read = 0;
            int chunk;
            while (read < bytes.Length && (chunk = stream.Read(bytes, read, bytes.Length - read)) > 0)
            {
                read += chunk;
            }

            if (read < bytes.Length)
            {
                throw new HiveNotReadableException("it became shorter while it was read (" + read + " of " + length + " bytes).");
            }

            return bytes;
        }
    }
}
