using System.Collections.Generic;

namespace TeamsRemediation.Answers
{
    /// <summary>What <see cref="AnswerLedger.Read"/> found: the trusted records, the files it ignored, and why it read nothing.</summary>
    public sealed class AnswerLedgerReading
    {
        public AnswerLedgerReading(IReadOnlyList<AnswerRecord> records, IReadOnlyList<string> warnings, string? notRead)
        {
            Records = records;
            Warnings = warnings;
            NotRead = notRead;
        }

        public static AnswerLedgerReading Empty { get; } = new AnswerLedgerReading(new AnswerRecord[0], new string[0], null);

        /// <summary>Records only SYSTEM or the Administrators could have written, of this PC.</summary>
        public IReadOnlyList<AnswerRecord> Records { get; }

        /// <summary>One line per file left out (untrusted, unreadable, from another PC).</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>Why no record was read at all (this account may not read the folder); null when the folder was read.</summary>
        public string? NotRead { get; }
    }
}
