using System.Collections.Generic;
using TeamsRemediation.Codes;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Ports
{
    /// <summary>
    /// Rung 2, once <see cref="PcFixability.NothingThePcCanFix"/> holds, or after the climb for the problems it left to the user or the
    /// tenant admin: writes what the admin needs to look the failure up.
    /// </summary>
    public interface IAdminPack
    {
        /// <summary>
        /// Writes the pack (no token, no credential, no cookie) into the report folder; the outcome names it. A failure whose cause is
        /// one of <paramref name="repaired"/> (the causes this run's steps repaired) is not what is left, and stays out of it.
        /// </summary>
        RungOutcome Write(IReadOnlyList<TeamsCaa20002Finding> findings, IReadOnlyList<TargetUser> users, string? reportFolder,
            IReadOnlyCollection<CodeCause> repaired);
    }
}
