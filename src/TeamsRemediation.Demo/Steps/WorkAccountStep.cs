using System.IO;
using TeamsRemediation.Account;
using TeamsRemediation.Platform;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Demo.Steps
{
    /// <summary>
    /// A stale work account: WAM holds Alice's Teams account from before, classic Teams left its ADAL credentials,
    /// and an old Office setting turns WAM off. Windows' answers (dsregcmd, cmdkey, the WAM and broker scripts in
    /// Windows PowerShell 5.1) are recorded, as the tests record them.
    /// </summary>
    public sealed class WorkAccountStep : IDemoStep
    {
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

        public int Order => 40;

        public string Title => "Reconnect the work account the way Microsoft does";

        public void Prepare(DemoPc demo)
        {
            Record(demo.Machine);
            demo.Alice.SetUserValue(AccountLayout.IdentityKeyPath, "DisableAADWAM", RegistryValue.DWord(1));
            demo.Alice.WriteFile(Path.Combine(demo.Alice.ProfilePath, "AppData", "Local", "Packages", AccountLayout.BrokerPackageFamily, "AC",
                "TokenBroker", "Accounts", "stale.tbacct"), "broker account");

            // Alice's own session: the one-shot task started there runs the module for real, as her, with Windows' answers for her.
            var aliceSession = new UserSessionPlayer(demo.Machine, demo.Alice);
            Record(aliceSession.Machine);
            aliceSession.Play(demo.Machine);
        }

        private static void Record(Simulation.SimulatedMachine machine)
        {
            var commands = machine.CommandRunner;
            commands.Record("dsregcmd", Platform.CommandResult.Completed(0, Dsregcmd), "^/status$");
            commands.Record("cmdkey", Platform.CommandResult.Completed(0, CmdkeyList), "^/list$");
            commands.Record("cmdkey", Platform.CommandResult.Completed(0, "\r\nCredential deleted successfully.\r\n"), "^/delete:");
            commands.RecordScript(WindowsPowerShellScript.BrokerPlugin, Platform.CommandResult.Completed(0, BrokerPresent));
            commands.RecordScript(WindowsPowerShellScript.SignOutWamAccounts, Platform.CommandResult.Completed(0, WamList));
            commands.RecordScript(WindowsPowerShellScript.SignOutWamAccounts, Platform.CommandResult.Completed(0, WamSignOut),
                command => command.HasSwitch("SignOut"));
        }

        public void Run(DemoConsole console)
        {
            console.Say("As SYSTEM (Intune's default): see first. WAM, the broker and Credential Manager belong to Alice's session; "
                + "-WhatIf starts nothing there.");
            console.Type("Reset-TeamsWorkAccount -RemoveWamOverrides -WhatIf");
            console.Say("Remove the value that turns WAM off (as SYSTEM, journaled for Undo-TeamsRemediation). The WAM sign-out, the broker "
                + "check and the credentials run in Alice's own session through a one-shot task; RanAs says who ran each step.");
            console.Type("Reset-TeamsWorkAccount -Force -RemoveWamOverrides");
        }
    }
}
