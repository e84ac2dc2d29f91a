using System;
using System.Globalization;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// The name of one bridge run, shared by its task ("\TeamsRemediation-UserBridge-...") and its result folder. It
    /// carries the UTC start, so a later run can tell a leftover of a run that died (older than any run may last)
    /// from the task of a run still going on beside it.
    /// </summary>
    public sealed class BridgeTaskName
    {
        public const string Prefix = "TeamsRemediation-UserBridge-";
        private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

        private BridgeTaskName(string name, DateTimeOffset startedAt)
        {
            Name = name;
            StartedAt = startedAt;
        }

        /// <summary>The bare name, also the result folder's name.</summary>
        public string Name { get; }

        /// <summary>The task's path in the root task folder.</summary>
        public string TaskPath => "\\" + Name;

        public DateTimeOffset StartedAt { get; }

        public static BridgeTaskName Create(DateTimeOffset startedAt, string runId, int sessionId)
        {
            var utc = startedAt.ToUniversalTime();
            var name = Prefix + utc.ToString(TimeFormat, CultureInfo.InvariantCulture) + "-" + runId + "-s"
                + sessionId.ToString(CultureInfo.InvariantCulture);
            return new BridgeTaskName(name, new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero));
        }

        /// <summary>Reads a task or folder name back; null when it is not one of the bridge's (or its time is damaged).</summary>
        public static BridgeTaskName? TryParse(string name)
        {
            var bare = (name ?? string.Empty).TrimStart('\\');
            if (!bare.StartsWith(Prefix, StringComparison.Ordinal) || bare.Length < Prefix.Length + 16)
            {
                return null;
            }

            var time = bare.Substring(Prefix.Length, 16);
            return DateTimeOffset.TryParseExact(time, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
                ? new BridgeTaskName(bare, started.ToUniversalTime())
                : null;
        }
    }
}
