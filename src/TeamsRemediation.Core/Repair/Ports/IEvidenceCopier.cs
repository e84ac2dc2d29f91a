using System;
using System.Collections.Generic;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Ports
{
    /// <summary>Rung 1: copies what a repair may destroy into this run's protected report folder (ReportPath of the outcome).</summary>
    public interface IEvidenceCopier
    {
        /// <summary>What a copy would take, in words, without copying ("the Teams logs of CONTOSO\alice, 1 WebLogs zip, 3 events").</summary>
        string Describe(IReadOnlyList<TargetUser> users, TimeSpan since);

        RungOutcome Copy(IReadOnlyList<TargetUser> users, TimeSpan since);
    }
}
