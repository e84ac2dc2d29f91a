using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.UserBridge;

namespace TeamsRemediation.Account
{
    /// <summary>
    /// Reset-TeamsWorkAccount's ladder for a set of users, wherever the caller runs. Every step runs here first; a step that
    /// comes back RequiresUserContext (WAM sign-out, broker registration, cached credentials, the token broker's accounts,
    /// the Teams app reset, starting Teams) is then run in that user's own session: one one-shot task per session through
    /// <see cref="UserSessionBridge"/>, all sessions side by side, each running Reset-TeamsWorkAccount -Force as the user.
    /// What comes back replaces the RequiresUserContext result and says who ran it (<see cref="TeamsAccountResetStep.RanAs"/>,
    /// <see cref="TeamsAccountResetStep.SessionId"/>). The user's session is asked for once per user, through the host:
    /// -WhatIf starts no task, a declined run leaves the steps Skipped.
    /// <para>
    /// Journals: what the user's session changes (the token broker's accounts) is journaled there, in that user's own
    /// profile, because the change is made with the user's rights. An elevated Undo-TeamsRemediation refuses that journal
    /// (the user could have edited it to name another user's data); it is restored in the user's session, by the user or
    /// by Undo-TeamsRemediation run as the user. What runs here (the WAM override values, the broker folder) stays in this
    /// run's own journal, <see cref="Journal"/>.
    /// </para>
    /// </summary>
    public sealed class UserSessionAccountReset
    {
        /// <summary>The command the user's session runs; its objects are read back as <see cref="TeamsAccountResetStep"/>.</summary>
        public const string SessionCommand = "Reset-TeamsWorkAccount";

        private const string LogSource = "AccountReset";

        private readonly IMachine machine;
        private readonly IRemediationHost host;
        private readonly WorkAccountResetOptions options;
        private readonly WorkAccountResetter resetter;
        private readonly MachineLog log;

        /// <param name="machine">The PC acted on.</param>
        /// <param name="host">Asked before each change here and once per user before their session runs; receives every error.</param>
        /// <param name="options">What the caller asked for; its ModuleManifestPath is what the user's session imports.</param>
        /// <param name="journalPath">This run's journal file; null for a new one in the default journal folder.</param>
        /// <param name="log">The per-machine log; null for the machine's own.</param>
        public UserSessionAccountReset(IMachine machine, IRemediationHost host, WorkAccountResetOptions options, string? journalPath = null,
            MachineLog? log = null)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            this.host = host ?? throw new ArgumentNullException(nameof(host));
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            this.log = log ?? new MachineLog(machine);
            resetter = new WorkAccountResetter(machine, host, options, journalPath);
        }

        /// <summary>The journal of what ran here; empty until a recorded change was made.</summary>
        public ChangeJournal Journal => resetter.Journal;

        /// <summary>
        /// True when this caller would run <paramref name="user"/>'s per-user steps in the user's session: the caller is
        /// SYSTEM or elevated, is not that user, the user is logged on, and the caller did not ask to only report.
        /// </summary>
        public bool RunsInUserSession(TargetUser user)
        {
            if (options.ReportUserSteps || WorkAccountResetter.CanActAsUser(user) || !user.LoggedOn)
            {
                return false;
            }

            return JournalStorage.IsPrivileged(machine.Users.GetCurrentIdentity());
        }

        /// <summary>
        /// The ladder for each user, in the order given, steps in ladder order. Failed steps and the sessions' own errors are
        /// reported through the host (the sessions' errors with the ids they had there). Throws
        /// <see cref="JournalWriteException"/> when this run's journal cannot be written (nothing more is changed then).
        /// </summary>
        public IReadOnlyList<TeamsAccountResetStep> Reset(IReadOnlyList<TargetUser> users, CancellationToken cancellation = default)
        {
            var ladders = users.Select(u => new UserLadder(u, resetter.Reset(u).ToList())).ToList();
            var waiting = ladders.Where(l => l.NeedsUser.Count > 0 && RunsInUserSession(l.User)).ToList();
            foreach (var ladder in ladders.Where(l => l.NeedsUser.Count > 0 && !waiting.Contains(l)))
            {
                host.Warning(ladder.User.UserName + ": the WAM sign-out, broker registration and credential steps ("
                    + string.Join(", ", ladder.NeedsUser.Select(s => s.Step)) + ") run only as that user and were not done here. Run as the user: "
                    + WorkAccountResetter.UserContextCommand(machine, options));
            }

            var approved = new List<UserLadder>();
            foreach (var ladder in waiting)
            {
                var action = "Run as " + ladder.User.UserName + " in their session " + ladder.User.SessionId + " (a one-shot scheduled task): "
                    + string.Join("; ", ladder.NeedsUser.Select(s => s.Action));
                var consent = host.Ask(ladder.User.UserName, action);
                if (consent == Consent.Yes)
                {
                    approved.Add(ladder);
                    continue;
                }

                var whatIf = consent == Consent.WhatIf;
                ladder.ReplaceAll(whatIf ? AccountResetStatus.WhatIf : AccountResetStatus.Skipped,
                    (whatIf ? "What if: " : "Declined: ") + "run as " + ladder.User.UserName + " in their session " + ladder.User.SessionId + ".");
            }

            if (approved.Count > 0)
            {
                RunInSessions(approved, cancellation);
            }

            var all = new List<TeamsAccountResetStep>();
            foreach (var step in ladders.SelectMany(l => l.Steps))
            {
                if (step.Status == AccountResetStatus.Failed)
                {
                    host.Error(ModuleErrors.WorkAccountStepFailed(step.User, step.Step.ToString(), step.Detail));
                }

                all.Add(step);
            }

            return all;
        }

        private void RunInSessions(IReadOnlyList<UserLadder> ladders, CancellationToken cancellation)
        {
            var request = new BridgeRequest(options.ModuleManifestPath, SessionCommand)
            {
                Timeout = options.UserSessionTimeout,
                MaxParallel = options.MaxParallelSessions,
                IncludeDisconnected = options.IncludeDisconnectedSessions,
            };
            request.Switches.Add("Force");
            // Only the steps that wait for the user; the ones done here are not done twice.
            request.ListParameters["Step"] = ladders.SelectMany(l => l.NeedsUser).Select(s => s.Step.ToString()).Distinct().ToList();
            AddSwitch(request, "IncludeOffice", options.IncludeOffice);
            AddSwitch(request, "Restart", options.Restart);
            AddSwitch(request, "ClearTokenBrokerAccounts", options.ClearTokenBrokerAccounts);
            AddSwitch(request, "ResetTeamsApp", options.ResetTeamsApp);
            foreach (var ladder in ladders)
            {
                request.UserSids.Add(ladder.User.Sid);
            }

            IReadOnlyList<UserSessionRun> runs;
            try
            {
                log.Write(LogSource, "Running " + SessionCommand + "'s per-user steps in the sessions of " + string.Join(", ",
                    ladders.Select(l => l.User.Sid)) + ".");
                host.Verbose("Running the per-user steps in the sessions of " + string.Join(", ", ladders.Select(l => l.User.UserName))
                    + " (one-shot tasks, at most " + request.MaxParallel + " at once, " + request.Timeout.TotalMinutes + " min each).");
                runs = new UserSessionBridge(machine, log).Run(request, cancellation);
            }
            catch (UserBridgeException e)
            {
                host.Error(e.Error);
                foreach (var ladder in ladders)
                {
                    ladder.ReplaceAll(AccountResetStatus.Failed, "Could not run in " + ladder.User.UserName + "'s session: " + e.Error);
                }

                return;
            }

            foreach (var ladder in ladders)
            {
                var mine = runs.Where(r => r.UserSid.Equals(ladder.User.Sid, StringComparison.OrdinalIgnoreCase)).ToList();
                var run = mine.FirstOrDefault(r => r.SessionId == ladder.User.SessionId) ?? mine.FirstOrDefault();
                if (run == null)
                {
                    ladder.ReplaceAll(AccountResetStatus.Failed, "No run was made in " + ladder.User.UserName + "'s session.");
                    continue;
                }

                Merge(ladder, run);
            }
        }

        private void Merge(UserLadder ladder, UserSessionRun run)
        {
            var where = ladder.User.UserName + "'s session " + run.SessionId;
            if (run.Outcome == UserSessionRunOutcome.Skipped)
            {
                foreach (var problem in run.Problems)
                {
                    host.Warning(problem.Message + " " + problem.RecommendedAction);
                }

                ladder.AppendToAll("Not run in " + where + ": " + string.Join(" ", run.Problems.Select(p => p.Message)));
                return;
            }

            foreach (var problem in run.Problems)
            {
                host.Error(problem);
            }

            if (run.Result == null)
            {
                ladder.ReplaceAll(AccountResetStatus.Failed, run.WhyNoResult(where));
                return;
            }

            IReadOnlyList<TeamsAccountResetStep> returned;
            try
            {
                returned = SessionStepReader.Read(run, machine, ladder.User);
            }
            catch (UserBridgeException e)
            {
                log.Write(LogSource, "Rejected what " + where + " returned: " + e.Error.Id + ": " + e.Message, EventLogLevel.Warning);
                host.Error(e.Error);
                ladder.ReplaceAll(AccountResetStatus.Failed, "What " + where + " returned was rejected: " + e.Error.Message);
                return;
            }

            // The session's WorkAccountStepFailed errors are reported again, once, for the steps that are kept.
            var errors = run.Result.Errors.Select(e => SessionResultFields.ToModuleError(e, where));
            foreach (var error in errors.Where(e => e.Id != "WorkAccountStepFailed"))
            {
                host.Error(error);
            }

            ladder.ReplaceFrom(returned, "The run in " + where + " returned no result for this step.");
            log.Write(LogSource, where + " (" + ladder.User.Sid + "): " + string.Join(", ", ladder.Steps.Where(s => s.SessionId == run.SessionId
                && s.RanAs == ladder.User.UserName).Select(s => s.Step + " " + s.Status)) + ".");
        }

        private static void AddSwitch(BridgeRequest request, string name, bool set)
        {
            if (set)
            {
                request.Switches.Add(name);
            }
        }

        /// <summary>One user's ladder as it ran here, and the steps of it waiting for the user's session.</summary>
        private sealed class UserLadder
        {
            public UserLadder(TargetUser user, List<TeamsAccountResetStep> steps)
            {
                User = user;
                Steps = steps;
                NeedsUser = steps.Where(s => s.Status == AccountResetStatus.RequiresUserContext).ToList();
            }

            public TargetUser User { get; }

            public List<TeamsAccountResetStep> Steps { get; }

            public IReadOnlyList<TeamsAccountResetStep> NeedsUser { get; }

            public void ReplaceAll(AccountResetStatus status, string detail)
            {
                foreach (var step in NeedsUser)
                {
                    step.Status = status;
                    step.Detail = detail;
                }
            }

            public void AppendToAll(string detail)
            {
                foreach (var step in NeedsUser)
                {
                    step.Detail = detail + " " + step.Detail;
                }
            }

            /// <summary>Each waiting step becomes the session's step of the same name; a step the session did not return fails.</summary>
            public void ReplaceFrom(IReadOnlyList<TeamsAccountResetStep> returned, string missing)
            {
                foreach (var waiting in NeedsUser)
                {
                    var index = Steps.IndexOf(waiting);
                    var found = returned.FirstOrDefault(r => r.Step == waiting.Step);
                    if (found != null)
                    {
                        Steps[index] = found;
                    }
                    else
                    {
                        waiting.Status = AccountResetStatus.Failed;
                        waiting.Detail = missing;
                    }
                }
            }
        }
    }
}
