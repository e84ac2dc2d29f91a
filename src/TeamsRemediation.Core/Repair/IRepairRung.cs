using System.Collections.Generic;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// One rung of Repair-TeamsCaa20002's ladder. A rung acts only where a finding of <see cref="RepairRun.Findings"/> calls for
    /// it, asks through <see cref="RepairRun.Approve"/> once per step with what it costs, lets its service make (and journal)
    /// the change, runs the rows that called for it again, and yields one result per step and user.
    /// </summary>
    internal interface IRepairRung
    {
        IEnumerable<TeamsRepairStep> Run(RepairRun run);
    }
}
