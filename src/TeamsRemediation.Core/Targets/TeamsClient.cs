namespace TeamsRemediation.Targets
{
    /// <summary>The two desktop clients. Classic is the retired Electron client; New is the MSIX package MSTeams.</summary>
    public enum TeamsClient
    {
        Classic,
        New,
    }

    /// <summary>Which clients a cmdlet should act on; <see cref="Installed"/> means "whatever this user has".</summary>
    public enum TeamsClientSelection
    {
        Installed,
        Classic,
        New,
        All,
    }
}
