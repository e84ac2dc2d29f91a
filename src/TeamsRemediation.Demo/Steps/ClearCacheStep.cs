namespace TeamsRemediation.Demo.Steps
{
    /// <summary>A stale, bloated new Teams cache while Teams runs: the most common local cause of CAA20002.</summary>
    public sealed class ClearCacheStep : IDemoStep
    {
        public int Order => 40;

        public string Title => "Clear the right user's Teams cache, keeping what she cares about";

        public void Prepare(DemoPc pc) => pc.Breaks.BreakCache();

        public void Run(DemoConsole console)
        {
            console.Say("First look: what would go, nothing changed (Alice's Teams is running, so -Force is needed for real).");
            console.Type("Clear-TeamsCache -Force -WhatIf");
            console.Say("Without -Force a running Teams is an error with a stable id, and Alice is skipped:");
            console.Type("Clear-TeamsCache");
            console.Say("With -Force and a restorable backup: only Alice's Teams and its WebView2 child are stopped; backgrounds, settings and " +
                "logs stay.");
            console.Type("Clear-TeamsCache -Force -Backup -Verbose");
            console.Say("What stays in the cache (her backgrounds and the logs), and the cache size now:");
            console.Type("Clear-TeamsCache -WhatIf | ForEach-Object Preserved");
            console.Type("Get-TeamsInstallation -Client New");
        }
    }
}
