using System;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// A TPM 2.0 as TPM Base Services presents it: its answer to the module's TPM2_GetCapability is built as a TPM builds it and read
    /// by the same parser as on Windows, so a scenario can also hand over a malformed answer, no TPM, or a service that refuses.
    /// </summary>
    public sealed class SimulatedTpm : ITpmState
    {
        /// <summary>
        /// A threshold a TPM may be provisioned with; Windows sets its own when it provisions the TPM, and the check reads the TPM's
        /// values, never assumes them.
        /// </summary>
        public const uint DefaultMaxTries = 32;

        /// <summary>A lockout interval a TPM may be provisioned with (one failure forgiven every 2 hours).</summary>
        public const uint DefaultHealSeconds = 7200;

        public bool InLockout { get; set; }

        public uint FailedTries { get; set; }

        public uint MaxTries { get; set; } = DefaultMaxTries;

        public uint HealSeconds { get; set; } = DefaultHealSeconds;

        /// <summary>No TPM 2.0 on this PC (TBS_E_TPM_NOT_FOUND).</summary>
        public bool Absent { get; set; }

        /// <summary>When set, TPM Base Services cannot be used, for this reason (a stopped service, a missing tbs.dll).</summary>
        public string? Refused { get; set; }

        /// <summary>When set, the bytes the TPM answers instead of a valid answer (a tampered or broken driver).</summary>
        public byte[]? RawAnswer { get; set; }

        /// <summary>How many times the state was read.</summary>
        public int Reads { get; private set; }

        /// <summary>The TPM in lockout now, every allowed failure used.</summary>
        public SimulatedTpm LockedOut()
        {
            InLockout = true;
            FailedTries = MaxTries;
            return this;
        }

        public TpmLockoutState ReadLockout()
        {
            Reads++;
            if (Absent)
            {
                return TpmLockoutState.Absent("TBS_E_TPM_NOT_FOUND");
            }

            if (Refused != null)
            {
                return TpmLockoutState.Unreadable(Refused);
            }

            var answer = RawAnswer ?? Tpm2LockoutQuery.Answer(InLockout ? Tpm2LockoutQuery.InLockoutBit : 0, FailedTries, MaxTries, HealSeconds);
            var copy = new byte[answer.Length];
            Array.Copy(answer, copy, answer.Length);
            return Tpm2LockoutQuery.Parse(copy, copy.Length);
        }
    }
}
