namespace TeamsRemediation.Demo.Steps
{
    /// <summary>Whose Teams, which client, where its cache is: what every other cmdlet acts on.</summary>
    public sealed class InventoryStep : IDemoStep
    {
        public int Order => 0;

        public string Title => "Which Teams is on this PC, for whom";

        public void Prepare(DemoPc pc)
        {
            pc.Alice.StartProcess("ms-teams");
            // A cache that has grown for months, as on the PCs that fail.
            var cache = System.IO.Path.Combine(TeamsRemediation.Targets.TeamsLayout.NewCacheRoot(pc.Alice.Folders), "EBWebView", "WV2Profile_tfw",
                "Cache", "Cache_Data");
            System.IO.Directory.CreateDirectory(cache);
            System.IO.File.WriteAllBytes(System.IO.Path.Combine(cache, "data_1"), new byte[48 * 1024 * 1024]);
        }

        public void Run(DemoConsole console)
        {
            console.Say("Running as SYSTEM (as Intune does): the default target is the logged-on user, never SYSTEM's own profile.");
            console.Type("Get-TeamsInstallation");
            console.Say("Every profile, including users who are not logged on:");
            console.Type("Get-TeamsInstallation -AllUsers");
        }
    }
}
