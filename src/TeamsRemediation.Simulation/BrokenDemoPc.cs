using System;
using System.Globalization;
using System.IO;
using TeamsRemediation.Account;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Tls;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// The demo's PC, PC01, where Intune runs the module as SYSTEM: Alice is logged on with new Teams and a folder left by the
    /// classic client; Bob has classic Teams, is not logged on and his hive is not loaded. <see cref="Create"/> breaks it the way
    /// the demo does, in one call, so a PowerShell user can try every cmdlet on it:
    /// <code>
    /// Import-Module ./out/TeamsRemediation/TeamsRemediation.psd1
    /// Add-Type -Path ./out/simulation/TeamsRemediation.Simulation.dll
    /// [TeamsRemediation.Simulation.BrokenDemoPc]::Create().Machine.AttachTo([runspace]::DefaultRunspace)
    /// </code>
    /// Test and demo scaffolding, like the rest of this assembly: never part of the module's package. The demo's steps call the
    /// Break methods one by one. Alice's own session (the work-account steps run from SYSTEM) is played only by the demo host,
    /// which has a second engine to run it in; <see cref="CreateAtAlicesConsole"/> runs the module as Alice instead.
    /// </summary>
    public sealed class BrokenDemoPc
    {
        private const string DiagnosisDsregStatus =
            "+----------------------------------------------------------------------+\r\n| Device State                                           " +
                "              |\r\n+----------------------------------------------------------------------+\r\n\r\n             AzureAdJoined : " +
                    "YES\r\n          EnterpriseJoined : NO\r\n              DomainJoined : NO\r\n               Device Name : " +
                        "PC01\r\n\r\n+----------------------------------------------------------------------+\r\n| Device Details                 " +
                            "                                      " +
                                "|\r\n+----------------------------------------------------------------------+\r\n\r\n                  DeviceId " +
                                    ": 00aa00aa-bb11-cc22-dd33-44ee44ee44ee\r\n          DeviceAuthStatus : SUCCESS\r\n";

        private const string Dsregcmd =
            "+----------------------------------------------------------------------+\n| Device State                                             " +
                "            |\n+----------------------------------------------------------------------+\n\n"
            + "             AzureAdJoined : YES\n          EnterpriseJoined : NO\n              DomainJoined : YES\n\n"
            + "+----------------------------------------------------------------------+\n| Tenant Details                                         " +
            "              |\n+----------------------------------------------------------------------+\n\n"
            + "                TenantName : Contoso\n\n"
            + "+----------------------------------------------------------------------+\n| SSO State                                              " +
            "              |\n+----------------------------------------------------------------------+\n\n"
            + "                AzureAdPrt : NO\n            Attempt Status : 0xc000006d\n         Server Error Code : invalid_request\n";

        private const string CmdkeyList =
            "\r\nCurrently stored credentials:\r\n\r\n    Target: MicrosoftAccount:user=alice.private@outlook.com\r\n    Type: Generic \r\n    " +
                "User: alice.private@outlook.com\r\n    Local machine persistence\r\n    \r\n"
            + "    Target: LegacyGeneric:target=msteams_adalsso/adal_context_segments\r\n    Type: Generic \r\n    User: <unknown>\r\n    Local " +
            "machine persistence\r\n    \r\n"
            + "    Target: LegacyGeneric:target=msteams_adalsso/adal_context_0\r\n    Type: Generic \r\n    User: <unknown>\r\n    Local machine " +
            "persistence\r\n";

        private const string WamList = "{\"status\":\"Ok\",\"mode\":\"List\",\"error\":\"\",\"clients\":[{\"clientId\":\""
            + AccountLayout.TeamsClientId
            + "\",\"status\":\"Success\",\"providerErrorCode\":0,\"providerErrorMessage\":\"\","
            + "\"accounts\":[{\"id\":\"u:3f2a9c1e.aaaabbbb\",\"userName\":\"alice@contoso.com\",\"state\":\"Connected\","
            + "\"signedOut\":false,\"error\":\"\"}]}]}";

        private const string WamSignOut = "{\"status\":\"Ok\",\"mode\":\"SignOut\",\"error\":\"\",\"clients\":[{\"clientId\":\""
            + AccountLayout.TeamsClientId
            + "\",\"status\":\"Success\",\"providerErrorCode\":0,\"providerErrorMessage\":\"\","
            + "\"accounts\":[{\"id\":\"u:3f2a9c1e.aaaabbbb\",\"userName\":\"alice@contoso.com\",\"state\":\"Connected\","
            + "\"signedOut\":true,\"error\":\"\"}]}]}";

        private const string BrokerPresent =
            "{\"status\":\"Present\",\"packageFullName\":\"Microsoft.AAD.BrokerPlugin_1000.19580.1000.1_neutral_neutral_cw5n1h2txyewy\","
            + "\"version\":\"1000.19580.1000.1\",\"manifestPath\":\"\",\"error\":\"\"}";

        private BrokenDemoPc()
        {
            Pc = SimulatedPc.Create("PC01");
            Alice = Pc.AddUser("alice", loggedOn: true).InstallNewTeams().AddClassicCache();
            Bob = Pc.AddUser("bob", loggedOn: false, hiveLoaded: false).InstallClassicTeams();
            Pc.RunAsSystem();
        }

        public SimulatedPc Pc { get; }

        public SimulatedMachine Machine => Pc.Machine;

        public SimulatedUser Alice { get; }

        public SimulatedUser Bob { get; }

        /// <summary>The demo's PC before any break.</summary>
        public static BrokenDemoPc Unbroken() => new BrokenDemoPc();

        /// <summary>The demo's PC with every break of the demo, in the demo's order, run as SYSTEM; its Machine is what AttachTo takes.</summary>
        public static BrokenDemoPc Create()
        {
            var demo = new BrokenDemoPc();
            demo.BreakInventory();
            demo.BreakDiagnosis();
            demo.BreakTls();
            demo.BreakCache();
            demo.BreakWorkAccount();
            return demo;
        }

        /// <summary>
        /// The same broken PC, with the module run by Alice, elevated, at her own console: the work-account steps then run in her
        /// process, so every cmdlet completes in an engine that cannot play her session for SYSTEM (plain pwsh).
        /// </summary>
        public static BrokenDemoPc CreateAtAlicesConsole()
        {
            var demo = Create();
            demo.Pc.RunAs(demo.Alice, elevated: true);
            return demo;
        }

        /// <summary>Alice's Teams runs, and her cache has grown for months (48 MB), as on the PCs that fail.</summary>
        public void BreakInventory()
        {
            Alice.StartProcess("ms-teams");
            var cache = Path.Combine(TeamsLayout.NewCacheRoot(Alice.Folders), "EBWebView", "WV2Profile_tfw", "Cache", "Cache_Data");
            Directory.CreateDirectory(cache);
            File.WriteAllBytes(Path.Combine(cache, "data_1"), new byte[48 * 1024 * 1024]);
        }

        /// <summary>
        /// A field script wrote WinHTTP's DefaultSecureProtocols without TLS 1.2 into the 32-bit view only, and Alice's Teams keeps
        /// failing with CAA20002 (event 1098 and her Teams log say so, two hours ago).
        /// </summary>
        public void BreakDiagnosis()
        {
            var machine = Machine;
            var registry = machine.SimulatedRegistry;
            registry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.WinHttp, RegistryView.Registry32),
                "DefaultSecureProtocols", RegistryValue.DWord(TlsRegistryLocations.Tls10 | TlsRegistryLocations.Tls11));
            registry.CreateKey(new RegistryKeyPath(RegistryHive.LocalMachine,
                TeamsLayout.AppxAllUserStorePath + "\\" + Alice.Sid
                    + "\\Microsoft.AAD.BrokerPlugin_1000.19580.1000.0_neutral_neutral_cw5n1h2txyewy"));
            machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, DiagnosisDsregStatus), "/status");

            var now = machine.Clock.UtcNow;
            machine.SimulatedEvents.Add(new AadEvent(now.AddHours(-2), Alice.Sid,
                "Error: 0xCAA20002 The request is invalid.\r\nCode: invalid_request\r\nDescription: AADSTS90014: The required field 'request' is " +
                    "missing from the credential.\r\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264\r\nCorrelation ID (request): " +
                        "7d2c5b1e-4a8f-4f0e-9b7c-3e1a2d4f6a88"));
            var log = Path.Combine(TeamsLayout.NewLogFolder(Alice.Folders), Alice.NewTeamsLogName!);
            Alice.AppendToFile(log, now.AddHours(-2).ToString("o")
                + " Err AuthenticationManager: acquireToken failed, error CAA20002 (AADSTS90014) for login.microsoftonline.com\n");
        }

        /// <summary>
        /// What other field scripts leave behind: SCHANNEL's client side switched off, .NET 4 strong crypto off in the 32-bit view,
        /// and Alice's "Use TLS 1.2" unticked.
        /// </summary>
        public void BreakTls()
        {
            var registry = Machine.SimulatedRegistry;
            registry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + @"\Client"), "Enabled",
                RegistryValue.DWord(0));
            foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
            {
                registry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.DotNet4, view), "Install",
                    RegistryValue.DWord(1));
            }

            registry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.DotNet4, RegistryView.Registry32),
                "SchUseStrongCrypto", RegistryValue.DWord(0));
            Alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols",
                RegistryValue.DWord(TlsRegistryLocations.Ssl3 | TlsRegistryLocations.Tls10));
        }

        /// <summary>A stale new Teams cache (300 service-worker entries) while Teams and its WebView2 child run.</summary>
        public void BreakCache()
        {
            var profile = Path.Combine(TeamsLayout.NewCacheRoot(Alice.Folders), "EBWebView", "WV2Profile_tfw");
            for (var i = 0; i < 300; i++)
            {
                Alice.WriteFile(Path.Combine(profile, "Service Worker", "CacheStorage", "entry_" + i), "stale token-bound response " + i);
            }

            var teams = Alice.StartProcess("ms-teams");
            Alice.StartProcess("msedgewebview2", parentId: teams.Id);
        }

        /// <summary>
        /// A stale work account: WAM holds Alice's Teams account from before, classic Teams left its ADAL credentials, an old Office
        /// setting turns WAM off, and a token broker account file is left over. Windows' answers are recorded on the PC.
        /// </summary>
        public void BreakWorkAccount()
        {
            RecordAccountAnswers(Machine);
            Alice.SetUserValue(AccountLayout.IdentityKeyPath, "DisableAADWAM", RegistryValue.DWord(1));
            Alice.WriteFile(Path.Combine(Alice.ProfilePath, "AppData", "Local", "Packages", AccountLayout.BrokerPackageFamily, "AC",
                "TokenBroker", "Accounts", "stale.tbacct"), "broker account");
        }

        /// <summary>
        /// dsregcmd in Alice's session once Windows has a primary refresh token for her again (after TLS 1.2 is back and the PC restarted):
        /// refreshed five minutes before <paramref name="now"/>, the simulated clock's time.
        /// </summary>
        public static void RecordRefreshedPrt(SimulatedMachine sessionMachine, DateTimeOffset now)
        {
            string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);
            var ssoState = Dsregcmd.Substring(0, Dsregcmd.IndexOf("                AzureAdPrt : NO", StringComparison.Ordinal))
                + "                AzureAdPrt : YES\n      AzureAdPrtUpdateTime : " + Time(now - TimeSpan.FromMinutes(5))
                + "\n      AzureAdPrtExpiryTime : " + Time(now + TimeSpan.FromDays(14)) + "\n";
            sessionMachine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, ssoState), "^/status$");
        }

        /// <summary>Windows' answers for Alice's account (dsregcmd, cmdkey, the WAM and broker scripts in Windows PowerShell 5.1).</summary>
        public static void RecordAccountAnswers(SimulatedMachine machine)
        {
            var commands = machine.CommandRunner;
            commands.Record("dsregcmd", CommandResult.Completed(0, Dsregcmd), "^/status$");
            commands.Record("cmdkey", CommandResult.Completed(0, CmdkeyList), "^/list$");
            commands.Record("cmdkey", CommandResult.Completed(0, "\r\nCredential deleted successfully.\r\n"), "^/delete:");
            commands.RecordScript(WindowsPowerShellScript.BrokerPlugin, CommandResult.Completed(0, BrokerPresent));
            commands.RecordScript(WindowsPowerShellScript.SignOutWamAccounts, CommandResult.Completed(0, WamList));
            commands.RecordScript(WindowsPowerShellScript.SignOutWamAccounts, CommandResult.Completed(0, WamSignOut),
                command => command.HasSwitch("SignOut"));
        }
    }
}
