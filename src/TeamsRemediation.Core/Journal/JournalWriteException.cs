using System;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// The journal of a changing run could not be written, so the change it was to record was not made. Not an
    /// IOException on purpose: code that counts a locked file as one failed item must not swallow it and go on
    /// changing things that can no longer be recorded.
    /// </summary>
    public sealed class JournalWriteException : Exception
    {
        public JournalWriteException(string journalPath, Exception inner)
            : base(inner.Message, inner)
        {
            JournalPath = journalPath;
        }

        public string JournalPath { get; }
    }
}
