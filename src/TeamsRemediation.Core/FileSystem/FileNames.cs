using System.IO;
using System.Linq;

namespace TeamsRemediation.FileSystem
{
    /// <summary>Text made safe to use as one file or folder name.</summary>
    public static class FileNames
    {
        private static readonly char[] Invalid = Path.GetInvalidFileNameChars().Concat(new[] { '\\', '/', ':' }).ToArray();

        /// <summary>Every character Windows or this OS refuses in a name, and every path separator, becomes '_' (DOMAIN\user: DOMAIN_user).</summary>
        public static string Safe(string name) => new string(name.Select(c => Invalid.Contains(c) ? '_' : c).ToArray());
    }
}
