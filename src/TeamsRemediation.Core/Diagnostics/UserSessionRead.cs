using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamsRemediation.Errors;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.UserBridge;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// The checks whose facts exist only in the user's own session (dsregcmd's User and SSO State), read there when the diagnosis
    /// runs as SYSTEM or elevated for a logged-on user: Test-TeamsCaa20002 -CheckId those checks -SkipUserSession runs in each
    /// user's session through <see cref="UserSessionBridge"/> (one one-shot task per session, side by side), and its findings come
    /// back through <see cref="SessionFindingReader"/>. The read starts with the probes and shares their deadline: the bridge
    /// waits at most the diagnosis's timeout, the session's own checks get half of it, and whatever has not come back by the
    /// deadline plus the grace is cancelled (its task stopped and deleted) and Skipped with the reason, never a Pass or a Fail.
    /// </summary>
    internal sealed class UserSessionRead
    {
        /// <summary>The command the user's session runs.</summary>
        public const string SessionCommand = "Test-TeamsCaa20002";

        /// <summary>
        /// The checks read in the user's session: what dsregcmd and Web Account Manager show only to the account that runs them, and the
        /// proxy the user's own PAC or WPAD picks.
        /// </summary>
        public static readonly IReadOnlyList<string> SessionChecks = new[] { CheckIds.NetworkUserProxy, CheckIds.AccountPrt,
            CheckIds.AccountWamAccounts };

        private const string LogSource = "Diagnosis";

        private readonly IMachine machine;
        private readonly DiagnosisOptions options;
        private readonly CancellationTokenSource cancel = new CancellationTokenSource();
        private readonly List<string> asked;
        private readonly List<TargetUser> users;
        private readonly Task<IReadOnlyList<UserSessionRun>>? running;
        private readonly string? refused;

        private UserSessionRead(IMachine machine, DiagnosisOptions options, List<string> asked, List<TargetUser> users)
        {
            this.machine = machine;
            this.options = options;
            this.asked = asked;
            this.users = users;
            var sessions = users.Where(u => u.LoggedOn).ToList();
            if (sessions.Count == 0)
            {
                return;
            }

            var request = new BridgeRequest(options.UserSessionModule!, SessionCommand)
            {
                Timeout = options.Timeout,
                MaxParallel = Math.Min(sessions.Count, 8),
            };
            request.ListParameters["CheckId"] = asked.ToList();
            request.Switches.Add("SkipUserSession");
            if (options.SkipNetwork)
            {
                request.Switches.Add("SkipNetwork");
            }

            if (options.EndpointsGiven)
            {
                request.ListParameters["Endpoint"] = options.Endpoints.Select(e => "https://" + e).ToList();
            }

            request.Parameters["TimeoutSeconds"] = SessionTimeoutSeconds(options.Timeout).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var user in sessions)
            {
                request.UserSids.Add(user.Sid);
            }

            var log = new MachineLog(machine);
            log.Write(LogSource, "Reading " + string.Join(", ", asked) + " in the sessions of " + string.Join(", ", sessions.Select(u => u.Sid))
                + " within " + options.Timeout.TotalSeconds + " s.");
            try
            {
                request.Validate();
                running = OwnThread.Run("TeamsRemediation user sessions", () => new UserSessionBridge(machine, log).Run(request, cancel.Token));
            }
            catch (ArgumentException e)
            {
                refused = ModuleErrors.UserBridgeInvalidRequest(e).Id + ": " + e.Message;
            }
        }

        /// <summary>
        /// Starts the read for the users it applies to, or returns null when it applies to nobody: -SkipUserSession (no module path), a
        /// caller who is neither SYSTEM nor elevated, or no wanted check that needs the session.
        /// </summary>
        public static UserSessionRead? Start(IMachine machine, DiagnosisOptions options, IReadOnlyList<TargetUser> users)
        {
            if (string.IsNullOrEmpty(options.UserSessionModule) || users.Count == 0)
            {
                return null;
            }

            var caller = machine.Users.GetCurrentIdentity();
            var others = users.Where(u => !u.IsCaller).ToList();
            var asked = SessionChecks.Where(options.Wants).ToList();
            if (!(caller.IsSystem || caller.IsElevated) || others.Count == 0 || asked.Count == 0)
            {
                return null;
            }

            return new UserSessionRead(machine, options, asked, others);
        }

        /// <summary>The session's own -TimeoutSeconds: half the budget, so its dsregcmd has ended before the bridge stops waiting.</summary>
        public static int SessionTimeoutSeconds(TimeSpan timeout) => Math.Max(1, (int)(timeout.TotalSeconds / 2));

        /// <summary>
        /// The findings of each user this read was for, by SID and check id: what their session returned, or a Skipped finding with the
        /// reason (logged off, disconnected, timed out, rejected). Waits for the sessions until <paramref name="deadlineUtc"/>, then
        /// cancels what still runs.
        /// </summary>
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, TeamsCaa20002Finding>> Collect(DateTime deadlineUtc, FindingFactory findings)
        {
            var runs = Wait(deadlineUtc, out var problem);
            var all = new Dictionary<string, IReadOnlyDictionary<string, TeamsCaa20002Finding>>(StringComparer.OrdinalIgnoreCase);
            foreach (var user in users)
            {
                all[user.Sid] = ForUser(user, runs, problem, findings);
            }

            return all;
        }

        private IReadOnlyList<UserSessionRun> Wait(DateTime deadlineUtc, out string problem)
        {
            problem = refused ?? string.Empty;
            if (running == null)
            {
                return Array.Empty<UserSessionRun>();
            }

            var left = deadlineUtc - DateTime.UtcNow;
            if (!running.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                // The bridge stops and deletes what still runs when cancelled; a short wait lets it say so, the rest it finishes alone.
                cancel.Cancel();
                running.Wait(Caa20002Diagnosis.Grace);
                if (!running.IsCompleted)
                {
                    problem = "the user's session did not answer within " + options.Timeout.TotalSeconds + " s (-TimeoutSeconds)";
                    return Array.Empty<UserSessionRun>();
                }
            }

            if (running.IsFaulted)
            {
                var error = running.Exception!.InnerException;
                problem = error is UserBridgeException bridge ? bridge.Error.Id + ": " + bridge.Message : "the session could not be reached: "
                    + error?.Message;
                return Array.Empty<UserSessionRun>();
            }

            return running.Result;
        }

        private IReadOnlyDictionary<string, TeamsCaa20002Finding> ForUser(TargetUser user, IReadOnlyList<UserSessionRun> runs, string problem,
            FindingFactory findings)
        {
            Dictionary<string, TeamsCaa20002Finding> SkipAll(string why) =>
                asked.ToDictionary(id => id, id => findings.Skipped(id, user, why.TrimEnd('.') + Advice()), StringComparer.Ordinal);

            if (!user.LoggedOn)
            {
                return SkipAll(user.UserName + " is not logged on: this check reads what exists only in the user's own session");
            }

            if (problem.Length > 0)
            {
                return SkipAll(problem);
            }

            var mine = runs.Where(r => r.UserSid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase)).ToList();
            var run = mine.FirstOrDefault(r => r.SessionId == user.SessionId && r.Outcome == UserSessionRunOutcome.Completed)
                ?? mine.FirstOrDefault(r => r.Outcome == UserSessionRunOutcome.Completed) ?? mine.FirstOrDefault();
            if (run == null)
            {
                return SkipAll("no run was made in " + user.UserName + "'s session");
            }

            if (run.Outcome != UserSessionRunOutcome.Completed || run.Result == null)
            {
                var first = run.Problems.FirstOrDefault();
                return SkipAll(first == null ? "the run in " + user.UserName + "'s session ended " + run.Outcome : first.Id + ": " + first.Message);
            }

            IReadOnlyDictionary<string, TeamsCaa20002Finding> returned;
            try
            {
                returned = SessionFindingReader.Read(run, machine, user, asked, machine.Clock.UtcNow.UtcDateTime);
            }
            catch (UserBridgeException e)
            {
                new MachineLog(machine).Write(LogSource, "Rejected what " + user.Sid + "'s session " + run.SessionId + " returned: " + e.Error.Id
                    + ": " + e.Message, EventLogLevel.Warning);
                return SkipAll(e.Error.Id + ": " + e.Message);
            }

            var sessionErrors = run.Result.Errors.Select(e => SessionResultFields.ToModuleError(e, user.UserName + "'s session " + run.SessionId))
                .Concat(run.Problems).ToList();
            var all = new Dictionary<string, TeamsCaa20002Finding>(StringComparer.Ordinal);
            foreach (var id in asked)
            {
                all[id] = returned.TryGetValue(id, out var finding) ? finding : findings.Skipped(id, user, sessionErrors.Count > 0
                    ? sessionErrors[0].Id + ": " + sessionErrors[0].Message
                    : user.UserName + "'s session returned no finding for this check");
            }

            return all;
        }

        private static string Advice() => ". Run Test-TeamsCaa20002 again while the user is logged on and active, or as that user (Intune: run "
            + "this script using the logged-on credentials).";
    }
}
