using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>Every file and link below a folder with its content hash (links by target), to prove a tree unchanged or restored byte for
    /// byte.</summary>
    public static class TreeSnapshot
    {
        public static SortedDictionary<string, string> Take(string root)
        {
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (!Directory.Exists(root))
            {
                return result;
            }

            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var folder = pending.Pop();
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
                {
                    var relative = Path.GetRelativePath(root, entry.FullName);
                    if (entry.LinkTarget != null)
                    {
                        result[relative] = "link -> " + entry.LinkTarget;
                    }
                    else if (entry is DirectoryInfo)
                    {
                        result[relative + "/"] = "dir";
                        pending.Push(entry.FullName);
                    }
                    else
                    {
                        result[relative] = Hash(entry.FullName);
                    }
                }
            }

            return result;
        }

        public static string Hash(string file)
        {
            using var sha = SHA256.Create();
            using var stream = File.OpenRead(file);
            return Convert.ToHexString(sha.ComputeHash(stream));
        }
    }
}
