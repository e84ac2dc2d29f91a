using System.Globalization;
using TeamsRemediation.Hosting;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The machine log lines of a rung 3 action: the decision (what, why) before the command runs and the outcome after.
    /// These actions change no stored value, so there is nothing for Undo to put back and the journal has no entry for
    /// them; the log is their record. A log that cannot be written does not stop an action that changes nothing stored
    /// (the result says it was not recorded).
    /// </summary>
    internal static class MachineActionRecord
    {
        public const string Source = "Repair";

        /// <summary>
        /// Asks the host (ShouldProcess); on a yes, writes the decision before the command runs and says so in the result.
        /// On any other answer the result's status is WhatIf or Declined and nothing is written. <c>whatRunsAnyway</c> ("the clock
        /// is resynced") words the warning when the log cannot be written.
        /// </summary>
        public static bool Approve(IRemediationHost host, MachineLog log, MachineActionResult result, string target, string action,
            string whatRunsAnyway)
        {
            var consent = host.Ask(target, action);
            if (consent != Consent.Yes)
            {
                result.Status = consent == Consent.WhatIf ? MachineActionStatus.WhatIf : MachineActionStatus.Declined;
                return false;
            }

            result.Recorded = log.Write(Source, result.Action + " on " + result.ComputerName + ": running '" + result.Command + "' because "
                + Text.Wording.Clause(result.Reason));
            if (!result.Recorded)
            {
                host.Warning("The machine log could not be written; " + whatRunsAnyway + " anyway (it changes no stored value).");
            }

            return true;
        }

        public static void Outcome(MachineLog log, MachineActionResult result) =>
            log.Write(Source, result.Action + " on " + result.ComputerName + ": " + result.Status
                + (result.ExitCode.HasValue ? " (exit code " + result.ExitCode.Value.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty),
                result.Status == MachineActionStatus.Failed ? EventLogLevel.Warning : EventLogLevel.Information);
    }
}
