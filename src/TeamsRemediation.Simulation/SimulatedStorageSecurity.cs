using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// Owners and DACLs as SDDL per path. A path nobody declared takes the descriptor of its nearest declared folder,
    /// the way a new file inherits its folder's ACL; with none declared it is an administrator's file. The simulated
    /// PC declares ProgramData as Windows ships it (Users may add files and folders) and each profile as its user's.
    /// </summary>
    public sealed class SimulatedStorageSecurity : IStorageSecurity
    {
        /// <summary>What an elevated process leaves on a file it makes in an administrator's folder.</summary>
        public const string AdministratorsOnly = "O:BAD:(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

        /// <summary>%ProgramData% as Windows ships it: every user may create files and folders there and owns what they create.</summary>
        public const string ProgramData = "O:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)(A;CI;DCLCRPCR;;;BU)";

        private readonly object gate = new object();
        private readonly Dictionary<string, string> declared = new Dictionary<string, string>(StringComparer.Ordinal);

        private static readonly Regex Owner = new Regex("^O:(S-[0-9-]+|[A-Z]{2})", RegexOptions.CultureInvariant);

        /// <summary>
        /// The owner the caller's token gives what it creates, when that is its own SID rather than the folder's owner:
        /// an administrator where "Default owner for objects created by members of the Administrators group" is
        /// "Object creator", and every process under Wine. Null: new items keep their folder's owner.
        /// </summary>
        public string? CreatorOwner { get; set; }

        /// <summary>A profile folder: the user owns it and has full control, with SYSTEM and Administrators.</summary>
        public static string Profile(string sid) => "O:" + sid + "D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;" + sid + ")";

        /// <summary>Sets the owner and DACL of a path (and, until declared otherwise, of what is below it).</summary>
        public void Declare(string path, string sddl)
        {
            lock (gate)
            {
                declared[Path.GetFullPath(path)] = sddl;
            }
        }

        /// <summary>
        /// Declared before it exists, as CreateDirectoryW with a security descriptor is one step: a run that finds the folder
        /// a moment later (two sessions at once) must never read the inherited, looser ACL.
        /// </summary>
        public void CreateFolder(string path, string sddl)
        {
            lock (gate)
            {
                if (Directory.Exists(path) || File.Exists(path))
                {
                    throw new IOException("Cannot create " + path + " because a file or folder with the same name already exists.");
                }

                declared[Path.GetFullPath(path)] = sddl;
                Directory.CreateDirectory(path);
            }
        }

        public void Protect(string path, string sddl)
        {
            ThrowIfLink(path);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new FileNotFoundException("Cannot set the owner and ACL of " + path + ": it does not exist.", path);
            }

            Declare(path, sddl);
        }

        public string ReadSddl(string path)
        {
            ThrowIfLink(path);
            var full = Path.GetFullPath(path);
            lock (gate)
            {
                for (var step = full; step != null; step = Path.GetDirectoryName(step))
                {
                    if (declared.TryGetValue(step, out var sddl))
                    {
                        return step == full || CreatorOwner == null ? sddl : Owner.Replace(sddl, "O:" + CreatorOwner);
                    }
                }
            }

            return AdministratorsOnly;
        }

        /// <summary>The descriptor and the bytes by path, after the same link check Windows' single handle makes.</summary>
        public StoredFile ReadFile(string path, long maximumBytes)
        {
            ThrowIfLink(path);
            if (Directory.Exists(path))
            {
                return new StoredFile(ReadSddl(path), true, 0, null);
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new FileNotFoundException(path + " does not exist.", path);
            }

            var sddl = ReadSddl(path);
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                var length = stream.Length;
                if (length > maximumBytes)
                {
                    return new StoredFile(sddl, false, length, null);
                }

                var content = new byte[length];
                var read = 0;
                int chunk;
                while (read < content.Length && (chunk = stream.Read(content, read, content.Length - read)) > 0)
                {
                    read += chunk;
                }

                Array.Resize(ref content, read);
                return new StoredFile(sddl, false, length, content);
            }
        }

        /// <summary>As Windows' port opens the path itself (FILE_FLAG_OPEN_REPARSE_POINT) and refuses a reparse point: a symbolic link
        /// on disk is refused, whatever it points to.</summary>
        private static void ThrowIfLink(string path)
        {
            FileSystemInfo item = new FileInfo(path);
            if (!item.Exists)
            {
                item = new DirectoryInfo(path);
            }

            if (item.Exists && (item.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                throw new Platform.LinkRefusedException(Path.GetFullPath(path));
            }
        }
    }
}
