using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TeamsRemediation.Answers;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

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
        private readonly DiagnosisProgress progress;

        /// <param name="machine">The PC diagnosed.</param>
        /// <param name="options">What was asked for.</param>
        /// <param name="host">Where the progress goes (the cmdlet); null for none.</param>
        public Caa20002Diagnosis(IMachine machine, DiagnosisOptions options, Hosting.IRemediationHost? host = null)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            progress = new DiagnosisProgress(host, machine.ComputerName);
        }

        /// <summary>What the last <see cref="Run"/> read of the answered-evidence records: the files it ignored and why it read none.</summary>
        public AnswerLedgerReading Answers { get; private set; } = AnswerLedgerReading.Empty;

        public IReadOnlyList<TeamsCaa20002Finding> Run(IReadOnlyList<TargetUser> users)
        {
            var startedAt = DateTime.UtcNow;

            // Evidence a change of the module answered after it was logged does not count; only records from the protected folder.
            Answers = users.Count > 0 && (options.Wants(CheckIds.EvidenceAadEvents) || options.Wants(CheckIds.EvidenceTeamsLogs)
                || options.Wants(CheckIds.TeamsCache)) ? AnswerLedger.Read(machine) : AnswerLedgerReading.Empty;
            var answered = new AnsweredEvidence(Answers.Records);
            var findings = new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime);
            var table = new CheckTable(machine, findings);
            var wanted = table.Rows.Where(r => options.Wants(r.Id) && (r.Scope == CheckScope.Machine || users.Count > 0)).ToList();
            var needs = wanted.Aggregate(CheckNeeds.Nothing, (all, row) => all | row.Needs);
            var machineInputs = new DiagnosisInputs(options, machine.Users.GetCurrentIdentity());
            var perUser = users.Select(u => new UserInputs(u)).ToList();

            // The outside world first, all at once, each on a thread of its own: what waits on the outside must not wait for a
            // thread-pool thread too, or a busy PC turns its answers into "did not finish in time".
            var probing = !options.SkipNetwork && Needs(needs, CheckNeeds.Probes);
            if (probing || Needs(needs, CheckNeeds.Proxies))
            {
                machineInputs.Proxies = table.NetworkSettings.ReadProxies(users);
            }

            // dsregcmd also names the cloud whose endpoints are probed, unless -Endpoint chose them.
            var dsreg = Needs(needs, CheckNeeds.Dsreg) || probing && !options.EndpointsGiven
                ? OwnThread.Run("TeamsRemediation dsregcmd", () => table.Account.RunDsregcmd(options.Timeout))
                : null;
            var events = Needs(needs, CheckNeeds.AadEvents)
                ? OwnThread.Run("TeamsRemediation event log", () => machine.Events.ReadAadTokenErrors(options.EventWindow, options.Timeout))
                : null;
            var tpm = Needs(needs, CheckNeeds.TpmEvents)
                ? OwnThread.Run("TeamsRemediation TPM events", () => machine.Events.ReadTpmLockouts(options.EventWindow, options.Timeout))
                : null;
            var tpmState = Needs(needs, CheckNeeds.TpmEvents)
                ? OwnThread.Run("TeamsRemediation TPM state", () => machine.Tpm.ReadLockout())
                : null;
            var probes = probing
                ? EndpointProbePlan.Start(options, dsreg, events,
                    (endpoints, timeout) => table.Endpoints.StartProbes(endpoints, machineInputs.Proxies.Route, timeout,
                        ProbeRound.FairTime(options.Timeout)))
                : null;

            // What only the users' own sessions can show (dsregcmd's SSO State) is read there, alongside the probes and under their deadline.
            var sessionRead = UserSessionRead.Start(machine, options, users);

            // Each user's logs are read once, all users' at once, while the checks below run.
            var logScans = perUser
                .Select(mine => Needs(needs, CheckNeeds.LogScan)
                    ? Task.Run(() => table.Evidence.TeamsLogs(mine.User, options.Since, options.OutsideThePcSince, answered))
                    : null)
                .ToList();

            // Local checks while those run.
            var machineFindings = new Dictionary<string, TeamsCaa20002Finding>();
            var userFindings = perUser.Select(_ => new Dictionary<string, TeamsCaa20002Finding>()).ToList();
            var later = wanted.Where(r => r.RunsLater).ToList();
            var now = wanted.Except(later).ToList();
            progress.MachineChecks();
            RunRows(now, CheckScope.Machine, machineInputs, null, machineFindings);
            var deadline = startedAt + options.Timeout;
            for (var u = 0; u < perUser.Count; u++)
            {
                var mine = perUser[u];
                progress.User(mine.User.UserName, u + 1, perUser.Count);
                if (Needs(needs, CheckNeeds.Installations))
                {
                    mine.Installations = table.Teams.Inventory(mine.User, deadline);
                }

                var logScan = logScans[u];
                if (logScan != null)
                {
                    mine.Logs = Read(CheckIds.EvidenceTeamsLogs, mine.User, () => logScan.GetAwaiter().GetResult());
                }

                RunRows(now, CheckScope.PerUser, machineInputs, mine, userFindings[u]);
            }

            // Then wait for the outside, never past the deadline plus grace.
            deadline += Grace;
            if (probes != null)
            {
                progress.WaitingForProbes(probes.Endpoints.Count, options.Timeout);
                machineInputs.ProbeResults = probes.Wait(deadline);
                machineInputs.Cloud = probes.Detection;
            }

            machineInputs.TlsRegistryFails = new[] { CheckIds.TlsSchannel, CheckIds.TlsWinHttp }
                .Any(id => machineFindings.TryGetValue(id, out var f) && f.Status == FindingStatus.Fail);
            machineInputs.Dsreg = dsreg == null || !Needs(needs, CheckNeeds.Dsreg) ? null : Wait(dsreg, deadline)
                ?? new DsregRun(null, "dsregcmd /status did not finish within " + options.Timeout.TotalSeconds + " s.");
            machineInputs.AadEvents = events == null ? null : Wait(events, deadline)
                ?? EventQueryResult.Failed("wevtutil did not finish within " + options.Timeout.TotalSeconds + " s.");
            machineInputs.TpmLockouts = tpm == null ? null : Wait(tpm, deadline)
                ?? EventQueryResult.Failed("wevtutil did not finish within " + options.Timeout.TotalSeconds + " s.");
            machineInputs.TpmState = tpmState == null ? null : Wait(tpmState, deadline)
                ?? TpmLockoutState.Unreadable("the TPM did not answer within " + options.Timeout.TotalSeconds + " s.");

            // What the evidence showed, as one value per user, before the checks that weigh it.
            progress.Evidence();
            foreach (var mine in perUser)
            {
                var eventResult = machineInputs.AadEvents;
                if (eventResult != null)
                {
                    mine.Events = Read(CheckIds.EvidenceAadEvents, mine.User,
                        () => table.Evidence.AadEvents(mine.User, eventResult, options.Since, options.OutsideThePcSince, answered));
                }

                mine.CodesSeen = (mine.Logs?.CodesHere ?? new CodeInfo[0]).Concat(mine.Events?.CodesHere ?? new CodeInfo[0]).ToList();
            }

            machineInputs.UserEvidence = perUser.SelectMany(u => new[] { u.Logs, u.Events })
                .SelectMany(r => r?.Finding.Evidence ?? new string[0]).ToList();

            RunRows(later, CheckScope.Machine, machineInputs, null, machineFindings);
            var fromSessions = sessionRead?.Collect(deadline, findings);
            var all = CheckIds.Machine.Where(machineFindings.ContainsKey).Select(id => machineFindings[id]).ToList();
            for (var u = 0; u < perUser.Count; u++)
            {
                var mine = userFindings[u];
                RunRows(later, CheckScope.PerUser, machineInputs, perUser[u], mine);
                if (fromSessions != null && fromSessions.TryGetValue(perUser[u].User.Sid, out var read))
                {
                    foreach (var pair in read)
                    {
                        mine[pair.Key] = pair.Value;
                    }
                }

                all.AddRange(CheckIds.PerUser.Where(mine.ContainsKey).Select(id => mine[id]));
            }

            if (users.Count == 0 && options.NobodyToCheck != null)
            {
                // Said once: the first per-user row carries the reason, the others point to it instead of repeating it.
                var perUserWanted = CheckIds.PerUser.Where(options.Wants).ToList();
                all.AddRange(perUserWanted.Select((id, i) => findings.Skipped(id, null, i == 0 ? "no user to check: " + options.NobodyToCheck
                    : "no user to check (see " + perUserWanted[0] + ").")));
            }

            progress.Done();
            return all;
        }

        private static bool Needs(CheckNeeds all, CheckNeeds one) => (all & one) != 0;

        private void RunRows(IEnumerable<CheckRow> rows, CheckScope scope, DiagnosisInputs inputs, UserInputs? user,
            Dictionary<string, TeamsCaa20002Finding> into)
        {
            foreach (var row in rows.Where(r => r.Scope == scope))
            {
                into[row.Id] = Guarded(row.Id, user?.User, () => row.Run(inputs, user));
            }
        }

        /// <summary>An evidence reading, or a Skipped finding without codes when its source could not be read.</summary>
        private EvidenceReading Read(string checkId, TargetUser user, Func<EvidenceReading> read)
        {
            EvidenceReading? reading = null;
            var finding = Guarded(checkId, user, () => (reading = read()).Finding);
            return reading ?? EvidenceReading.NoCodes(finding);
        }

        private TeamsCaa20002Finding Guarded(string checkId, TargetUser? user, Func<TeamsCaa20002Finding> check)
        {
            try
            {
                return check();
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is System.IO.IOException || e is System.Security.SecurityException)
            {
                // One check that cannot read its source (another user's hive is access-denied for a standard user)
                // never stops the others: it is information, reported for the user it was about.
                return new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime).Skipped(checkId, user,
                    "its data could not be read: " + e.Message);
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
    }
}
