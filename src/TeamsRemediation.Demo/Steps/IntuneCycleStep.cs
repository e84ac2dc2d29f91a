using System;
using System.IO;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Demo.Steps
{
    /// <summary>
    /// The cycle Intune runs on a schedule, as its scripts do: detect, remediate, detect again (the post-remediation detection, the
    /// one line an admin sees of what the repair did), then the remediation once more, which finds nothing to do. Alice's Teams fails
    /// with CAA20002 again first (event 1098 and her Teams log).
    /// </summary>
    public sealed class IntuneCycleStep : IDemoStep
    {
        private DemoPc? pc;

        public int Order => 100;

        public string Title => "Intune's cycle: detect, remediate, detect again, and a second remediation that changes nothing";

        public void Prepare(DemoPc demo) => pc = demo;

        public void Run(DemoConsole console)
        {
            var demo = pc ?? throw new InvalidOperationException("Prepare comes first.");
            var now = demo.Machine.Clock.UtcNow;
            if (demo.AliceSession != null)
            {
                // Her PRT failed while TLS 1.2 was off (the device could not reach Entra ID); the repair turned it on and Windows restarted.
                BrokenDemoPc.RecordRefreshedPrt(demo.AliceSession, now);
                console.Say("Since TLS 1.2 is on again and Windows restarted, Windows has a primary refresh token for Alice again "
                    + "(dsregcmd in her session: AzureAdPrt YES).");
            }

            demo.Machine.SimulatedEvents.Add(new AadEvent(now, demo.Alice.Sid,
                "Error: 0xCAA20002 The request is invalid.\r\nCode: invalid_request\r\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));
            demo.Alice.AppendToFile(Path.Combine(TeamsLayout.NewLogFolder(demo.Alice.Folders), demo.Alice.NewTeamsLogName!),
                now.ToString("o") + " Err AuthenticationManager: acquireToken failed, error CAA20002 for login.microsoftonline.com\n");
            console.Say("Alice's Teams fails with CAA20002 again. The detection script's last line and exit code (1: Intune remediates):");
            console.Type("$line = Test-TeamsCaa20002 -As Line; $line; 'exit ' + [TeamsRemediation.Lines.SummaryLine]::Parse($line).ExitCode");
            console.Say("The remediation script's last line (Intune keeps only its exit code and error):");
            console.Type("Repair-TeamsCaa20002 -Force -As Line");
            console.Say("The post-remediation detection: what the repair answered no longer counts, and the line says what and when;");
            console.Say("a fleet report reads it back as values:");
            console.Type("$line = Test-TeamsCaa20002 -As Line; $line; 'exit ' + [TeamsRemediation.Lines.SummaryLine]::Parse($line).ExitCode; "
                + "[TeamsRemediation.Lines.SummaryLine]::Parse($line).Items | ForEach-Object { '  ' + $_.Status + ' ' + $_.CheckId + ' ' "
                + "+ $_.Code + ' ' + $_.User + ' at ' + $_['at'] + ' by ' + $_['by'] }");
            console.Say("The next scheduled remediation finds nothing to do and changes nothing:");
            console.Type("Repair-TeamsCaa20002 -Force -As Line");
        }
    }
}
