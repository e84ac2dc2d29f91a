using System;
using System.Collections.Generic;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Runs the given checks again for these users. <paramref name="evidenceWindow"/> is how far back evidence counts:
    /// after a repair, only errors logged since the repair speak about the repaired state.
    /// </summary>
    public delegate IReadOnlyList<TeamsCaa20002Finding> Recheck(ISet<string> checkIds, IReadOnlyList<TargetUser> users, TimeSpan evidenceWindow);
}
