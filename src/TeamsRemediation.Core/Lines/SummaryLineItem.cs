using System;
using System.Collections.Generic;
using System.Linq;

namespace TeamsRemediation.Lines
{
    /// <summary>
    /// One item of a <see cref="SummaryLine"/>: a check that is a problem (Status Fail or Warning), evidence a change answered (Status
    /// Answered), or a repair step (Status Step). Empty fields are empty strings, never null.
    /// </summary>
    public sealed class SummaryLineItem
    {
        /// <summary>The kinds of item: the first field of each.</summary>
        public const string Fail = "Fail", Warning = "Warning", Answered = "Answered", Step = "Step";

        public SummaryLineItem(string status, string checkId, string owner, string code, string user,
            IEnumerable<KeyValuePair<string, string>>? extra = null)
        {
            Status = status ?? string.Empty;
            CheckId = checkId ?? string.Empty;
            Owner = owner ?? string.Empty;
            Code = code ?? string.Empty;
            User = user ?? string.Empty;
            Extra = extra == null ? NoExtra : Kept(extra);
        }

        private static readonly IReadOnlyList<KeyValuePair<string, string>> NoExtra = new KeyValuePair<string, string>[0];

        /// <summary>Fail, Warning, Answered or Step.</summary>
        public string Status { get; }

        /// <summary>The check (Tls.WinHttp, Evidence.AadEvents), or for a step "Rung/Step" (Cache/CacheLight).</summary>
        public string CheckId { get; }

        /// <summary>Device, User, TenantAdmin or Network; empty when not known (an old line).</summary>
        public string Owner { get; }

        /// <summary>The code the item is about (CAA20002), or empty.</summary>
        public string Code { get; }

        /// <summary>DOMAIN\user, or empty for the machine.</summary>
        public string User { get; }

        /// <summary>
        /// Further named fields, in order: at (UTC, answered: when) and by (answered: which change) for Answered, status for Step. A reader
        /// ignores names it does not know.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> Extra { get; }

        /// <summary>The further fields that have a value, copied (a loop, not a query: a fleet's reader makes one item per finding).</summary>
        private static IReadOnlyList<KeyValuePair<string, string>> Kept(IEnumerable<KeyValuePair<string, string>> extra)
        {
            var kept = new List<KeyValuePair<string, string>>();
            foreach (var pair in extra)
            {
                if (pair.Value != null)
                {
                    kept.Add(pair);
                }
            }

            return kept.Count == 0 ? NoExtra : kept;
        }

        /// <summary>A named field, or empty.</summary>
        public string this[string name] => Extra.FirstOrDefault(e => e.Key == name).Value ?? string.Empty;

        public override bool Equals(object? obj) => obj is SummaryLineItem other && ToString() == other.ToString();

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

        /// <summary>The item as the line writes it.</summary>
        public override string ToString() => SummaryLineGrammar.Item(this);
    }
}
