using System.Collections.Generic;
using TeamsRemediation.Errors;

namespace TeamsRemediation.UserBridge
{
    /// <summary>How one session's run ended.</summary>
    public enum UserSessionRunOutcome
    {
        /// <summary>The command ran in the session and its result passed every check (its own errors are in Result.Errors).</summary>
        Completed,

        /// <summary>Not started: a disconnected session, a service account, a user not logged on.</summary>
        Skipped,
        TimedOut,
        LoggedOff,

        /// <summary>The task could not be registered or started, or the run folder could not be made.</summary>
        Failed,

        /// <summary>The task ended without a result, or its result was rejected.</summary>
        NoResult,
        Cancelled,
    }

    /// <summary>What one user's session did with the request: which session, how it ended, what came back, what went wrong.</summary>
    public sealed class UserSessionRun
    {
        public UserSessionRun(string userSid, string userName, int sessionId, string taskName, UserSessionRunOutcome outcome, BridgeResult? result,
            IReadOnlyList<ModuleError> problems, bool cleanedUp)
        {
            UserSid = userSid;
            UserName = userName;
            SessionId = sessionId;
            TaskName = taskName;
            Outcome = outcome;
            Result = result;
            Problems = problems;
            CleanedUp = cleanedUp;
        }

        public string UserSid { get; }

        public string UserName { get; }

        public int SessionId { get; }

        /// <summary>Empty when nothing was registered.</summary>
        public string TaskName { get; }

        public UserSessionRunOutcome Outcome { get; }

        public BridgeResult? Result { get; }

        /// <summary>What the bridge itself has to report for this session (not the command's own errors).</summary>
        public IReadOnlyList<ModuleError> Problems { get; }

        /// <summary>True when the task and the run folder are gone again (or were never made).</summary>
        public bool CleanedUp { get; }

        /// <summary>
        /// Why no result came back, said once: the bridge's own messages already name the session and how it ended ("The run in the
        /// session 1 of CONTOSO\alice ended (result 0x1) without writing its result."), so they are not wrapped in a second
        /// "the run ... ended NoResult:"; only when there is none does the outcome itself say it.
        /// </summary>
        public string WhyNoResult(string where) => Problems.Count > 0 ? string.Join(" ", System.Linq.Enumerable.Select(Problems, p => p.Message))
            : "The run in " + where + " ended without a result (" + Outcome + ").";
    }
}
