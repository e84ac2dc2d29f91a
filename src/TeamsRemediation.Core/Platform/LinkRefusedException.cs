using System.IO;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// The path names a junction, a symbolic link or another reparse point where the caller trusts only a real file or folder:
    /// the storage port looked at the link itself (never where it points) and refused it.
    /// </summary>
    public sealed class LinkRefusedException : IOException
    {
        public LinkRefusedException(string path)
            : base(path + " is a junction or symbolic link; it was not followed.")
        {
            Path = path;
        }

        public string Path { get; }
    }
}
