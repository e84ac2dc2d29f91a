namespace TeamsRemediation.Diagnostics
{
    /// <summary>Whether a check runs once for the PC or once for each target user.</summary>
    internal enum CheckScope
    {
        Machine,
        PerUser,
    }
}
