namespace TeamsRemediation.Targets
{
    /// <summary>The two desktop clients. Classic is the retired Electron client; New is the MSIX package MSTeams.</summary>
    public enum TeamsClient
    {
        Classic = 0,
        New = 1,
    }

    /// <summary>
    /// Which clients a cmdlet should act on; <see cref="Installed"/> means "whatever this user has". Classic and
    /// New carry the numbers of <see cref="TeamsClient"/>: PowerShell converts a piped TeamsClient to this enum by
    /// number, so equal numbers keep Get-TeamsInstallation | Clear-TeamsCache on the right client.
    /// </summary>
    public enum TeamsClientSelection
    {
        Classic = TeamsClient.Classic,
        New = TeamsClient.New,
        All = 2,
        Installed = 3,
    }
}
