using System.Collections.Generic;

namespace TeamsRemediation.Journal
{
    /// <summary>A journal as read back: the operation it claims to come from and its entries, oldest first. Untrusted until checked.</summary>
    public sealed class JournalDocument
    {
        public JournalDocument(string operation, IReadOnlyList<JournalEntry> entries)
        {
            Operation = operation;
            Entries = entries;
        }

        public string Operation { get; }

        public IReadOnlyList<JournalEntry> Entries { get; }
    }
}
