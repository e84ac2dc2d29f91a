using System;
using System.IO;

namespace TeamsRemediation.Journal
{
    /// <summary>The journal of a changing run could not be written; the write it was to record was taken back.</summary>
    public sealed class JournalWriteException : IOException
    {
        public JournalWriteException(string journalPath, Exception inner)
            : base(inner.Message, inner)
        {
            JournalPath = journalPath;
        }

        public string JournalPath { get; }
    }
}
