using System;
using System.Linq;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// What the tenant admin needs to find this PC's Teams sign-in failures in the Entra sign-in logs: the UTC time,
    /// correlation id and request id of each failure, the AADSTS codes with their meaning, the tenant, the device and its
    /// join type, the user principals as dsregcmd and the events show them, and the Teams client versions. Built from
    /// identifiers, codes and times only: no token, credential or cookie can be in it. Flat, so it survives
    /// Invoke-Command and Export-Clixml.
    /// </summary>
    public sealed class AdminPack
    {
        public string ComputerName { get; internal set; } = string.Empty;

        /// <summary>When the pack was made (UTC).</summary>
        public DateTime CreatedUtc { get; internal set; }

        /// <summary>The period the failures were read from, in hours.</summary>
        public double PeriodHours { get; internal set; }

        /// <summary>The Entra tenant id (dsregcmd Tenant Details).</summary>
        public string TenantId { get; internal set; } = string.Empty;

        public string TenantName { get; internal set; } = string.Empty;

        /// <summary>The Entra device id (dsregcmd Device Details): the sign-in log's Device ID.</summary>
        public string DeviceId { get; internal set; } = string.Empty;

        /// <summary>Entra joined, Hybrid Entra joined, Domain joined only, Not joined.</summary>
        public string JoinType { get; internal set; } = string.Empty;

        /// <summary>User principal names as dsregcmd ("User Identity") and the events show them.</summary>
        public string[] UserPrincipals { get; internal set; } = new string[0];

        /// <summary>"CONTOSO\alice: New 25122.1415.3698.6812" per installed client.</summary>
        public string[] ClientVersions { get; internal set; } = new string[0];

        /// <summary>One line per failure, oldest first: time, user, error, AADSTS code, correlation id, request id.</summary>
        public string[] Failures => FailureRecords.Select(f => f.ToString()).ToArray();

        /// <summary>The failures field by field, for the text file; not a pipeline property, so the pack stays flat.</summary>
        internal AdminPackFailure[] FailureRecords { get; set; } = new AdminPackFailure[0];

        public string[] CorrelationIds { get; internal set; } = new string[0];

        public string[] RequestIds { get; internal set; } = new string[0];

        /// <summary>"AADSTS50076: multi-factor authentication required", each code once.</summary>
        public string[] Codes { get; internal set; } = new string[0];

        /// <summary>Every problem found is the user's or the tenant admin's: the repair changes nothing on this PC.</summary>
        public bool NothingThePcCanFix { get; internal set; }

        /// <summary>
        /// What the findings owned by the user or the admin say, one line each ("TenantAdmin Evidence.AadEvents CONTOSO\alice: ...").
        /// </summary>
        public string[] OutsideThePc { get; internal set; } = new string[0];

        /// <summary>What could not be read (dsregcmd, the event log), so an empty field is explained.</summary>
        public string[] Notes { get; internal set; } = new string[0];

        /// <summary>The text file written for the admin; empty until written.</summary>
        public string FilePath { get; internal set; } = string.Empty;

        public override string ToString() => "Admin pack of " + ComputerName + ": " + Text.Wording.Count(Failures.Length, "failure") + ", tenant "
            + (TenantId.Length > 0 ? TenantId : "unknown") + (FilePath.Length > 0 ? ", " + FilePath : string.Empty);
    }
}
