using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Text;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// The TPM that holds the device and PRT keys: a dictionary-attack lockout (the TPM's own state now, TPM-WMI event 1026 in the
    /// System log within the period) or TPM and key-store errors in the users' evidence. Reported for the device, never changed:
    /// resetting a lockout needs the owner authorization and can be tried once (Win32_Tpm ResetAuthLockOut), a decision for a person,
    /// not a script. The TPM's state and the log stand in for each other: either one readable is enough for a verdict.
    /// </summary>
    internal sealed class TpmChecks
    {
        private const int MaxEvents = 3;

        private const string Remedy = "Leave the TPM alone until the lockout heals (Windows lifts it after the TPM's lockout period), or "
            + "have the device admin reset it once with the owner authorization (Windows Security > Device security > Security processor "
            + "troubleshooting, or Win32_Tpm ResetAuthLockOut); then lock and unlock Windows so a new token is requested. Not changed by "
            + "this module.";

        private readonly FindingFactory findings;

        public TpmChecks(FindingFactory findings)
        {
            this.findings = findings;
        }

        public TeamsCaa20002Finding Tpm(EventQueryResult lockouts, TpmLockoutState state, IReadOnlyList<string> userEvidence,
            System.TimeSpan window)
        {
            var evidence = new List<string> { state.Describe() };
            var codes = userEvidence.SelectMany(TpmCodes.Extract).Distinct().ToList();
            evidence.AddRange(codes.Select(c => "in the users' sign-in evidence: " + TpmCodes.Describe(c)));
            if (lockouts.Succeeded)
            {
                evidence.AddRange(lockouts.Events.Take(MaxEvents).Select(e => e.TimeCreated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'",
                    CultureInfo.InvariantCulture) + " System event 1026 (TPM-WMI): " + FirstLine(e.Message)));
                if (lockouts.Events.Count > MaxEvents)
                {
                    evidence.Add(Wording.Count(lockouts.Events.Count - MaxEvents, "older lockout event") + " not listed.");
                }
            }
            else
            {
                evidence.Add("System log: " + lockouts.Error);
            }

            var period = TimeInWords.Last(window);
            if (state.Outcome == TpmStateRead.Read && state.InLockout)
            {
                return findings.Make(CheckIds.AccountTpm, null, FindingStatus.Fail, "The TPM is in dictionary-attack lockout now ("
                    + Wording.Count(state.FailedTries, "failed authorization") + " counted"
                    + (state.MaxTries > 0 ? " of " + state.MaxTries : string.Empty)
                    + "): Windows cannot use the TPM-bound device and token keys while it lasts, so no new PRT is issued.", evidence, Remedy);
            }

            if (lockouts.Succeeded && lockouts.Events.Count > 0)
            {
                return findings.Make(CheckIds.AccountTpm, null, FindingStatus.Fail, "The TPM went into dictionary-attack lockout "
                    + Wording.Count(lockouts.Events.Count, "time") + " in " + period + " (TPM-WMI event 1026): Windows cannot use the TPM-bound "
                    + "device and token keys while it lasts, so no new PRT is issued.", evidence, Remedy);
            }

            if (codes.Count > 0)
            {
                return findings.Make(CheckIds.AccountTpm, null, FindingStatus.Warning, "The sign-in evidence names TPM or key-store errors ("
                    + string.Join(", ", codes) + "): the device or token key in the TPM could not be used.", evidence,
                    "Have the device admin check the TPM (tpm.msc or Get-Tpm: TpmReady, LockedOut) and its firmware; a key that is gone "
                        + "needs the work account added again (or the device rejoined). Not changed by this module.");
            }

            // Without the log only a TPM that answered gives a verdict: no TPM 2.0 found may still be a TPM 1.2, which is not asked.
            if (!lockouts.Succeeded && state.Outcome != TpmStateRead.Read)
            {
                return findings.Skipped(CheckIds.AccountTpm, null, lockouts.Error + " " + state.Describe(), evidence);
            }

            if (!lockouts.Succeeded)
            {
                return findings.Make(CheckIds.AccountTpm, null, FindingStatus.Pass, "The TPM is not in lockout now and no TPM error is in the "
                    + "sign-in evidence; the System log could not be read for lockouts earlier in " + period + ".", evidence);
            }

            return findings.Make(CheckIds.AccountTpm, null, FindingStatus.Pass, "No TPM lockout (event 1026) in " + period
                + " and no TPM error in the sign-in evidence" + (state.Outcome == TpmStateRead.Read ? "; the TPM is not in lockout now."
                    : state.Outcome == TpmStateRead.NoTpm ? "; no TPM 2.0 was found to ask."
                    : "; the TPM's own lockout state could not be read (" + state.Reason.TrimEnd('.') + ")."), evidence);
        }

        private static string FirstLine(string text)
        {
            var line = (text ?? string.Empty).Trim().Split('\n')[0].Trim();
            return line.Length > 200 ? line.Substring(0, 200) : line;
        }
    }
}
