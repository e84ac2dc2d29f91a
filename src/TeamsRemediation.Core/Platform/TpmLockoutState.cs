using System.Globalization;
using TeamsRemediation.Text;

namespace TeamsRemediation.Platform
{
    /// <summary>How a read of the TPM's lockout state ended.</summary>
    public enum TpmStateRead
    {
        /// <summary>The TPM answered; the counters are its answer.</summary>
        Read,

        /// <summary>Windows found no TPM 2.0 (TBS_E_TPM_NOT_FOUND): nothing can be locked out, and nothing was read.</summary>
        NoTpm,

        /// <summary>The TPM could not be asked, or its answer was not a valid one: <see cref="TpmLockoutState.Reason"/> says why.</summary>
        Unreadable,
    }

    /// <summary>
    /// The TPM's dictionary-attack state (TPM 2.0 Part 2: TPMA_PERMANENT.inLockout, TPM_PT_LOCKOUT_COUNTER, TPM_PT_MAX_AUTH_FAIL,
    /// TPM_PT_LOCKOUT_INTERVAL), the values Get-Tpm shows as LockedOut, LockoutCount, LockoutMax and LockoutHealTime.
    /// </summary>
    public sealed class TpmLockoutState
    {
        private TpmLockoutState(TpmStateRead outcome, string reason, bool inLockout, uint failedTries, uint maxTries, uint? healSeconds)
        {
            Outcome = outcome;
            Reason = reason;
            InLockout = inLockout;
            FailedTries = failedTries;
            MaxTries = maxTries;
            HealSeconds = healSeconds;
        }

        public TpmStateRead Outcome { get; }

        /// <summary>Why nothing was read; empty when the TPM answered.</summary>
        public string Reason { get; }

        /// <summary>TPMA_PERMANENT.inLockout: commands that need an authorization (the device and token keys) are refused.</summary>
        public bool InLockout { get; }

        /// <summary>TPM_PT_LOCKOUT_COUNTER: failed authorizations counted now.</summary>
        public uint FailedTries { get; }

        /// <summary>TPM_PT_MAX_AUTH_FAIL: failures before lockout (0 when the TPM did not say).</summary>
        public uint MaxTries { get; }

        /// <summary>TPM_PT_LOCKOUT_INTERVAL: seconds until the counter drops by one, when the TPM said.</summary>
        public uint? HealSeconds { get; }

        public static TpmLockoutState Answered(bool inLockout, uint failedTries, uint maxTries, uint? healSeconds) =>
            new TpmLockoutState(TpmStateRead.Read, string.Empty, inLockout, failedTries, maxTries, healSeconds);

        public static TpmLockoutState Absent(string reason) => new TpmLockoutState(TpmStateRead.NoTpm, reason, false, 0, 0, null);

        public static TpmLockoutState Unreadable(string reason) => new TpmLockoutState(TpmStateRead.Unreadable, reason, false, 0, 0, null);

        /// <summary>One line of evidence: what the TPM said, or why it said nothing.</summary>
        public string Describe()
        {
            switch (Outcome)
            {
                case TpmStateRead.Read:
                    return "The TPM's own state (TPM2_GetCapability through TPM Base Services): " + (InLockout ? "in lockout" : "not in lockout")
                        + ", " + Wording.Count(FailedTries, "failed authorization") + " counted"
                        + (MaxTries > 0 ? " of " + MaxTries.ToString(CultureInfo.InvariantCulture) + " allowed" : string.Empty)
                        + (HealSeconds.HasValue ? ", one forgiven every " + TimeInWordsSeconds(HealSeconds.Value) : string.Empty) + ".";
                case TpmStateRead.NoTpm:
                    return "No TPM 2.0 was found (" + Reason + "); a TPM 1.2, if there is one, is not asked (its lockout shows as event 1026).";
                default:
                    return "The TPM's own lockout state could not be read: " + Reason;
            }
        }

        private static string TimeInWordsSeconds(uint seconds) => seconds % 3600 == 0 && seconds > 0
            ? (seconds / 3600).ToString(CultureInfo.InvariantCulture) + " h"
            : seconds % 60 == 0 && seconds > 0 ? (seconds / 60).ToString(CultureInfo.InvariantCulture) + " min"
            : seconds.ToString(CultureInfo.InvariantCulture) + " s";
    }
}
