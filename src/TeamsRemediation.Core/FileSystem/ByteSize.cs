using System.Globalization;

namespace TeamsRemediation.FileSystem
{
    /// <summary>Sizes in text, the way the module's table views show them (one decimal, binary megabytes, invariant culture).</summary>
    public static class ByteSize
    {
        public static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture) + " MB";
    }
}
