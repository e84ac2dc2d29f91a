using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Account.Steps;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Account
{
    /// <summary>
    /// Reconnects a user's work or school account for Teams the way Microsoft does, least disruptive step first:
    /// read the state, re-register the token broker if it is missing, sign the Teams (and Office) WAM accounts
    /// out, remove classic Teams' cached credentials, report (and on request remove) the values that turn WAM
    /// off, and on request move the broker's data aside. Steps that only the user's own session can do (WAM,
    /// Appx registration, Credential Manager, the user's dsregcmd state) run only when the caller is that user;
    /// otherwise they are reported as RequiresUserContext with the command to run as the user, so SYSTEM's or
    /// an admin's own account is never touched instead. Every change asks first, and what can be put back is
    /// recorded in the journal. Each rung is one class of <see cref="Steps"/>; adding a rung is a class and a line here.
    /// </summary>
    public sealed class WorkAccountResetter
    {
        private static readonly IAccountResetStep[] Ladder =
        {
            new DeviceRegistrationStep(),
            new BrokerPluginStep(),
            new WamSignOutStep(),
            new CredentialsStep(),
            new WamOverridesStep(),
            new BrokerStateStep(),
            new TokenBrokerAccountsStep(),
            new TeamsAppStep(),
            new NextActionStep(),
        };

        private readonly IMachine machine;
        private readonly IRemediationHost host;
        private readonly WorkAccountResetOptions options;
        private readonly WindowsPowerShellScript scripts;

        /// <param name="machine">The PC acted on.</param>
        /// <param name="host">Asked once before each change; its journal receives every value removed and folder moved.</param>
        /// <param name="options">What the caller asked for beyond the default ladder.</param>
        /// <param name="journalPath">The journal file; null for a new one in the default journal folder.</param>
        public WorkAccountResetter(IMachine machine, IRemediationHost host, WorkAccountResetOptions options, string? journalPath = null)
        {
            this.machine = machine;
            this.host = host;
            this.options = options;
            Journal = host.StartJournal(JournalScope.ResetWorkAccount, journalPath);
            scripts = new WindowsPowerShellScript(machine);
        }

        /// <summary>The journal of this run; empty until a recorded change was made.</summary>
        public ChangeJournal Journal { get; }

        /// <summary>
        /// The command that does the per-user steps when run as the user (Intune: "Run this script using the logged-on
        /// credentials"). It names Windows PowerShell by System32, as the console it is pasted into sees it: Sysnative exists only
        /// for 32-bit processes, so it would fail in a 64-bit console or a 64-bit Intune script even when this host is 32-bit. The
        /// module is named by its full manifest path.
        /// </summary>
        public static string UserContextCommand(IMachine machine, WorkAccountResetOptions options)
        {
            var module = options.ModuleManifestPath.Length > 0
                ? "'" + options.ModuleManifestPath.Replace("'", "''") + "'"
                : "TeamsRemediation";
            return "\"" + WindowsPowerShellScript.NativeExecutablePath(machine)
                + "\" -NoProfile -ExecutionPolicy Bypass -Command \"Import-Module "
                + module + "; Reset-TeamsWorkAccount -Force"
                + (options.IncludeOffice ? " -IncludeOffice" : string.Empty)
                + (options.Restart ? " -Restart" : string.Empty)
                + "\"";
        }

        /// <summary>True when this session can act on the user's own WAM, vault and Appx registration: it runs as them.</summary>
        public static bool CanActAsUser(TargetUser user) => user.IsCaller;

        /// <summary>Runs the ladder for one user; each step is yielded as soon as it is done.</summary>
        public IEnumerable<TeamsAccountResetStep> Reset(TargetUser user)
        {
            var run = new AccountResetRun(machine, host, Journal, options, scripts, user);
            foreach (var step in Ladder.Where(s => options.Steps.Count == 0 || options.Steps.Contains(s.Name)))
            {
                yield return step.Run(run);
            }
        }
    }
}
