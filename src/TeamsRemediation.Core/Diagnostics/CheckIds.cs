using System.Collections.Generic;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>The stable check ids of Test-TeamsCaa20002, in the order findings are written. Scripts filter on them: never rename one.</summary>
    public static class CheckIds
    {
        public const string TlsSchannel = "Tls.Schannel";
        public const string TlsDotNet = "Tls.DotNet";
        public const string TlsWinHttp = "Tls.WinHttp";
        public const string NetworkEndpoint = "Network.Endpoint";
        public const string NetworkClockSkew = "Network.ClockSkew";
        public const string NetworkProxy = "Network.Proxy";
        public const string NetworkVpn = "Network.Vpn";
        public const string NetworkHostsFile = "Network.HostsFile";
        public const string AccountDeviceJoin = "Account.DeviceJoin";

        public const string TlsInternetOptions = "Tls.InternetOptions";
        public const string AccountPrt = "Account.Prt";
        public const string AccountWamPolicy = "Account.WamPolicy";
        public const string AccountBrokerPlugin = "Account.BrokerPlugin";
        public const string AccountWamAccounts = "Account.WamAccounts";
        public const string NetworkUserProxy = "Network.UserProxy";
        public const string TeamsClient = "Teams.Client";
        public const string TeamsCache = "Teams.Cache";
        public const string EvidenceAadEvents = "Evidence.AadEvents";
        public const string EvidenceTeamsLogs = "Evidence.TeamsLogs";

        // The device's own state Microsoft's guides name as sign-in causes: read, never changed.
        public const string AccountVdiIdentity = "Account.VdiIdentity";
        public const string AccountTpm = "Account.Tpm";
        public const string AccountDeviceState = "Account.DeviceState";
        public const string TeamsWebView2 = "Teams.WebView2";
        public const string TeamsVersion = "Teams.Version";
        public const string TeamsTenantList = "Teams.TenantList";

        /// <summary>Checks of the machine, written once per run.</summary>
        public static readonly IReadOnlyList<string> Machine =
            new[] { TlsSchannel, TlsDotNet, TlsWinHttp, NetworkEndpoint, NetworkClockSkew, NetworkProxy, NetworkVpn, NetworkHostsFile,
                AccountDeviceJoin, AccountVdiIdentity, AccountTpm, AccountDeviceState };

        /// <summary>Checks written once per target user.</summary>
        public static readonly IReadOnlyList<string> PerUser =
            new[] { TlsInternetOptions, NetworkUserProxy, AccountPrt, AccountWamPolicy, AccountBrokerPlugin, AccountWamAccounts, TeamsClient,
                TeamsCache, EvidenceAadEvents, EvidenceTeamsLogs, TeamsWebView2, TeamsVersion, TeamsTenantList };

        /// <summary>Who acts on a check's finding unless the evidence names someone else (a code owned by the user or the tenant).</summary>
        public static Codes.FindingOwner DefaultOwner(string checkId) =>
            checkId == NetworkEndpoint || checkId == NetworkProxy || checkId == NetworkVpn || checkId == NetworkUserProxy
                || checkId == NetworkHostsFile ? Codes.FindingOwner.Network : Codes.FindingOwner.Device;

        public static IEnumerable<string> All
        {
            get
            {
                foreach (var id in Machine)
                {
                    yield return id;
                }

                foreach (var id in PerUser)
                {
                    yield return id;
                }
            }
        }
    }
}
