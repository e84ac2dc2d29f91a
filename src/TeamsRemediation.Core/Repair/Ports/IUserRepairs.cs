using TeamsRemediation.Hosting;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Ports
{
    /// <summary>
    /// Rungs 4 and 6 per user, run in the user's own session: the non-destructive account reset and the opt-in broker and app resets.
    /// The host is the approved step's: the service asks it before each change, and it answers for the step.
    /// </summary>
    public interface IUserRepairs
    {
        /// <summary>WAM overrides, broker registration, WAM sign-out for Teams, cached credentials.</summary>
        RungOutcome ResetAccount(TargetUser user, IRemediationHost host);

        /// <summary>Microsoft's CAA50021 repair: the broker's and CloudExperienceHost's TokenBroker\Accounts emptied, backed up; restart.</summary>
        RungOutcome RepairBroker(TargetUser user, IRemediationHost host);

        /// <summary>Reset-AppxPackage of new Teams for the user (personal settings of the app are lost).</summary>
        RungOutcome ResetApp(TargetUser user, IRemediationHost host);
    }
}
