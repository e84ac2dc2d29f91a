using System.Collections.Generic;

namespace TeamsRemediation.Cache
{
    /// <summary>Counts of one removal run, with the kept items and a bounded list of failures.</summary>
    public sealed class CacheRemovalTally
    {
        /// <summary>More failures than this are counted, not listed: a result must stay readable in an Intune console.</summary>
        public const int MaxListedFailures = 100;

        private readonly List<string> failed = new List<string>();
        private readonly List<string> preserved = new List<string>();

        public long FilesRemoved { get; internal set; }

        public long BytesFreed { get; internal set; }

        public long FailedCount { get; private set; }

        public IReadOnlyList<string> Failed => failed;

        public IReadOnlyList<string> Preserved => preserved;

        internal void AddFailure(string path, string reason)
        {
            FailedCount++;
            if (failed.Count < MaxListedFailures)
            {
                failed.Add(path + ": " + reason);
            }
        }

        internal void AddPreserved(string relativePath) => preserved.Add(relativePath);

        /// <summary>The listed failures, plus a last line for the ones only counted.</summary>
        public string[] FailedForReport()
        {
            var list = new List<string>(failed);
            if (FailedCount > failed.Count)
            {
                list.Add("... and " + (FailedCount - failed.Count) + " more.");
            }

            return list.ToArray();
        }
    }
}
