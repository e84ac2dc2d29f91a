using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Test-TeamsCaa20002's service: runs every check for the machine and each target user, changes nothing,
    /// and returns the findings. What waits on the outside (all endpoint probes, dsregcmd, wevtutil) starts
    /// first and in parallel under one deadline, while the local checks run; the call returns by the deadline
    /// plus a short grace whatever the network does. Findings are returned, never written from another thread.
    /// </summary>
    public sealed class Caa20002Diagnosis
    {
        /// <summary>Time allowed after the deadline for the probes to report that they stopped.</summary>
        public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

        private readonly IMachine machine;
        private readonly DiagnosisOptions options;

        public Caa20002Diagnosis(IMachine machine, DiagnosisOptions options)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            this.options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public IReadOnlyList<TeamsCaa20002Finding> Run(IReadOnlyList<TargetUser> users)
        {
            var startedAt = DateTime.UtcNow;
            var findings = new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime);
            var network = new NetworkChecks(machine, findings);
            var account = new AccountChecks(machine, findings);
            var evidence = new EvidenceChecks(machine, findings);
            var tls = new TlsChecks(machine.Registry, findings);
            var teams = new TeamsChecks(machine, findings);
            var caller = machine.Users.GetCurrentIdentity();

            // The outside world first, all at once.
            var wantsProxy = options.Wants(CheckIds.NetworkProxy);
            var wantsProbes = !options.SkipNetwork && (options.Wants(CheckIds.NetworkEndpoint) || options.Wants(CheckIds.NetworkClockSkew) || wantsProxy);
            var proxies = wantsProbes || wantsProxy ? network.ReadProxies(users) : new ProxyPicture();
            var dsreg = options.Wants(CheckIds.AccountDeviceJoin) || users.Count > 0 && options.Wants(CheckIds.AccountPrt)
                || wantsProbes && !options.EndpointsGiven
                ? Task.Run(() => account.RunDsregcmd(options.Timeout))
                : null;
            var events = users.Count > 0 && options.Wants(CheckIds.EvidenceAadEvents)
                ? Task.Run(() => machine.Events.ReadAadTokenErrors(options.Since, options.Timeout))
                : null;
            var probes = wantsProbes
                ? EndpointProbePlan.Start(options, dsreg, events, (endpoints, timeout) => network.StartProbes(endpoints, proxies.Route, timeout))
                : null;

            // Each user's logs are read once, all users' at once, while the checks below run.
            var perUser = users.Select(u => new UserFindings(u)).ToList();
            var wantsLogs = options.Wants(CheckIds.EvidenceTeamsLogs);
            var logScans = perUser
                .Select(mine => wantsLogs ? Task.Run(() => evidence.TeamsLogs(mine.User, options.Since, mine.Codes)) : null)
                .ToList();

            // Local checks while those run.
            var machineFindings = new Dictionary<string, TeamsCaa20002Finding>();
            Add(machineFindings, CheckIds.TlsSchannel, () => tls.Machine(CheckIds.TlsSchannel, TlsSettingArea.Schannel));
            Add(machineFindings, CheckIds.TlsDotNet, () => tls.Machine(CheckIds.TlsDotNet, TlsSettingArea.DotNet));
            Add(machineFindings, CheckIds.TlsWinHttp, () => tls.Machine(CheckIds.TlsWinHttp, TlsSettingArea.WinHttp));
            Add(machineFindings, CheckIds.NetworkVpn, network.Vpn);
            // Until the cloud is known every cloud's sign-in hosts are watched: a hosts entry for any of them is suspect.
            Add(machineFindings, CheckIds.NetworkHostsFile, () => network.HostsFile(options.EndpointsGiven
                ? options.Endpoints
                : Clouds.SignInCloud.All.SelectMany(c => c.Endpoints)));

            var deadline = startedAt + options.Timeout;
            for (var u = 0; u < perUser.Count; u++)
            {
                var mine = perUser[u];
                var user = mine.User;
                var logScan = logScans[u];
                Add(mine.Findings, CheckIds.TlsInternetOptions, () => tls.User(user), user);
                Add(mine.Findings, CheckIds.AccountWamPolicy, () => account.WamPolicy(user), user);
                Add(mine.Findings, CheckIds.AccountBrokerPlugin, () => account.BrokerPlugin(user), user);
                var installations = options.Wants(CheckIds.TeamsClient) || options.Wants(CheckIds.TeamsCache)
                    ? teams.Inventory(user, deadline)
                    : new TeamsInstallation[0];
                Add(mine.Findings, CheckIds.TeamsClient, () => teams.Client(user, installations), user);

                // Logs are read before anything could clear them: this command changes nothing, and the repair cmdlets come after it.
                Add(mine.Findings, CheckIds.EvidenceTeamsLogs, () => logScan!.GetAwaiter().GetResult(), user);
                mine.Installations = installations;
            }

            // Then wait for the outside, never past the deadline plus grace.
            deadline += Grace;
            if (probes != null)
            {
                var results = probes.Wait(deadline);
                var tlsRegistryFails = new[] { CheckIds.TlsSchannel, CheckIds.TlsWinHttp }.Any(id => machineFindings.TryGetValue(id, out var f) && f.Status == FindingStatus.Fail);
                Add(machineFindings, CheckIds.NetworkEndpoint, () => network.Endpoints(results, tlsRegistryFails, probes.Detection));
                Add(machineFindings, CheckIds.NetworkClockSkew, () => network.ClockSkew(results));
                Add(machineFindings, CheckIds.NetworkProxy, () => network.Proxy(proxies, results));
            }
            else
            {
                Add(machineFindings, CheckIds.NetworkEndpoint, () => findings.Skipped(CheckIds.NetworkEndpoint, null, "-SkipNetwork was given."));
                Add(machineFindings, CheckIds.NetworkClockSkew, () => findings.Skipped(CheckIds.NetworkClockSkew, null, "-SkipNetwork was given."));
                Add(machineFindings, CheckIds.NetworkProxy, () => network.Proxy(proxies, null));
            }

            var dsregRun = dsreg == null || !(options.Wants(CheckIds.AccountDeviceJoin) || users.Count > 0 && options.Wants(CheckIds.AccountPrt))
                ? null
                : Wait(dsreg, deadline) ?? new DsregRun(null, "dsregcmd /status did not finish within " + options.Timeout.TotalSeconds + " s.");
            if (dsregRun != null)
            {
                Add(machineFindings, CheckIds.AccountDeviceJoin, () => account.DeviceJoin(dsregRun));
            }

            var eventResult = events == null ? null : Wait(events, deadline) ?? EventQueryResult.Failed("wevtutil did not finish within " + options.Timeout.TotalSeconds + " s.");
            var all = CheckIds.Machine.Where(machineFindings.ContainsKey).Select(id => machineFindings[id]).ToList();
            foreach (var mine in perUser)
            {
                var user = mine.User;
                if (dsregRun != null)
                {
                    Add(mine.Findings, CheckIds.AccountPrt, () => account.Prt(user, dsregRun, caller), user);
                }

                if (eventResult != null)
                {
                    Add(mine.Findings, CheckIds.EvidenceAadEvents, () => evidence.AadEvents(user, eventResult, options.Since, mine.Codes), user);
                }

                Add(mine.Findings, CheckIds.TeamsCache, () => teams.Cache(user, mine.Installations, mine.Codes), user);
                all.AddRange(CheckIds.PerUser.Where(mine.Findings.ContainsKey).Select(id => mine.Findings[id]));
            }

            if (users.Count == 0 && options.NobodyToCheck != null)
            {
                var reason = options.NobodyToCheck;
                all.AddRange(CheckIds.PerUser.Where(options.Wants).Select(id => findings.Skipped(id, null, "no user to check: " + reason)));
            }

            return all;
        }

        private void Add(Dictionary<string, TeamsCaa20002Finding> into, string checkId, Func<TeamsCaa20002Finding> check, TargetUser? user = null)
        {
            if (!options.Wants(checkId))
            {
                return;
            }

            try
            {
                into[checkId] = check();
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is System.IO.IOException || e is System.Security.SecurityException)
            {
                // One check that cannot read its source (another user's hive is access-denied for a standard user)
                // never stops the others: it is information, reported for the user it was about.
                var failed = new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime).Skipped(checkId, user,
                    "its data could not be read: " + e.Message);
                into[checkId] = failed;
            }
        }

        private static T? Wait<T>(Task<T> task, DateTime deadlineUtc)
            where T : class
        {
            var left = deadlineUtc - DateTime.UtcNow;
            try
            {
                return task.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero) ? task.Result : null;
            }
            catch (AggregateException)
            {
                return null;
            }
        }

        private sealed class UserFindings
        {
            public UserFindings(TargetUser user)
            {
                User = user;
            }

            public TargetUser User { get; }

            public Dictionary<string, TeamsCaa20002Finding> Findings { get; } = new Dictionary<string, TeamsCaa20002Finding>();

            public List<CodeInfo> Codes { get; } = new List<CodeInfo>();

            public IReadOnlyList<TeamsInstallation> Installations { get; set; } = new TeamsInstallation[0];
        }
    }
}
