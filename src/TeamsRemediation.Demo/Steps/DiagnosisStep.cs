using System;
using System.IO;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Demo.Steps
{
    /// <summary>
    /// Test-TeamsCaa20002 on a PC broken the way CAA20002 PCs are: a field script wrote WinHTTP's
    /// DefaultSecureProtocols without TLS 1.2 into the 32-bit view only, and Alice's Teams keeps failing with
    /// CAA20002 (event 1098 and her Teams log say so).
    /// </summary>
    public sealed class DiagnosisStep : IDemoStep
    {
        private const string DsregStatus =
            "+----------------------------------------------------------------------+\r\n| Device State                                           " +
                "              |\r\n+----------------------------------------------------------------------+\r\n\r\n             AzureAdJoined : " +
                    "YES\r\n          EnterpriseJoined : NO\r\n              DomainJoined : NO\r\n               Device Name : " +
                        "PC01\r\n\r\n+----------------------------------------------------------------------+\r\n| Device Details                 " +
                            "                                      " +
                                "|\r\n+----------------------------------------------------------------------+\r\n\r\n                  DeviceId " +
                                    ": 00aa00aa-bb11-cc22-dd33-44ee44ee44ee\r\n          DeviceAuthStatus : SUCCESS\r\n";

        public int Order => 10;

        public string Title => "Why does Teams say CAA20002? (Test-TeamsCaa20002)";

        public void Prepare(DemoPc pc)
        {
            var machine = pc.Machine;
            var registry = machine.SimulatedRegistry;
            registry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.WinHttp, RegistryView.Registry32),
                "DefaultSecureProtocols", RegistryValue.DWord(TlsRegistryLocations.Tls10 | TlsRegistryLocations.Tls11));
            registry.CreateKey(new RegistryKeyPath(RegistryHive.LocalMachine,
                TeamsLayout.AppxAllUserStorePath + "\\" + pc.Alice.Sid
                    + "\\Microsoft.AAD.BrokerPlugin_1000.19580.1000.0_neutral_neutral_cw5n1h2txyewy"));
            machine.CommandRunner.Record("dsregcmd", Platform.CommandResult.Completed(0, DsregStatus), "/status");

            var now = machine.Clock.UtcNow;
            machine.SimulatedEvents.Add(new AadEvent(now.AddHours(-2), pc.Alice.Sid,
                "Error: 0xCAA20002 The request is invalid.\r\nCode: invalid_request\r\nDescription: AADSTS90014: The required field 'request' is " +
                    "missing from the credential.\r\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264\r\nCorrelation ID (request): " +
                        "7d2c5b1e-4a8f-4f0e-9b7c-3e1a2d4f6a88"));
            var log = Path.Combine(TeamsLayout.NewLogFolder(pc.Alice.Folders), pc.Alice.NewTeamsLogName!);
            pc.Alice.AppendToFile(log, now.AddHours(-2).ToString("o")
                + " Err AuthenticationManager: acquireToken failed, error CAA20002 (AADSTS90014) for login.microsoftonline.com\n");
        }

        public void Run(DemoConsole console)
        {
            console.Say("Intune runs the detection as SYSTEM: every check, the logged-on user's evidence, nothing changed.");
            console.Type("Test-TeamsCaa20002");
            console.Say("What failed, and what fixes it:");
            console.Type("Test-TeamsCaa20002 -SkipNetwork | Where-Object Status -eq Fail | ForEach-Object { $_.CheckId + ' -> ' + $_.Remedy; " +
                "$_.Evidence | ForEach-Object { '    ' + $_ } }");
            console.Say("The last line an Intune detection script prints, and the value a ConfigMgr configuration item compares:");
            console.Type("Test-TeamsCaa20002 -SkipNetwork -As Line");
            console.Type("Test-TeamsCaa20002 -SkipNetwork -As Compliance");
        }
    }
}
