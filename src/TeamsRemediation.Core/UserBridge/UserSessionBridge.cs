using System;
using TeamsRemediation.FileSystem;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Collections.Concurrent;
using TeamsRemediation.Errors;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Windows;
using TeamsRemediation.Text;

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

        // A leftover is a task older than the longest run could be, plus this: a run beside this one is never touched.
        private static readonly TimeSpan LeftoverMargin = TimeSpan.FromMinutes(10);

        // CreateProcess takes at most 32,767 characters for the whole command line.
        private const int MaximumCommandLine = 32000;

        private readonly IMachine machine;
        private readonly MachineLog log;

        public UserSessionBridge(IMachine machine, MachineLog log)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            this.log = log ?? throw new ArgumentNullException(nameof(log));
        }

        /// <summary>One entry per session (run or skipped) and per requested user without a session, in session order.</summary>
        /// <exception cref="UserBridgeException">The request is invalid, names a service account, or the caller may not do this.</exception>
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
            RemoveLeftovers();

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

            runs.AddRange(RunAll(request, toRun, cancellation));
            return runs.OrderBy(r => r.SessionId).ThenBy(r => r.UserSid, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>
        /// Up to MaxParallel sessions at once, each worker on its own thread taking the next session when it is done. Not
        /// Parallel.For: it hands out sessions in chunks, so one slow session held the next ones back behind it.
        /// </summary>
        private UserSessionRun[] RunAll(BridgeRequest request, IReadOnlyList<InteractiveSession> sessions, CancellationToken cancellation)
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
                        done[i] = RunOne(request, sessions[i], cancellation);
                    }
                }
                catch (Exception e)
                {
                    // RunOne reports every expected failure as a value; anything else reaches the caller after the others finished.
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

        private UserSessionRun RunOne(BridgeRequest request, InteractiveSession session, CancellationToken cancellation)
        {
            var runId = Guid.NewGuid().ToString("N");
            var name = BridgeTaskName.Create(machine.Clock.UtcNow, runId.Substring(0, 12), session.SessionId);
            var problems = new List<ModuleError>();
            string? folder = null;
            var registered = false;
            var step = "prepared";
            var outcome = UserSessionRunOutcome.Failed;
            BridgeResult? result = null;
            try
            {
                if (cancellation.IsCancellationRequested)
                {
                    outcome = UserSessionRunOutcome.Cancelled;
                    return Finish();
                }

                // Write-ahead: the log names the task and its folder before either exists, so a run that dies leaves a trail to them.
                Log("Preparing " + name.TaskPath + " for " + session.UserSid + " (session " + session.SessionId + ") with its folder under "
                    + BridgeRunFolder.BridgeFolder(machine) + ".");
                folder = BridgeRunFolder.Create(machine, name, session.UserSid);
                var arguments = ChildArguments(request, runId, Path.Combine(folder, BridgeResultReader.FileName));
                // The 64-bit Task Scheduler service starts the action, so it names System32 even when this process is 32-bit (W2).
                var executable = WindowsPowerShellScript.NativeExecutablePath(machine);
                if (executable.Length + arguments.Length + 3 > MaximumCommandLine)
                {
                    throw new ArgumentException("The request makes a command line of " + (executable.Length + arguments.Length)
                        + " characters, more than Windows starts (" + MaximumCommandLine + ").");
                }

                var definition = new UserTaskDefinition(session.UserSid, executable, arguments, folder, request.Timeout, machine.Clock.UtcNow);
                step = "registered";
                machine.Tasks.Register(name.TaskPath, definition.ToXml(), session.UserSid);
                registered = true;
                step = "started";
                Log("Registered " + name.TaskPath + "; starting it in session " + session.SessionId + ".");
                machine.Tasks.Start(name.TaskPath, session.SessionId);

                outcome = Wait(request, session, name, cancellation, problems, out var status);
                if (outcome != UserSessionRunOutcome.Completed)
                {
                    return Finish();
                }

                // A log-off ends the program too: a task that ended without a result in a session that is gone is a log-off.
                if (!File.Exists(Path.Combine(folder, BridgeResultReader.FileName)) && !StillLoggedOn(session))
                {
                    Warn(session.UserSid + " logged off session " + session.SessionId + " before " + name.TaskPath + " wrote its result.");
                    problems.Add(ModuleErrors.UserLoggedOff(session.UserName, session.SessionId));
                    outcome = UserSessionRunOutcome.LoggedOff;
                    return Finish();
                }

                var moduleFolder = ExtendedLengthPath.ParentOf(PathScope.Full(request.ModuleManifestPath));
                result = ReadResult(session, folder, runId, status, problems, moduleFolder);
                outcome = result == null ? UserSessionRunOutcome.NoResult : UserSessionRunOutcome.Completed;
                return Finish();
            }
            catch (ArgumentException e)
            {
                problems.Add(ModuleErrors.UserBridgeInvalidRequest(e));
                return Finish();
            }
            catch (Exception e) when (e is COMException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                Warn("The task " + name.TaskPath + " could not be " + step + ": " + e.Message);
                problems.Add(ModuleErrors.UserBridgeTaskFailed(session.UserName, session.SessionId, step, e));
                return Finish();
            }

            UserSessionRun Finish()
            {
                var cleanedUp = CleanUp(name, folder, registered);
                return new UserSessionRun(session.UserSid, session.UserName, session.SessionId, registered ? name.TaskPath : string.Empty, outcome,
                    result, problems, cleanedUp);
            }
        }

        private UserSessionRunOutcome Wait(BridgeRequest request, InteractiveSession session, BridgeTaskName name, CancellationToken cancellation,
            List<ModuleError> problems, out ScheduledTaskStatus status)
        {
            var waited = TimeSpan.Zero;
            while (true)
            {
                status = machine.Tasks.Query(name.TaskPath);
                if (status.State == ScheduledTaskState.NotFound || (!status.IsRunning && status.HasRun))
                {
                    Log(name.TaskPath + " ended (" + status.State + ", result 0x"
                        + status.LastResult.ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + ").");
                    return UserSessionRunOutcome.Completed;
                }

                if (!StillLoggedOn(session))
                {
                    Warn(session.UserSid + " logged off session " + session.SessionId + " during " + name.TaskPath + ": not waited for.");
                    problems.Add(ModuleErrors.UserLoggedOff(session.UserName, session.SessionId));
                    return UserSessionRunOutcome.LoggedOff;
                }

                if (waited >= request.Timeout)
                {
                    Warn(name.TaskPath + " timed out after " + request.Timeout.TotalSeconds + " s.");
                    problems.Add(ModuleErrors.UserBridgeTimedOut(session.UserName, session.SessionId, request.Timeout));
                    return UserSessionRunOutcome.TimedOut;
                }

                if (cancellation.IsCancellationRequested)
                {
                    Log(name.TaskPath + " was cancelled by the caller.");
                    return UserSessionRunOutcome.Cancelled;
                }

                var left = request.Timeout - waited;
                waited += machine.Tasks.Wait(left < request.PollInterval ? left : request.PollInterval, cancellation);
            }
        }

        private BridgeResult? ReadResult(InteractiveSession session, string folder, string runId, ScheduledTaskStatus status,
            List<ModuleError> problems, string moduleFolder)
        {
            var path = Path.Combine(folder, BridgeResultReader.FileName);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Warn("Session " + session.SessionId + " wrote no result.");
                problems.Add(ModuleErrors.UserBridgeNoResult(session.UserName, session.SessionId, status.LastResult));
                return null;
            }

            try
            {
                var result = BridgeResultReader.Read(machine.Storage, folder, runId, session.UserSid);
                Log("Accepted the result of session " + session.SessionId + ": " + Wording.Count(result.Objects.Count, "object") + ", "
                    + Wording.Count(result.Errors.Count, "error") + " [" + string.Join(", ", result.Errors.Select(e => e.ErrorId)) + "], "
                    + result.LanguageMode + ".");
                if (!result.IsFullLanguage)
                {
                    problems.Add(ModuleErrors.UserSessionConstrainedLanguage(session.UserName, session.SessionId, result.LanguageMode, moduleFolder));
                }

                return result;
            }
            catch (UserBridgeException e)
            {
                Warn("Rejected the result of session " + session.SessionId + ": " + e.Error.Id + ": " + e.Message);
                problems.Add(e.Error);
                return null;
            }
        }

        private bool StillLoggedOn(InteractiveSession session)
        {
            try
            {
                return machine.Users.GetInteractiveSessions()
                    .Any(s => s.SessionId == session.SessionId && s.UserSid.Equals(session.UserSid, StringComparison.OrdinalIgnoreCase));
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // The session list is unreadable for a moment: that is no proof of a log-off; the timeout still bounds the wait.
                return true;
            }
        }

        private bool CleanUp(BridgeTaskName name, string? folder, bool registered)
        {
            var clean = true;
            if (registered)
            {
                try
                {
                    machine.Tasks.Stop(name.TaskPath);
                    machine.Tasks.Delete(name.TaskPath);
                    clean = machine.Tasks.Query(name.TaskPath).State == ScheduledTaskState.NotFound;
                    log.Write(LogSource, (clean ? "Deleted " : "Could not delete ") + name.TaskPath + ".",
                        clean ? EventLogLevel.Information : EventLogLevel.Warning);
                }
                catch (Exception e) when (e is COMException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                {
                    clean = false;
                    Warn("Could not delete " + name.TaskPath + " (" + e.Message + "); the next run removes it, or Task Scheduler when it expires.");
                }
            }

            if (folder != null)
            {
                var removed = BridgeRunFolder.TryDelete(machine, folder);
                clean &= removed;
                log.Write(LogSource, (removed ? "Removed " : "Could not remove ") + folder + ".",
                    removed ? EventLogLevel.Information : EventLogLevel.Warning);
            }

            return clean;
        }

        private void RemoveLeftovers()
        {
            var cutoff = machine.Clock.UtcNow - BridgeRequest.MaximumTimeout - LeftoverMargin;
            try
            {
                foreach (var task in machine.Tasks.List(BridgeTaskName.Prefix))
                {
                    var name = BridgeTaskName.TryParse(task);
                    if (name == null || name.StartedAt < cutoff)
                    {
                        machine.Tasks.Stop(task);
                        machine.Tasks.Delete(task);
                        Log("Deleted the leftover task " + task + " of a run that did not finish.");
                    }
                }
            }
            catch (Exception e) when (e is COMException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                Log("Could not look for leftover tasks: " + e.Message);
            }

            var bridgeFolder = BridgeRunFolder.BridgeFolder(machine);
            if (!Directory.Exists(bridgeFolder))
            {
                return;
            }

            foreach (var folder in Directory.GetDirectories(bridgeFolder))
            {
                var name = BridgeTaskName.TryParse(Path.GetFileName(folder));
                if (name == null || name.StartedAt < cutoff)
                {
                    var removed = BridgeRunFolder.TryDelete(machine, folder);
                    Log((removed ? "Removed the leftover folder " : "Could not remove the leftover folder ") + folder + ".");
                }
            }
        }

        private static string ChildArguments(BridgeRequest request, string runId, string resultPath)
        {
            var parameters = new List<KeyValuePair<string, object>>
            {
                new KeyValuePair<string, object>("RunId", runId),
                new KeyValuePair<string, object>("ModuleManifest", request.ModuleManifestPath),
                new KeyValuePair<string, object>("ResultPath", resultPath),
                new KeyValuePair<string, object>("CommandName", request.CommandName),
            };

            // An empty array would leave a parameter name without a value on the command line.
            // A list parameter repeats its name once per value; the child gathers the values of one name into an array.
            var pairs = request.Parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))
                .Concat(request.ListParameters.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v))))
                .ToList();
            if (pairs.Count > 0)
            {
                parameters.Add(new KeyValuePair<string, object>("ParameterNames", pairs.Select(p => p.Key).ToList()));
                parameters.Add(new KeyValuePair<string, object>("ParameterValues", pairs.Select(p => p.Value).ToList()));
            }

            if (request.Switches.Count > 0)
            {
                parameters.Add(new KeyValuePair<string, object>("SwitchNames", request.Switches.ToList()));
            }

            return WindowsPowerShellScript.BuildArguments(ChildScript, parameters, hiddenWindow: true);
        }

        /// <summary>The embedded script the task runs in the user's session.</summary>
        public const string ChildScript = "UserBridgeChild.ps1";

        private static UserSessionRun Skipped(InteractiveSession session, ModuleError why) =>
            new UserSessionRun(session.UserSid, session.UserName, session.SessionId, string.Empty, UserSessionRunOutcome.Skipped, null,
                new[] { why }, true);

        private static string Describe(BridgeRequest request) =>
            (request.Parameters.Count + request.ListParameters.Count + request.Switches.Count) == 0 ? string.Empty
                : " with " + string.Join(", ",
                    request.Parameters.Keys.Concat(request.ListParameters.Keys).Concat(request.Switches).Select(n => "-" + n));

        private void Log(string message) => log.Write(LogSource, message);

        private void Warn(string message) => log.Write(LogSource, message, EventLogLevel.Warning);
    }
}
