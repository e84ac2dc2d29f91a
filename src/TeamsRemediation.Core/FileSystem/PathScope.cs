using System;
using System.IO;

namespace TeamsRemediation.FileSystem
{
    /// <summary>Whether one path lies inside a folder, the way Windows compares paths (case-insensitive, ".." resolved).</summary>
    public static class PathScope
    {
        public static bool IsSameOrInside(string path, string folder) =>
            IsSame(path, folder) || RelativeInside(path, folder) != null;

        public static bool IsSame(string path, string other) =>
            Normalize(path).Equals(Normalize(other), StringComparison.OrdinalIgnoreCase);

        /// <summary>The path below <paramref name="folder"/> (never empty), or null when it is the folder itself or outside it.</summary>
        public static string? RelativeInside(string path, string folder)
        {
            var full = Normalize(path);
            var root = Normalize(folder) + Path.DirectorySeparatorChar;
            return full.Length > root.Length && full.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? full.Substring(root.Length) : null;
        }

        private static string Normalize(string path) => Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
    }
}
