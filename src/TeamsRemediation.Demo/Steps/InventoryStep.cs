namespace TeamsRemediation.Demo.Steps
{
    /// <summary>Whose Teams, which client, where its cache is: what every other cmdlet acts on.</summary>
    public sealed class InventoryStep : IDemoStep
    {
        public int Order => 0;

        public string Title => "Which Teams is on this PC, for whom";

        public void Prepare(DemoPc pc) => pc.Breaks.BreakInventory();

        public void Run(DemoConsole console)
        {
            console.Say("Running as SYSTEM (as Intune does): the default target is the logged-on user, never SYSTEM's own profile.");
            console.Type("Get-TeamsInstallation");
            console.Say("Every profile, including users who are not logged on:");
            console.Type("Get-TeamsInstallation -AllUsers");
        }
    }
}
