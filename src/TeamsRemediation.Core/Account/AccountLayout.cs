using System.Collections.Generic;
using System.IO;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Account
{
    /// <summary>
    /// Where a user's work account lives on Windows, written once for the diagnosis (Test-TeamsCaa20002's account
    /// checks), the repair (Reset-TeamsWorkAccount) and the journal's scope: the token broker package, the Entra
    /// client ids of Teams and Office, and the Office identity values that switch WAM off.
    /// </summary>
    public static class AccountLayout
    {
        public const string TeamsClientId = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";
        public const string OfficeClientId = "d3590ed6-52b3-4102-aeff-aad2292ab01c";

        /// <summary>The Entra ID token broker (WAM's work or school account provider), its package family.</summary>
        public const string BrokerPackageFamily = "Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy";

        /// <summary>The broker's package and process name; a registered package's full name starts with it and "_".</summary>
        public const string BrokerProcessName = "Microsoft.AAD.BrokerPlugin";

        /// <summary>Office's identity settings, relative to HKEY_USERS\&lt;SID&gt;.</summary>
        public const string IdentityKeyPath = @"Software\Microsoft\Office\16.0\Common\Identity";

        /// <summary>The same settings set by Group Policy, relative to HKEY_USERS\&lt;SID&gt;; read, never changed.</summary>
        public const string IdentityPolicyKeyPath = @"Software\Policies\Microsoft\Office\16.0\Common\Identity";

        /// <summary>The values that turn WAM or modern authentication off, with the data that does it.</summary>
        public static readonly IReadOnlyList<KeyValuePair<string, uint>> WamOverrideValues = new[]
        {
            new KeyValuePair<string, uint>("DisableAADWAM", 1),
            new KeyValuePair<string, uint>("DisableADALatopWAMOverride", 1),
            new KeyValuePair<string, uint>("EnableADAL", 0),
        };

        /// <summary>The token broker's data of the user with this profile.</summary>
        public static string BrokerFolder(UserFolders folders) => Path.Combine(folders.LocalAppData, "Packages", BrokerPackageFamily);

        /// <summary>Windows' sign-in experience, whose token broker accounts Microsoft's CAA50021 repair also empties.</summary>
        public const string CloudExperienceHostPackageFamily = "Microsoft.Windows.CloudExperienceHost_cw5n1h2txyewy";

        /// <summary>
        /// The two packages whose AC\TokenBroker\Accounts Microsoft's broker repair empties (SupportArticles-docs, "Microsoft 365 Apps
        /// activation error 0xCAA50021" and the 0x80070005 page: delete the files of both folders, then restart the device).
        /// </summary>
        public static readonly IReadOnlyList<string> TokenBrokerAccountPackages =
            new[] { BrokerPackageFamily, CloudExperienceHostPackageFamily };

        /// <summary>%LOCALAPPDATA%\Packages\&lt;family&gt;\AC\TokenBroker\Accounts of the user with this profile.</summary>
        public static string TokenBrokerAccountsFolder(UserFolders folders, string packageFamily) =>
            Path.Combine(folders.LocalAppData, "Packages", packageFamily, "AC", "TokenBroker", "Accounts");

        /// <summary>One run's backup of the broker repair: &lt;backups&gt;\TokenBrokerAccounts-&lt;time&gt;\&lt;family&gt;\&lt;file&gt;.</summary>
        public const string TokenBrokerAccountsBackupPrefix = "TokenBrokerAccounts-";
    }
}
