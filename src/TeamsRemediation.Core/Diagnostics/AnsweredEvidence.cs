using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Answers;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// The one rule of which evidence a change of the module has answered: a code whose cause this PC can fix, logged for a user no
    /// later than the newest trusted record of that cause for that user (or for the whole PC). Codes only the user or the tenant
    /// admin can answer, and codes of no known cause, are never answered by a change here. A code logged after the record counts.
    /// </summary>
    internal sealed class AnsweredEvidence
    {
        private readonly IReadOnlyList<AnswerRecord> records;

        public AnsweredEvidence(IReadOnlyList<AnswerRecord> records)
        {
            this.records = records;
        }

        public static AnsweredEvidence None { get; } = new AnsweredEvidence(new AnswerRecord[0]);

        /// <summary>The record that answered this code for this user, or null when the code still counts.</summary>
        public AnswerRecord? Answering(string userSid, CodeInfo? code, DateTime loggedUtc)
        {
            if (code == null || code.IsOutsideThePc || code.Cause == CodeCause.Unknown)
            {
                return null;
            }

            var newest = records.Where(r => r.Cause == code.Cause && r.Covers(userSid)).OrderByDescending(r => r.AnsweredUtc).FirstOrDefault();
            return newest != null && loggedUtc <= newest.AnsweredUtc ? newest : null;
        }
    }
}
