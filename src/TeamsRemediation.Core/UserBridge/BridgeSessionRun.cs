using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;
using TeamsRemediation.Text;
using TeamsRemediation.Windows;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// One session's run: its folder and one-shot task, the wait for the task to end (bounded by the timeout, ended early by a
    /// log-off or the caller), the result read back as untrusted input, and the cleanup whatever happened. Every expected failure
    /// comes back as a value in the run, never as an exception.
    /// </summary>
    internal sealed class BridgeSessionRun
    {
        private readonly IMachine machine;
        private readonly BridgeLog log;
        private readonly BridgeCleanup cleanup;

        public BridgeSessionRun(IMachine machine, BridgeLog log, BridgeCleanup cleanup)
        {
            this.machine = machine;
            this.log = log;
            this.cleanup = cleanup;
        }

        /// <summary>
        /// Runs the request in one session: the task starts the launcher at <paramref name="launcherPath"/> on the child script at
        /// <paramref name="scriptPath"/>, both checked before any run.
        /// </summary>
        public UserSessionRun Run(BridgeRequest request, InteractiveSession session, string launcherPath, string scriptPath,
            CancellationToken cancellation)
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
                log.Info("Preparing " + name.TaskPath + " for " + session.UserSid + " (session " + session.SessionId + ") with its folder under "
                    + BridgeRunFolder.BridgeFolder(machine) + ".");
                folder = BridgeRunFolder.Create(machine, name, session.UserSid);
                // The launcher, not powershell.exe: a console program started in the user's desktop shows its console before PowerShell
                // can hide it (W20). The launcher is AnyCPU, so the 64-bit service starts it 64-bit and it starts System32's PowerShell (W2).
                var requestPath = BridgeRequestFile.Write(machine, folder, request, runId, session.UserSid);
                var arguments = BridgeChildArguments.Build(UserSessionBridge.ChildScript, request, runId,
                    Path.Combine(folder, BridgeResultReader.FileName), requestPath);

                var definition = new UserTaskDefinition(session.UserSid, launcherPath, arguments, folder, request.Timeout, machine.Clock.UtcNow);
                step = "registered";
                machine.Tasks.Register(name.TaskPath, definition.ToXml(), session.UserSid);
                registered = true;
                step = "started";
                log.Info("Registered " + name.TaskPath + "; starting it in session " + session.SessionId + ".");
                machine.Tasks.Start(name.TaskPath, session.SessionId);

                outcome = Wait(request, session, name, cancellation, problems, out var status);
                if (outcome != UserSessionRunOutcome.Completed)
                {
                    return Finish();
                }

                // A log-off ends the program too: a task that ended without a result in a session that is gone is a log-off.
                if (!File.Exists(Path.Combine(folder, BridgeResultReader.FileName)) && !StillLoggedOn(session))
                {
                    log.Warn(session.UserSid + " logged off session " + session.SessionId + " before " + name.TaskPath + " wrote its result.");
                    problems.Add(ModuleErrors.UserLoggedOff(session.UserName, session.SessionId));
                    outcome = UserSessionRunOutcome.LoggedOff;
                    return Finish();
                }

                result = ReadResult(session, folder, runId, status, problems, ExtendedLengthPath.ParentOf(scriptPath));
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
                log.Warn("The task " + name.TaskPath + " could not be " + step + ": " + e.Message);
                problems.Add(ModuleErrors.UserBridgeTaskFailed(session.UserName, session.SessionId, step, e));
                return Finish();
            }

            UserSessionRun Finish()
            {
                var cleanedUp = cleanup.CleanUp(name, folder, registered);
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
                    log.Info(name.TaskPath + " ended (" + status.State + ", result 0x"
                        + status.LastResult.ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + ").");
                    return UserSessionRunOutcome.Completed;
                }

                if (!StillLoggedOn(session))
                {
                    log.Warn(session.UserSid + " logged off session " + session.SessionId + " during " + name.TaskPath + ": not waited for.");
                    problems.Add(ModuleErrors.UserLoggedOff(session.UserName, session.SessionId));
                    return UserSessionRunOutcome.LoggedOff;
                }

                if (waited >= request.Timeout)
                {
                    log.Warn(name.TaskPath + " timed out after " + request.Timeout.TotalSeconds + " s.");
                    problems.Add(ModuleErrors.UserBridgeTimedOut(session.UserName, session.SessionId, request.Timeout));
                    return UserSessionRunOutcome.TimedOut;
                }

                if (cancellation.IsCancellationRequested)
                {
                    log.Info(name.TaskPath + " was cancelled by the caller.");
                    return UserSessionRunOutcome.Cancelled;
                }

                var left = request.Timeout - waited;
                waited += machine.Tasks.Wait(left < request.PollInterval ? left : request.PollInterval, cancellation);
            }
        }

        private BridgeResult? ReadResult(InteractiveSession session, string folder, string runId, ScheduledTaskStatus status,
            List<ModuleError> problems, string scriptsFolder)
        {
            var path = Path.Combine(folder, BridgeResultReader.FileName);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                log.Warn("Session " + session.SessionId + " wrote no result.");
                problems.Add(ModuleErrors.UserBridgeNoResult(session.UserName, session.SessionId, status.LastResult));
                return null;
            }

            try
            {
                var result = BridgeResultReader.Read(machine.Storage, folder, runId, session.UserSid);
                log.Info("Accepted the result of session " + session.SessionId + ": " + Wording.Count(result.Objects.Count, "object") + ", "
                    + Wording.Count(result.Errors.Count, "error") + " [" + string.Join(", ", result.Errors.Select(e => e.ErrorId)) + "], "
                    + result.LanguageMode + ".");
                if (!result.IsFullLanguage)
                {
                    problems.Add(ModuleErrors.UserSessionConstrainedLanguage(session.UserName, session.SessionId, result.LanguageMode,
                        scriptsFolder));
                }

                return result;
            }
            catch (UserBridgeException e)
            {
                log.Warn("Rejected the result of session " + session.SessionId + ": " + e.Error.Id + ": " + e.Message);
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
    }
}
