using System;
using System.Globalization;

namespace TeamsRemediation.Answers
{
    /// <summary>Evidence of a code that a recorded change answered: the code, when it was last logged, and the change after it.</summary>
    public sealed class AnsweredSighting
    {
        public AnsweredSighting(string checkId, string code, int count, DateTime lastLoggedUtc, AnswerRecord record)
        {
            CheckId = checkId;
            Code = code;
            Count = count;
            LastLoggedUtc = lastLoggedUtc;
            Record = record;
        }

        /// <summary>The evidence check that read it (Evidence.AadEvents or Evidence.TeamsLogs).</summary>
        public string CheckId { get; }

        public string Code { get; }

        /// <summary>How many times it was logged before the change (in the window read).</summary>
        public int Count { get; }

        public DateTime LastLoggedUtc { get; }

        public AnswerRecord Record { get; }

        /// <summary>
        /// "CAA20002 (2x, last at 2026-12-07 09:12Z) answered by Repair-TeamsCaa20002 Cache/CacheLight at 2026-12-07 11:04Z, report ...".
        /// </summary>
        public string Describe() => Code + (Count > 1 ? " (" + Count + "x, last at " : " at ")
            + LastLoggedUtc.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) + (Count > 1 ? ")" : string.Empty)
            + " answered by " + Record.Describe();
    }
}
