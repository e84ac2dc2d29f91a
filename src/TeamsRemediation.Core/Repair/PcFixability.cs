using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The one rule of what a repair acts on, and rung 2's decision, "nothing the PC can fix". A problem is a Fail, or a
    /// Warning that names a remedy and is not the network team's (a VPN or proxy note never fails a repair): a Warning
    /// without a remedy gives a repair nothing to do, so it neither starts a repair nor keeps one from ending Fixed. The user
    /// (MFA, password, locked account) or the tenant admin (Conditional Access, disabled account, app registration) owns a
    /// problem outside the PC; when every problem is theirs, a repair would change this PC for nothing. No problem at all is
    /// not that case: that is a healthy PC.
    /// </summary>
    public static class PcFixability
    {
        /// <summary>
        /// A Fail, or a Warning with a remedy that is not the network team's, and not a value the diagnosis itself calls "not Teams"
        /// (<see cref="IsNotTeams"/>).
        /// </summary>
        public static bool IsProblem(TeamsCaa20002Finding finding) => finding != null && (finding.Status == FindingStatus.Fail
            || finding.Status == FindingStatus.Warning && finding.Remedy.Length > 0 && finding.Owner != FindingOwner.Network
                && !IsNotTeams(finding));

        /// <summary>
        /// A Warning about a setting the diagnosis says does not stop Teams: .NET Framework's TLS values (Tls.DotNet) matter to .NET
        /// apps and scripts, not to Teams. No repair is started for it by default (it would restart a fleet's PCs for nothing); it is
        /// repaired when asked (Repair-TeamsCaa20002 -IncludeDotNetTls, or Enable-Tls12).
        /// </summary>
        public static bool IsNotTeams(TeamsCaa20002Finding finding) => finding != null && finding.Status == FindingStatus.Warning
            && finding.CheckId == Diagnostics.CheckIds.TlsDotNet && finding.Remedy.Length > 0;

        /// <summary>The problems, in the order found.</summary>
        public static IReadOnlyList<TeamsCaa20002Finding> Problems(IEnumerable<TeamsCaa20002Finding> findings) =>
            NotNull(findings).Where(IsProblem).ToList();

        /// <summary>The problems, and with <paramref name="includeNotTeams"/> the "not Teams" warnings the caller asked to repair too.</summary>
        public static IReadOnlyList<TeamsCaa20002Finding> Problems(IEnumerable<TeamsCaa20002Finding> findings, bool includeNotTeams) =>
            NotNull(findings).Where(f => IsProblem(f) || includeNotTeams && IsNotTeams(f)).ToList();

        /// <summary>True when there is at least one problem and each is owned by the user or the tenant admin.</summary>
        public static bool NothingThePcCanFix(IEnumerable<TeamsCaa20002Finding> findings)
        {
            var problems = Problems(findings);
            return problems.Count > 0 && problems.All(IsOutsideThePc);
        }

        /// <summary>
        /// What the admin pack lists for the user or the tenant admin, in the order found: their problems, and their warnings
        /// without a remedy, which no repair acts on but which whoever looks the sign-in up may still need to see.
        /// </summary>
        public static IReadOnlyList<TeamsCaa20002Finding> OutsideThePc(IEnumerable<TeamsCaa20002Finding> findings) => NotNull(findings)
            .Where(f => f != null && (f.Status == FindingStatus.Fail || f.Status == FindingStatus.Warning) && IsOutsideThePc(f)).ToList();

        /// <summary>
        /// Owned by the user, the tenant admin or the PC's administrator (a device policy the module never changes): no repair on this
        /// PC changes it.
        /// </summary>
        public static bool IsOutsideThePc(TeamsCaa20002Finding finding) => IsOutsideThePc(finding.Owner);

        /// <summary>The owners no repair of this PC answers for.</summary>
        public static bool IsOutsideThePc(FindingOwner owner) =>
            owner == FindingOwner.User || owner == FindingOwner.TenantAdmin || owner == FindingOwner.DeviceAdmin;

        private static IEnumerable<TeamsCaa20002Finding> NotNull(IEnumerable<TeamsCaa20002Finding> findings) =>
            findings ?? throw new ArgumentNullException(nameof(findings));
    }
}
