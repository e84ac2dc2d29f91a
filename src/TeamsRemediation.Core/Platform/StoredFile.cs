namespace TeamsRemediation.Platform
{
    /// <summary>
    /// A small file read for a trust decision through one handle on the file itself: its owner and DACL, its size and (when it
    /// is a file within the bound) its bytes all come from the same object, so nothing can be swapped in between the check of
    /// who wrote it and the read of what it says.
    /// </summary>
    public sealed class StoredFile
    {
        public StoredFile(string sddl, bool isDirectory, long length, byte[]? content)
        {
            Sddl = sddl;
            IsDirectory = isDirectory;
            Length = length;
            Content = content;
        }

        /// <summary>Owner and DACL as SDDL.</summary>
        public string Sddl { get; }

        public bool IsDirectory { get; }

        public long Length { get; }

        /// <summary>The bytes; null for a folder or a file longer than the caller's bound (nothing of it is read then).</summary>
        public byte[]? Content { get; }
    }
}
