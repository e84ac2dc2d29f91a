using System;
using System.Collections.Generic;
using System.Globalization;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Microsoft's PRT troubleshooting rules ("Troubleshoot primary refresh token issues on Windows devices", entra-docs, ms.date
    /// 02/23/2026) applied to one user's dsregcmd SSO State: Windows refreshes the PRT once every four hours, so an
    /// AzureAdPrtUpdateTime more than four hours old means something prevents the refresh; the Attempt Status of the last failed
    /// request and the server's error code name the cause, its owner and the fix (<see cref="CloudApStatuses"/>, <see cref="CodeCatalog"/>).
    /// </summary>
    internal static class PrtHealth
    {
        /// <summary>How often Windows refreshes the PRT (on lock, unlock or sign-in): older than this, a refresh was missed.</summary>
        public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(4);

        private const string ForceRefresh = "Lock and unlock Windows with the user's current password to force a refresh, then check that "
            + "AzureAdPrtUpdateTime moved (dsregcmd /status as the user).";

        /// <summary>How long ago the PRT was last refreshed when that is more than four hours, else null (fresh, or no readable time).</summary>
        public static TimeSpan? StaleBy(DsregStatus status, DateTime utcNow)
        {
            var updated = status.PrtUpdateUtc;
            if (updated == null)
            {
                return null;
            }

            var age = utcNow - updated.Value;
            return age > RefreshInterval ? age : (TimeSpan?)null;
        }

        /// <summary>The evidence lines of the last failed attempt: its fields and, when known, Microsoft's cause for its status and code.</summary>
        public static IEnumerable<string> AttemptEvidence(PrtAttempt? attempt)
        {
            if (attempt == null)
            {
                yield break;
            }

            var status = attempt.Status;
            yield return "Attempt Status: " + attempt.AttemptStatus + (status == null ? " (not in Microsoft's PRT troubleshooting table)"
                : " = " + status.Name + ": " + status.Cause);
            if (attempt.AttemptedUtc is DateTime at)
            {
                yield return "Previous Prt Attempt: " + at.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }

            // The shared-device caveat is Microsoft's: the attempt shown may be another user's, so the UPN it was for is always shown.
            foreach (var (name, value) in new[]
            {
                ("User Identity", attempt.UserIdentity), ("Credential Type", attempt.CredentialType), ("Correlation ID", attempt.CorrelationId),
                ("Endpoint URI", attempt.EndpointUri), ("HTTP Method", attempt.HttpMethod), ("HTTP Error", attempt.HttpError),
            })
            {
                if (value.Length > 0)
                {
                    yield return name + ": " + value;
                }
            }
        }

        /// <summary>
        /// The finding for a PRT that is present but was not refreshed for more than four hours: a Warning (single sign-on still works
        /// until the PRT expires), owned by whoever the last failed attempt points at, or the device when none was printed.
        /// </summary>
        public static TeamsCaa20002Finding Stale(FindingFactory findings, Targets.TargetUser user, DsregStatus status, TimeSpan age,
            List<string> evidence)
        {
            var attempt = status.LastPrtAttempt;
            var diagnosis = attempt?.Diagnosis();
            var summary = "The user's primary refresh token was last refreshed " + TimeInWords.Of(age) + " ago; Windows refreshes it every "
                + "4 hours, so something prevents the refresh" + (diagnosis == null ? "." : " (" + diagnosis.Value.Cause + ").");
            if (diagnosis == null)
            {
                return findings.Make(CheckIds.AccountPrt, user, FindingStatus.Warning, summary, evidence, ForceRefresh);
            }

            var owner = diagnosis.Value.Owner;
            var remedy = owner == FindingOwner.Device ? ForceRefresh + " " + diagnosis.Value.Remedy : diagnosis.Value.Remedy;
            return findings.Make(CheckIds.AccountPrt, user, FindingStatus.Warning, summary, evidence, remedy.Trim(), owner);
        }

        /// <summary>
        /// The finding for no PRT on a joined device when the last attempt's status or code names a cause outside the device's own
        /// state (the network, the user, the tenant); null when it names none, and the PRT table's own outcome stands.
        /// </summary>
        public static TeamsCaa20002Finding? AbsentWithCause(FindingFactory findings, Targets.TargetUser user, PrtAttempt? attempt, string summary,
            List<string> evidence)
        {
            var diagnosis = attempt?.Diagnosis();
            if (diagnosis == null || diagnosis.Value.Owner == FindingOwner.Device)
            {
                return null;
            }

            var (owner, cause, remedy) = diagnosis.Value;
            var text = summary.TrimEnd('.') + ": " + cause + ".";

            // The network's problem still breaks sign-in on this PC (Fail); the user's or the tenant's is theirs to fix (Warning, no device remedy).
            var outcome = owner == FindingOwner.Network ? FindingStatus.Fail : FindingStatus.Warning;
            return findings.Make(CheckIds.AccountPrt, user, outcome, text, evidence, remedy, owner);
        }
    }
}
