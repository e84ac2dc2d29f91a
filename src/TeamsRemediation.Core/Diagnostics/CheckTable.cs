using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Every check of Test-TeamsCaa20002, one row each. Adding a check: a constant in <see cref="CheckIds"/>, a method
    /// in the checks class of its area, and a row here saying what it needs first.
    /// </summary>
    internal sealed class CheckTable
    {
        private const string NetworkSkipped = "-SkipNetwork was given.";

        public CheckTable(IMachine machine, FindingFactory findings)
        {
            NetworkSettings = new NetworkSettingsChecks(machine, findings);
            Endpoints = new EndpointProbeChecks(machine, findings);
            Account = new AccountChecks(machine, findings);
            Evidence = new EvidenceChecks(machine, findings);
            Teams = new TeamsChecks(machine, findings);
            var tls = new TlsChecks(machine.Registry, findings);
            var settings = NetworkSettings;
            var endpoints = Endpoints;
            var account = Account;
            var teams = Teams;
            var roaming = new IdentityRoamingChecks(machine, findings);
            var tpm = new TpmChecks(findings);
            var policies = new SignInPolicyChecks(machine, findings);
            var webView2 = new WebView2Checks(machine, findings);
            var version = new TeamsVersionChecks(findings);
            var wam = new WamAccountChecks(machine, findings);
            var userProxy = new UserProxyChecks(machine, findings, endpoints);

            Rows = new[]
            {
                Machine(CheckIds.TlsSchannel, CheckNeeds.Nothing, m => tls.Machine(CheckIds.TlsSchannel, TlsSettingArea.Schannel)),
                Machine(CheckIds.TlsDotNet, CheckNeeds.Nothing, m => tls.Machine(CheckIds.TlsDotNet, TlsSettingArea.DotNet)),
                Machine(CheckIds.TlsWinHttp, CheckNeeds.Nothing, m => tls.Machine(CheckIds.TlsWinHttp, TlsSettingArea.WinHttp)),
                Machine(CheckIds.NetworkEndpoint, CheckNeeds.Probes | CheckNeeds.TlsRegistryVerdict, m => m.ProbeResults == null
                    ? findings.Skipped(CheckIds.NetworkEndpoint, null, NetworkSkipped)
                    : endpoints.Endpoints(m.ProbeResults, m.TlsRegistryFails, m.Cloud)),
                Machine(CheckIds.NetworkClockSkew, CheckNeeds.Probes, m => m.ProbeResults == null
                    ? findings.Skipped(CheckIds.NetworkClockSkew, null, NetworkSkipped)
                    : endpoints.ClockSkew(m.ProbeResults)),
                Machine(CheckIds.NetworkProxy, CheckNeeds.Proxies | CheckNeeds.Probes, m => settings.Proxy(m.Proxies, m.ProbeResults)),
                Machine(CheckIds.NetworkVpn, CheckNeeds.Nothing, m => settings.Vpn()),
                // Until the cloud is known every cloud's sign-in hosts are watched: a hosts entry for any of them is suspect.
                Machine(CheckIds.NetworkHostsFile, CheckNeeds.Nothing, m => settings.HostsFile(m.Options.EndpointsGiven
                    ? m.Options.Endpoints
                    : Clouds.SignInCloud.All.SelectMany(c => c.Endpoints))),
                Machine(CheckIds.AccountDeviceJoin, CheckNeeds.Dsreg, m => account.DeviceJoin(m.Dsreg!)),
                Machine(CheckIds.AccountVdiIdentity, CheckNeeds.Dsreg, m => roaming.IdentityRoaming(m.Dsreg!)),

                // The users' evidence is read first, so TPM codes in it count beside the System log's lockouts.
                Machine(CheckIds.AccountTpm, CheckNeeds.TpmEvents | CheckNeeds.AadEvents | CheckNeeds.LogScan | CheckNeeds.CodesSeen,
                    m => tpm.Tpm(m.TpmLockouts!, m.TpmState!, m.UserEvidence, m.Options.EventWindow)),
                Machine(CheckIds.AccountDeviceState, CheckNeeds.Dsreg, m => policies.DeviceState(m.Dsreg!)),

                PerUser(CheckIds.TlsInternetOptions, CheckNeeds.Nothing, (m, u) => tls.User(u.User)),
                PerUser(CheckIds.NetworkUserProxy, CheckNeeds.Nothing, (m, u) => userProxy.UserProxy(u.User, m.Caller, m.Options)),
                PerUser(CheckIds.AccountPrt, CheckNeeds.Dsreg, (m, u) => account.Prt(u.User, m.Dsreg!, m.Caller)),
                PerUser(CheckIds.AccountWamPolicy, CheckNeeds.Nothing, (m, u) => account.WamPolicy(u.User)),
                PerUser(CheckIds.AccountBrokerPlugin, CheckNeeds.Nothing, (m, u) => account.BrokerPlugin(u.User)),
                PerUser(CheckIds.AccountWamAccounts, CheckNeeds.Nothing, (m, u) => wam.WamAccounts(u.User, m.Caller, m.Options.Timeout)),
                PerUser(CheckIds.TeamsClient, CheckNeeds.Installations, (m, u) => teams.Client(u.User, u.Installations)),
                PerUser(CheckIds.TeamsCache, CheckNeeds.Installations | CheckNeeds.CodesSeen,
                    (m, u) => teams.Cache(u.User, u.Installations, u.CodesSeen)),
                PerUser(CheckIds.EvidenceAadEvents, CheckNeeds.AadEvents, (m, u) => u.Events!.Finding),

                // Logs are read before anything could clear them: this command changes nothing, and the repair cmdlets come after it.
                PerUser(CheckIds.EvidenceTeamsLogs, CheckNeeds.LogScan, (m, u) => u.Logs!.Finding),
                PerUser(CheckIds.TeamsWebView2, CheckNeeds.Installations, (m, u) => webView2.WebView2(u.User, u.Installations,
                    m.Options.MinimumWebView2Version)),
                PerUser(CheckIds.TeamsVersion, CheckNeeds.Installations,
                    (m, u) => version.Version(u.User, u.Installations, m.Options.MinimumTeamsVersion)),
                PerUser(CheckIds.TeamsTenantList, CheckNeeds.Dsreg, (m, u) => policies.TenantRestriction(u.User, m.Dsreg)),
            };
        }

        public IReadOnlyList<CheckRow> Rows { get; }

        public NetworkSettingsChecks NetworkSettings { get; }

        public EndpointProbeChecks Endpoints { get; }

        public AccountChecks Account { get; }

        public EvidenceChecks Evidence { get; }

        public TeamsChecks Teams { get; }

        private static CheckRow Machine(string id, CheckNeeds needs, System.Func<DiagnosisInputs, TeamsCaa20002Finding> run) =>
            new CheckRow(id, CheckScope.Machine, needs, (m, u) => run(m));

        private static CheckRow PerUser(string id, CheckNeeds needs, System.Func<DiagnosisInputs, UserInputs, TeamsCaa20002Finding> run) =>
            new CheckRow(id, CheckScope.PerUser, needs, (m, u) => run(m, u!));
    }
}
