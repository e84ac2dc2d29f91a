using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Demo.Steps
{
    /// <summary>TLS 1.2 switched off by an old hardening script: SCHANNEL, .NET (32-bit copy), WinHTTP, Alice's Internet Options.</summary>
    public sealed class Tls12Step : IDemoStep
    {
        private DemoPc? pc;

        public int Order => 30;

        public string Title => "Switch TLS 1.2 back on where a script switched it off (Enable-Tls12)";

        public void Prepare(DemoPc pc)
        {
            this.pc = pc;
            var registry = pc.Machine.SimulatedRegistry;
            var client = new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + @"\Client");
            registry.SetValue(client, "Enabled", RegistryValue.DWord(0));
            registry.SetValue(client, "DisabledByDefault", RegistryValue.DWord(1));
            foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
            {
                // .NET 4.x is installed in both views; the old script set strong crypto off in the 32-bit copy only.
                registry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.DotNet4, view), "SchUseStrongCrypto", RegistryValue.DWord(view == RegistryView.Registry64 ? 1u : 0u));
                registry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.WinHttp, view), "DefaultSecureProtocols", RegistryValue.DWord(0xA0));
            }

            pc.Alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
        }

        public void Run(DemoConsole console)
        {
            console.Say("Intune runs this as SYSTEM in 32-bit PowerShell: both registry views are written anyway, and Alice's own hive, not SYSTEM's.");
            console.Type("Enable-Tls12 | Where-Object Action -ne Unchanged");
            console.Say(".NET 3.5 is not installed here, so its keys are skipped, not invented. A second run writes nothing:");
            console.Type("@(Enable-Tls12 | Where-Object Action -in 'Created', 'Updated').Count");
            var folder = Path.Combine(pc!.Machine.ProgramDataPath, "TeamsRemediation", "Journal");
            var journal = Directory.GetFiles(folder, "*-EnableTls12-*.xml").OrderBy(f => f).LastOrDefault();
            if (journal != null)
            {
                console.Say("Every change is in a journal; this is what a restore would put back:");
                console.Type("Undo-TeamsRemediation -Journal '" + journal + "' -WhatIf");
            }
        }
    }
}
