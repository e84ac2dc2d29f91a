using System;
using System.Collections.Generic;
using System.IO;

namespace TeamsRemediation.FileSystem
{
    /// <summary>Whether one path lies inside a folder, the way Windows compares paths (case-insensitive, ".." resolved).</summary>
    public static class PathScope
    {
        public static bool IsSameOrInside(string path, string folder) =>
            IsSame(path, folder) || RelativeInside(path, folder) != null;

        /// <summary>The full path without a trailing separator, ".." resolved: what every comparison here compares.</summary>
        public static string Full(string path) => Normalize(path);

        public static bool IsSame(string path, string other) =>
            Normalize(path).Equals(Normalize(other), StringComparison.OrdinalIgnoreCase);

        /// <summary>The path below <paramref name="folder"/> (never empty), or null when it is the folder itself or outside it.</summary>
        public static string? RelativeInside(string path, string folder)
        {
            var full = Normalize(path);
            var root = Normalize(folder) + Path.DirectorySeparatorChar;
            return full.Length > root.Length && full.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? full.Substring(root.Length) : null;
        }

        /// <summary>
        /// Path.GetFullPath, except for a full path from <see cref="ExtendedLengthPath.Threshold"/> characters on: .NET Framework's
        /// GetFullPath refuses those, and a deep cache's backup and journal entries are that long. Such a path is resolved by its
        /// text as Windows resolves it: separators unified, "." dropped, ".." taking one folder off, never above the root. A journal entry
        /// is untrusted: its ".." must be resolved before any comparison, never left for the file system to interpret.
        /// </summary>
        private static string Normalize(string path)
        {
            var unprefixed = path.StartsWith(ExtendedLengthPath.UncPrefix, StringComparison.OrdinalIgnoreCase)
                ? @"\\" + path.Substring(ExtendedLengthPath.UncPrefix.Length)
                : path.StartsWith(ExtendedLengthPath.Prefix, StringComparison.Ordinal) ? path.Substring(ExtendedLengthPath.Prefix.Length) : path;
            var rootLength = path.Length < ExtendedLengthPath.Threshold ? 0 : FullPathRootLength(unprefixed);
            if (rootLength == 0)
            {
#pragma warning disable RS0030 // The seam itself: a path under the threshold is one .NET Framework's GetFullPath accepts.
                return Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
#pragma warning restore RS0030
            }

            var parts = new List<string>();
            foreach (var part in unprefixed.Substring(rootLength).Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "..")
                {
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                }
                else if (part != ".")
                {
                    parts.Add(part);
                }
            }

            var root = unprefixed.Substring(0, rootLength).Replace(Path.AltDirectorySeparatorChar, Path.DirectorySeparatorChar);
            return (root + string.Join(Path.DirectorySeparatorChar.ToString(), parts)).TrimEnd(Path.DirectorySeparatorChar);
        }

        private static readonly char[] Separators = { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };

        /// <summary>The length of "C:\", "\\server\share\" or (where it is the separator) "/"; 0 for a path that is not full.</summary>
        private static int FullPathRootLength(string path)
        {
            if (Path.DirectorySeparatorChar == '/')
            {
                return path.StartsWith("/", StringComparison.Ordinal) ? 1 : 0;
            }

            if (path.StartsWith(@"\\", StringComparison.Ordinal))
            {
                var server = path.IndexOf('\\', 2);
                var share = server < 0 ? -1 : path.IndexOf('\\', server + 1);
                return share < 0 ? 0 : share + 1;
            }

            if (path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/'))
            {
                return 3;
            }

            return 0;
        }
    }
}
