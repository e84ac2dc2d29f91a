using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Rung 2's decision, "nothing the PC can fix": every problem the diagnosis found is owned by the user (MFA,
    /// password, locked account) or the tenant admin (Conditional Access, disabled account, app registration), so a repair
    /// would change this PC for nothing. A problem is a Fail, or a Warning that names the user or the admin (the evidence
    /// checks report codes outside the PC as warnings, never as failures of the PC). No problem at all is not this case:
    /// that is a healthy PC.
    /// </summary>
    public static class PcFixability
    {
        /// <summary>True when there is at least one problem and each is owned by the user or the tenant admin.</summary>
        public static bool NothingThePcCanFix(IEnumerable<TeamsCaa20002Finding> findings)
        {
            var problems = Problems(findings).ToList();
            return problems.Count > 0 && problems.All(IsOutsideThePc);
        }

        /// <summary>The problems only the user or the tenant admin can fix, in the order found.</summary>
        public static IReadOnlyList<TeamsCaa20002Finding> OutsideThePc(IEnumerable<TeamsCaa20002Finding> findings) =>
            Problems(findings).Where(IsOutsideThePc).ToList();

        /// <summary>Fails, and warnings that name the user or the tenant admin.</summary>
        public static IEnumerable<TeamsCaa20002Finding> Problems(IEnumerable<TeamsCaa20002Finding> findings)
        {
            if (findings is null)
            {
                throw new ArgumentNullException(nameof(findings));
            }

            return findings.Where(f => f != null && (f.Status == FindingStatus.Fail || f.Status == FindingStatus.Warning && IsOutsideThePc(f)));
        }

        private static bool IsOutsideThePc(TeamsCaa20002Finding finding) =>
            finding.Owner == FindingOwner.User || finding.Owner == FindingOwner.TenantAdmin;
    }
}
