using System.Globalization;

namespace TeamsRemediation.FileSystem
{
    /// <summary>Sizes in text, the way the module's table views show them (one decimal, binary megabytes, invariant culture).</summary>
    public static class ByteSize
    {
        /// <summary>"48.0 MB"; a few bytes are "less than 0.1 MB", never "0.0 MB", which reads as nothing there.</summary>
        public static string Megabytes(long bytes) => bytes > 0 && bytes < 52429 ? "less than 0.1 MB"
            : (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture) + " MB";

        /// <summary>Whole kilobytes, or the bytes below one: a small file read whole is never "0 KB", which reads as nothing read.</summary>
        public static string Kilobytes(long bytes) => bytes >= 1024 ? (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB"
            : bytes.ToString(CultureInfo.InvariantCulture) + (bytes == 1 ? " byte" : " bytes");
    }
}
