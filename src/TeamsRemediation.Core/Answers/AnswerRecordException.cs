using System;
using TeamsRemediation.Errors;

namespace TeamsRemediation.Answers
{
    /// <summary>
    /// The answered-evidence record of a change could not be written, so the change was not made (write-ahead, like the journal).
    /// Not an IOException on purpose: code that counts a locked file as one failed item must not swallow it and change on.
    /// </summary>
    public sealed class AnswerRecordException : Exception
    {
        public AnswerRecordException(string path, Exception inner)
            : base(inner.Message, inner)
        {
            Error = ModuleErrors.AnswerRecordFailed(path, inner);
        }

        /// <summary>What the cmdlet reports.</summary>
        public ModuleError Error { get; }
    }
}
