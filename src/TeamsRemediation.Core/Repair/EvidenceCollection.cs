using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Text;

namespace TeamsRemediation.Repair
{
    /// <summary>Why a piece of evidence was not copied.</summary>
    public enum EvidenceSkipReason
    {
        /// <summary>A junction or symbolic link on the way to it, or it is one: never followed.</summary>
        Link,

        /// <summary>An archive larger than the limit for one file (a log is cut to its newest part instead).</summary>
        TooLarge,

        /// <summary>The run's byte or file budget was spent on newer evidence.</summary>
        BudgetSpent,

        /// <summary>It could not be read (locked, denied, gone meanwhile).</summary>
        Unreadable,

        /// <summary>The event log could not be read.</summary>
        EventLogUnreadable,
    }

    /// <summary>One file copied into the report folder.</summary>
    public sealed class EvidenceFile
    {
        public EvidenceFile(string userSid, string source, string destination, long bytes, bool truncated, int valuesRemoved,
            int entriesLeftOut)
        {
            ValuesRemoved = valuesRemoved;
            EntriesLeftOut = entriesLeftOut;
            UserSid = userSid;
            Source = source;
            Destination = destination;
            Bytes = bytes;
            Truncated = truncated;
        }

        /// <summary>The user whose evidence it is; empty for the events file, which holds every target user's events.</summary>
        public string UserSid { get; }

        public string Source { get; }

        public string Destination { get; }

        public long Bytes { get; }

        /// <summary>Only the newest part of a log longer than the limit for one file was copied.</summary>
        public bool Truncated { get; }

        /// <summary>Values that could be secrets (tokens, cookies, passwords) replaced by <see cref="SecretText.Removed"/> in the copy.</summary>
        public int ValuesRemoved { get; }

        /// <summary>Entries of a collected-log zip not copied because they are not text (so not redactable) or past the byte cap.</summary>
        public int EntriesLeftOut { get; }

        public override string ToString() => Source + " -> " + Destination + " (" + Bytes + " bytes" + (Truncated ? ", newest part" : string.Empty)
            + ", " + Wording.Count(ValuesRemoved, "value") + " redacted"
            + (EntriesLeftOut > 0 ? ", " + Wording.Count(EntriesLeftOut, "zip entry", "zip entries") + " left out" : string.Empty)
            + ")";
    }

    /// <summary>One piece of evidence left where it was, and why.</summary>
    public sealed class EvidenceSkip
    {
        public EvidenceSkip(string userSid, string source, EvidenceSkipReason reason, string detail)
        {
            UserSid = userSid;
            Source = source;
            Reason = reason;
            Detail = detail;
        }

        public string UserSid { get; }

        public string Source { get; }

        public EvidenceSkipReason Reason { get; }

        /// <summary>One sentence for the admin.</summary>
        public string Detail { get; }

        public override string ToString() => Source + ": " + Reason + " (" + Detail + ")";
    }

    /// <summary>What rung 1 kept before any change: where, which files, how many bytes, what was left and why.</summary>
    public sealed class EvidenceCollection
    {
        public EvidenceCollection(string folder, IReadOnlyList<EvidenceFile> files, IReadOnlyList<EvidenceSkip> skipped, int eventCount)
        {
            Folder = folder;
            Files = files;
            Skipped = skipped;
            EventCount = eventCount;
        }

        /// <summary>The report folder of the run; the copies are below its Evidence folder.</summary>
        public string Folder { get; }

        public IReadOnlyList<EvidenceFile> Files { get; }

        public IReadOnlyList<EvidenceSkip> Skipped { get; }

        /// <summary>Events 1098 of the target users written to the events file.</summary>
        public int EventCount { get; }

        public long Bytes => Files.Sum(f => f.Bytes);

        /// <summary>Values that could be secrets replaced in every copy together (logs, zips, the events file).</summary>
        public int ValuesRemoved => Files.Sum(f => f.ValuesRemoved);

        /// <summary>One line for a rung result: "3 files, 2 MB and 1 event kept in ..., redacted: 4 values ...; 1 left: ...".</summary>
        public override string ToString() => Wording.Count(Files.Count, "file") + ", " + FileSystem.ByteSize.Megabytes(Bytes) + " and "
            + Wording.Count(EventCount, "event") + " kept in " + Folder + ", redacted: " + Wording.Count(ValuesRemoved, "value")
            + " that could be tokens, cookies or passwords replaced by " + SecretText.Removed + (Files.Any(f => f.EntriesLeftOut > 0)
                ? ", " + Wording.Count(Files.Sum(f => f.EntriesLeftOut), "zip entry", "zip entries")
                + " left out (not text, or past the size cap)" : string.Empty)
            + (Skipped.Count > 0 ? "; " + Skipped.Count + " left: " + string.Join("; ", Skipped) : string.Empty);
    }
}
