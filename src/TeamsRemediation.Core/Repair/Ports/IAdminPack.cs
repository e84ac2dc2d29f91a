using System.Collections.Generic;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Ports
{
    /// <summary>Rung 2: decides whether anything is the PC's to fix, and writes what the tenant admin needs to look the failure up.</summary>
    public interface IAdminPack
    {
        /// <summary>True when every failure is owned by the user or the tenant admin.</summary>
        bool NothingThePcCanFix(IReadOnlyList<TeamsCaa20002Finding> findings);

        /// <summary>Writes the pack (no token, no credential, no cookie) into the report folder; the outcome names it.</summary>
        RungOutcome Write(IReadOnlyList<TeamsCaa20002Finding> findings, IReadOnlyList<TargetUser> users, string? reportFolder);
    }
}
