namespace TeamsRemediation.Platform
{
    /// <summary>
    /// The TPM's own dictionary-attack state, read from the TPM itself: whether it is in lockout now and how many failed
    /// authorizations it counts. Read-only: nothing here resets a lockout.
    /// </summary>
    public interface ITpmState
    {
        /// <summary>The state as the TPM answers it; never throws: a TPM that cannot be asked is a state too, with the reason.</summary>
        TpmLockoutState ReadLockout();
    }
}
