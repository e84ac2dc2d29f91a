using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TeamsRemediation.Errors;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Windows;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// Runs one command of this module in the sessions of the logged-on users, from SYSTEM (or an elevated admin), and
    /// brings back what it returned. Each active session gets its own one-shot task for its own user, registered by
    /// SID with that user's interactive token; sessions run side by side up to a limit. Every task and every run
    /// folder is removed again whatever happens (success, failure, timeout, log-off, the caller stopping), and a run
    /// first removes what runs that died before it left behind. SYSTEM's own account is never a target.
    /// </summary>
    public sealed class UserSessionBridge
    {
        public const string LogSource = "UserBridge";

        private readonly IMachine machine;
        private readonly BridgeLog log;
        private readonly BridgeCleanup cleanup;
        private readonly BridgeSessionRun sessionRun;
        private readonly ShippedScripts scripts;

        public UserSessionBridge(IMachine machine, MachineLog log)
            : this(machine, log, ShippedScripts.ForModule(machine))
        {
        }

        /// <summary>
        /// A bridge that starts the child script from <paramref name="scripts"/>: the module's own Scripts folder, or a copy a test changes.
        /// </summary>
        public UserSessionBridge(IMachine machine, MachineLog log, ShippedScripts scripts)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            this.scripts = scripts ?? throw new ArgumentNullException(nameof(scripts));
            this.log = new BridgeLog(log ?? throw new ArgumentNullException(nameof(log)));
            cleanup = new BridgeCleanup(machine, this.log);
            sessionRun = new BridgeSessionRun(machine, this.log, cleanup);
        }

        /// <summary>One entry per session (run or skipped) and per requested user without a session, in session order.</summary>
        /// <exception cref="UserBridgeException">
        /// The request is invalid, names a service account, the caller may not do this, or the child script is not the one the module
        /// shipped (ModuleScriptAltered) or the session launcher is not (ModuleLauncherAltered): nothing was started.
        /// </exception>
        public IReadOnlyList<UserSessionRun> Run(BridgeRequest request, CancellationToken cancellation)
        {
            try
            {
                request.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UserBridgeException(ModuleErrors.UserBridgeInvalidRequest(e));
            }

            var serviceAccount = request.UserSids.FirstOrDefault(WellKnownSids.IsServiceAccount);
            if (serviceAccount != null)
            {
                Warn("Refused: " + serviceAccount + " is a service account and never a target.");
                throw new UserBridgeException(ModuleErrors.ServiceAccountNotATarget(serviceAccount));
            }

            var caller = machine.Users.GetCurrentIdentity();
            if (!caller.IsSystem && !caller.IsElevated)
            {
                throw new UserBridgeException(ModuleErrors.UserBridgeNotPrivileged(caller.UserName));
            }

            Log("Request by " + caller.Sid + ": " + request.CommandName + Describe(request) + ", timeout " + request.Timeout.TotalSeconds + " s.");
            string scriptPath;
            string launcherPath;
            try
            {
                scriptPath = scripts.Verified(ChildScript);
                launcherPath = ShippedLauncher.Beside(machine, scripts).Verified();
            }
            catch (ShippedScriptException e)
            {
                Warn("Refused: " + e.Error.Id + ": " + e.Message + " Nothing was started.");
                throw new UserBridgeException(e.Error);
            }

            cleanup.RemoveLeftovers();

            var runs = new List<UserSessionRun>();
            var toRun = new List<InteractiveSession>();
            IReadOnlyList<InteractiveSession> sessions;
            try
            {
                sessions = machine.Users.GetInteractiveSessions();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Warn("The sessions of this PC could not be listed (" + e.Message + "): nothing was started.");
                throw new UserBridgeException(ModuleErrors.UserSessionsUnreadable(e));
            }

            foreach (var session in sessions.OrderBy(s => s.SessionId))
            {
                if ((request.UserSids.Count > 0 && !request.UserSids.Contains(session.UserSid))
                    || (request.SessionIds.Count > 0 && !request.SessionIds.Contains(session.SessionId)))
                {
                    continue;
                }

                if (WellKnownSids.IsServiceAccount(session.UserSid))
                {
                    Log("Session " + session.SessionId + " belongs to the service account " + session.UserSid + ": skipped.");
                    runs.Add(Skipped(session, ModuleErrors.ServiceAccountNotATarget(session.UserSid)));
                }
                else if (!session.Active && !request.IncludeDisconnected)
                {
                    Log("Session " + session.SessionId + " of " + session.UserSid + " is disconnected: skipped.");
                    runs.Add(Skipped(session, ModuleErrors.UserSessionDisconnected(session.UserName, session.SessionId)));
                }
                else
                {
                    toRun.Add(session);
                }
            }

            foreach (var sid in request.UserSids.Where(sid => !sessions.Any(s => s.UserSid.Equals(sid, StringComparison.OrdinalIgnoreCase))))
            {
                Log(sid + " has no session on this PC: nothing to run.");
                runs.Add(new UserSessionRun(sid, sid, -1, string.Empty, UserSessionRunOutcome.Skipped, null,
                    new[] { ModuleErrors.UserSessionNotFound(sid) }, true));
            }

            runs.AddRange(RunAll(request, toRun, launcherPath, scriptPath, cancellation));
            return runs.OrderBy(r => r.SessionId).ThenBy(r => r.UserSid, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>
        /// Up to MaxParallel sessions at once, each worker on its own thread taking the next session when it is done. Not
        /// Parallel.For: it hands out sessions in chunks, so one slow session held the next ones back behind it.
        /// </summary>
        private UserSessionRun[] RunAll(BridgeRequest request, IReadOnlyList<InteractiveSession> sessions, string launcherPath, string scriptPath,
            CancellationToken cancellation)
        {
            var done = new UserSessionRun[sessions.Count];
            var next = -1;
            var failures = new ConcurrentQueue<Exception>();
            var workers = Enumerable.Range(0, Math.Min(request.MaxParallel, sessions.Count)).Select(_ => new Thread(() =>
            {
                try
                {
                    for (var i = Interlocked.Increment(ref next); i < sessions.Count; i = Interlocked.Increment(ref next))
                    {
                        done[i] = sessionRun.Run(request, sessions[i], launcherPath, scriptPath, cancellation);
                    }
                }
                catch (Exception e)
                {
                    // A session's run reports every expected failure as a value; anything else reaches the caller after the others finished.
                    failures.Enqueue(e);
                }
            }) { IsBackground = true, Name = "TeamsRemediation user bridge" }).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
            if (!failures.IsEmpty)
            {
                throw new AggregateException(failures);
            }

            return done;
        }

        /// <summary>The shipped script the task runs in the user's session.</summary>
        public const string ChildScript = "UserBridgeChild.ps1";

        private static UserSessionRun Skipped(InteractiveSession session, ModuleError why) =>
            new UserSessionRun(session.UserSid, session.UserName, session.SessionId, string.Empty, UserSessionRunOutcome.Skipped, null,
                new[] { why }, true);

        private static string Describe(BridgeRequest request) =>
            (request.Parameters.Count + request.ListParameters.Count + request.Switches.Count) == 0 ? string.Empty
                : " with " + string.Join(", ",
                    request.Parameters.Keys.Concat(request.ListParameters.Keys).Concat(request.Switches).Select(n => "-" + n));

        private void Log(string message) => log.Info(message);

        private void Warn(string message) => log.Warn(message);
    }
}
