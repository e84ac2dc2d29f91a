namespace TeamsRemediation.Commands
{
    /// <summary>
    /// Where Get-Help -Online opens for each cmdlet: its section of the project README. The MAML help carries the
    /// same address as its first related link (a test holds the two together).
    /// </summary>
    internal static class HelpLinks
    {
        private const string Readme = "https://github.com/TeamsRemediation/TeamsRemediation/blob/main/README.md";

        public const string GetTeamsInstallation = Readme + "#whose-teams";
        public const string TestTeamsCaa20002 = Readme + "#find-the-cause-test-teamscaa20002";
        public const string ResetTeamsWorkAccount = Readme + "#reset-the-work-or-school-account";
        public const string ClearTeamsCache = Readme + "#clearing-the-teams-cache";
        public const string EnableTls12 = Readme + "#repair-tls-12-enable-tls12";
        public const string UndoTeamsRemediation = Readme + "#put-it-back-undo-teamsremediation";
        public const string RepairTeamsCaa20002 = Readme + "#repair-it-all-repair-teamscaa20002";
        public const string ConvertFromTeamsRemediationOutput = Readme + "#a-fleet";
        public const string GetTeamsRemediationFleetSummary = Readme + "#a-fleet";
    }
}
