using System;
using TeamsRemediation.Errors;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// The journal of a changing run could not be written (or its folder is not safe to write to), so the change it
    /// was to record was not made. Not an IOException on purpose: code that counts a locked file as one failed item
    /// must not swallow it and go on changing things that can no longer be recorded.
    /// </summary>
    public sealed class JournalWriteException : Exception
    {
        public JournalWriteException(string journalPath, Exception inner)
            : this(ModuleErrors.JournalWriteFailed(journalPath, inner), inner)
        {
        }

        public JournalWriteException(ModuleError error, Exception? inner = null)
            : base(error.Message, inner)
        {
            Error = error;
        }

        /// <summary>What the cmdlet reports.</summary>
        public ModuleError Error { get; }
    }
}
