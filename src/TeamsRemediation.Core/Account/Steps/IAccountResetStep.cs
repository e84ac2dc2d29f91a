namespace TeamsRemediation.Account.Steps
{
    /// <summary>
    /// One rung of Reset-TeamsWorkAccount's ladder. A step reads, asks through <see cref="AccountResetRun.Approve"/>
    /// before it changes anything, records what can be put back in <see cref="AccountResetRun.Journal"/>, and
    /// returns its one result; a step that only the user's own session can do returns
    /// <see cref="AccountResetRun.NeedsUser"/> when the caller is someone else.
    /// </summary>
    internal interface IAccountResetStep
    {
        /// <summary>The rung this class is, for choosing steps (-Step).</summary>
        AccountResetStepName Name { get; }

        TeamsAccountResetStep Run(AccountResetRun run);
    }
}
