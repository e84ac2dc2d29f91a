using System.IO;

namespace TeamsRemediation.Hives
{
    /// <summary>
    /// A registry hive file that is there but was not read: damaged, too large, or with changes Windows has not yet written into
    /// it. The only exception <see cref="HiveFile"/> lets out, whatever the bytes are; an IOException, so callers that already treat
    /// an unreadable file as "could not read" treat this one alike and can show <see cref="Reason"/>.
    /// </summary>
    public sealed class HiveNotReadableException : IOException
    {
        public HiveNotReadableException(string reason)
            : base("The registry hive file was not read: " + reason)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }
}
