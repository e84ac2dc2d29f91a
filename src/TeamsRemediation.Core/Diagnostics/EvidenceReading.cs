using System.Collections.Generic;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// What an evidence check read: its finding, and the codes it saw that this PC can fix, which later checks
    /// (the cache check) weigh. A value, computed before the checks that use it.
    /// </summary>
    internal sealed class EvidenceReading
    {
        public EvidenceReading(TeamsCaa20002Finding finding, IReadOnlyList<CodeInfo> codesHere)
        {
            Finding = finding;
            CodesHere = codesHere;
        }

        public TeamsCaa20002Finding Finding { get; }

        /// <summary>Codes seen in the evidence that point at this PC (not at the user or the tenant), in the order seen.</summary>
        public IReadOnlyList<CodeInfo> CodesHere { get; }

        public static EvidenceReading NoCodes(TeamsCaa20002Finding finding) => new EvidenceReading(finding, new CodeInfo[0]);
    }
}
