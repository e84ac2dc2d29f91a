using System;
using TeamsRemediation.Errors;

namespace TeamsRemediation.Journal
{
    /// <summary>A journal Undo will not act on (unknown operation, an entry outside its scope, untrusted storage); nothing was changed.</summary>
    public sealed class JournalRefusedException : Exception
    {
        public JournalRefusedException(ModuleError error)
            : base(error.Message)
        {
            Error = error;
        }

        public ModuleError Error { get; }
    }
}
