using System;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Demo.Steps
{
    /// <summary>
    /// The whole list in one command: after the single-cmdlet steps, the PC breaks again the way CAA20002 PCs do (SCHANNEL's
    /// TLS 1.2 client switched off by a hardening script, the clock 42 minutes behind, a failed lookup of the sign-in name
    /// cached by the DNS client, and a new invalid_request in event 1098 that points at the cache). Repair-TeamsCaa20002
    /// shows its plan, repairs it end to end as Intune would, and the diagnosis after it finds nothing failing: what it answered no
    /// longer counts.
    /// </summary>
    public sealed class RepairStep : IDemoStep
    {
        private DemoPc? pc;

        public int Order => 90;

        public string Title => "Repair it all in one command, then diagnose again (Repair-TeamsCaa20002)";

        public void Prepare(DemoPc demo) => pc = demo;

        public void Run(DemoConsole console)
        {
            BreakAgain(pc ?? throw new InvalidOperationException("Prepare comes first."));
            console.Say("The PC breaks again: TLS 1.2 off in SCHANNEL, the clock behind, a cached failed lookup, a new CAA20002 for Alice.");
            console.Say("First the plan, with what each step costs the user; nothing is changed:");
            console.Type("Repair-TeamsCaa20002 -WhatIf | Where-Object { $_ -is [TeamsRemediation.TeamsRepairStep] } | "
                + "ForEach-Object { $_.Rung.ToString() + '/' + $_.Step + ': ' + $_.Cost }");
            console.Say("The Intune remediation: evidence first, least disruptive first, each step checked again after it:");
            console.Type("$results = Repair-TeamsCaa20002 -Force; $results | Where-Object { $_ -is [TeamsRemediation.TeamsRepairStep] } | "
                + "ForEach-Object { $_.Rung.ToString() + '/' + $_.Step + ($(if ($_.User) { ' ' + $_.User })) + ': ' + $_.Status "
                + "+ ($(if ($_.After) { ' | after: ' + ($_.After -join '; ') })) }");
            console.Say("The summary and the exit code the script ends with (2: restart Windows for the TLS change):");
            console.Type("$results[-1] | ForEach-Object { $_.Outcome.ToString() + ', exit ' + $_.ExitCode + ', report ' + $_.ReportPath }");
            console.Say("Diagnosed again: evidence the repair answered (recorded before each change) no longer counts; nothing fails.");
            console.Type("$findings = Test-TeamsCaa20002; $findings | Where-Object Status -eq Fail | "
                + "ForEach-Object { 'FAIL ' + $_.CheckId }; 'failing checks: ' + @($findings | Where-Object Status -eq Fail).Count + ' of ' "
                + "+ $findings.Count; $findings.Answered");
        }

        private static void BreakAgain(DemoPc demo)
        {
            var machine = demo.Machine;
            machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + @"\Client"),
                "Enabled", RegistryValue.DWord(0));
            machine.SimulatedNetwork.ServerClockOffset = TimeSpan.FromMinutes(42);
            machine.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");
            // Logged now: after the cache clears of the steps before, which answered the CAA20002 logged before them.
            machine.SimulatedEvents.Add(new AadEvent(machine.Clock.UtcNow, demo.Alice.Sid,
                "Error: 0xCAA20002 The request is invalid.\r\nCode: invalid_request\r\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));
            demo.Alice.WriteFile(System.IO.Path.Combine(Targets.TeamsLayout.NewCacheRoot(demo.Alice.Folders), "EBWebView", "WV2Profile_tfw",
                "GPUCache", "data_1"), "GPU shader cache written again");
        }
    }
}
