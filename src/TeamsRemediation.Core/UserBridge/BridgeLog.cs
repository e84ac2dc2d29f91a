using TeamsRemediation.Logging;
using TeamsRemediation.Platform;

namespace TeamsRemediation.UserBridge
{
    /// <summary>The bridge's lines in the machine log, all under one source so an admin can follow a run from request to cleanup.</summary>
    internal sealed class BridgeLog
    {
        private readonly MachineLog log;

        public BridgeLog(MachineLog log)
        {
            this.log = log;
        }

        public void Info(string message) => log.Write(UserSessionBridge.LogSource, message);

        public void Warn(string message) => log.Write(UserSessionBridge.LogSource, message, EventLogLevel.Warning);

        /// <summary>An Information line when it went well, a Warning when not.</summary>
        public void Outcome(bool succeeded, string message) =>
            log.Write(UserSessionBridge.LogSource, message, succeeded ? EventLogLevel.Information : EventLogLevel.Warning);
    }
}
