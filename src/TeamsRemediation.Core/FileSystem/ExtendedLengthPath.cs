using System;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// Win32 extended-length paths ("Maximum Path Length Limitation", Windows docs): a full path prefixed with \\?\ (\\?\UNC\ for
    /// \\server\share) reaches up to 32,767 characters in the Unicode file functions, with no opt-in by the process. Without it,
    /// a path of MAX_PATH (260) characters or more fails in Windows PowerShell 5.1, whose .NET Framework host never opted in to
    /// long paths; new Teams' WebView2 cache (LocalCache\Microsoft\MSTeams\EBWebView\WV2Profile_tfw\Service Worker\CacheStorage\
    /// &lt;hash&gt;\&lt;guid&gt;...) reaches that in a long profile path. The prefix also turns off the name normalization of the
    /// Windows API, so only full, already-normalized paths are given one.
    /// </summary>
    public static class ExtendedLengthPath
    {
        public const string Prefix = @"\\?\";
        public const string UncPrefix = @"\\?\UNC\";

        /// <summary>
        /// Paths from this length on get the prefix: a folder's own path must leave room for an 8.3 name (MAX_PATH - 12, as
        /// CreateDirectory requires), and a file inside must stay under MAX_PATH with its terminating NUL.
        /// </summary>
        public const int Threshold = 260 - 12;

        /// <summary>The path as the Unicode Win32 file functions take it: prefixed when long, unchanged when short or already prefixed.</summary>
        public static string For(string fullPath)
        {
            if (fullPath.Length < Threshold || fullPath.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return fullPath;
            }

            if (fullPath.StartsWith(@"\\", StringComparison.Ordinal))
            {
                return UncPrefix + fullPath.Substring(2);
            }

            if (fullPath.Length >= 3 && char.IsLetter(fullPath[0]) && fullPath[1] == ':' && fullPath[2] == '\\')
            {
                return Prefix + fullPath;
            }

            throw new ArgumentException("Only a full path (C:\\... or \\\\server\\share\\...) can be made an extended-length path: " + fullPath,
                nameof(fullPath));
        }

        /// <summary>
        /// The folder a full path is in, by its text: Path.GetDirectoryName of .NET Framework refuses a path of MAX_PATH characters,
        /// however deep the path is that asks. Both separators count, as in System.IO.
        /// </summary>
        public static string ParentOf(string fullPath)
        {
            var trimmed = fullPath.TrimEnd('\\', '/');
            var cut = trimmed.LastIndexOfAny(new[] { '\\', '/' });
            if (cut < 0)
            {
                throw new ArgumentException("A full path is needed to find its folder: " + fullPath, nameof(fullPath));
            }

            // A root keeps its separator: "C:\" and "/", not "C:" (the current folder of drive C) or "".
            return cut == 0 || trimmed[cut - 1] == ':' ? trimmed.Substring(0, cut + 1) : trimmed.Substring(0, cut);
        }

        /// <summary>\\server\share\... or \\?\UNC\server\share\...: a folder on another computer.</summary>
        public static bool IsUnc(string path) =>
            path.StartsWith(UncPrefix, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(@"\\", StringComparison.Ordinal) && !path.StartsWith(Prefix, StringComparison.Ordinal)
            && !path.StartsWith(@"\\.\", StringComparison.Ordinal);
    }
}
