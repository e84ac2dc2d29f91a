using System;
using System.Collections.Generic;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Account.Steps
{
    /// <summary>What every step of one user's reset shares: the PC, the host, the journal, the options, the user.</summary>
    internal sealed class AccountResetRun
    {
        public AccountResetRun(IMachine machine, IRemediationHost host, ChangeJournal journal, WorkAccountResetOptions options,
            WindowsPowerShellScript scripts, TargetUser user)
        {
            Machine = machine;
            Host = host;
            Journal = journal;
            Options = options;
            Scripts = scripts;
            User = user;
            AsUser = WorkAccountResetter.CanActAsUser(user);
            caller = machine.Users.GetCurrentIdentity();
        }

        private readonly CallerIdentity caller;

        public IMachine Machine { get; }

        public IRemediationHost Host { get; }

        public ChangeJournal Journal { get; }

        public WorkAccountResetOptions Options { get; }

        public WindowsPowerShellScript Scripts { get; }

        public TargetUser User { get; }

        /// <summary>True when this session runs as the user, so it may act on their WAM, vault and Appx registration.</summary>
        public bool AsUser { get; }

        /// <summary>The Entra client ids whose WAM accounts are signed out.</summary>
        public string[] ClientIds => Options.IncludeOffice
            ? new[] { AccountLayout.TeamsClientId, AccountLayout.OfficeClientId }
            : new[] { AccountLayout.TeamsClientId };

        public string ClientNames => Options.IncludeOffice ? "Teams and Office" : "Teams";

        public static string ClientName(string clientId) =>
            clientId.Equals(AccountLayout.TeamsClientId, StringComparison.OrdinalIgnoreCase) ? "Teams"
            : clientId.Equals(AccountLayout.OfficeClientId, StringComparison.OrdinalIgnoreCase) ? "Office" : clientId;

        public static KeyValuePair<string, object>[] NoParameters { get; } = new KeyValuePair<string, object>[0];

        public static KeyValuePair<string, object> Parameter(string name, object value) => new KeyValuePair<string, object>(name, value);

        /// <summary>
        /// Runs a shipped script with the run's timeout. A script file that is not the one the module shipped is never started; its
        /// error (ModuleScriptAltered) goes to the host as well, so the stable id reaches the caller beside the step's Failed.
        /// </summary>
        public ScriptRun<TReport> RunScript<TReport>(string scriptName, params KeyValuePair<string, object>[] parameters)
            where TReport : class
        {
            var run = Scripts.Run<TReport>(scriptName, parameters, Options.ScriptTimeout);
            if (run.Error != null)
            {
                Host.Error(run.Error);
            }

            return run;
        }

        /// <summary>A new result for this user, to be finished by the step.</summary>
        public TeamsAccountResetStep Step(AccountResetStepName name, string action) => new TeamsAccountResetStep
        {
            ComputerName = Machine.ComputerName,
            User = User.UserName,
            UserSid = User.Sid,
            Step = name,
            Action = action,
            RanAs = caller.UserName,
            SessionId = caller.SessionId,
        };

        public static TeamsAccountResetStep Finish(TeamsAccountResetStep step, AccountResetStatus status, string detail)
        {
            step.Status = status;
            step.Detail = detail;
            return step;
        }

        /// <summary>The result of a step the caller's session must not do for someone else: the command to run as the user.</summary>
        public TeamsAccountResetStep NeedsUser(AccountResetStepName name, string action) =>
            Finish(
                Step(name, action),
                AccountResetStatus.RequiresUserContext,
                "Needs " + User.UserName + "'s own session; this run's own account was left alone. Run as the user: "
                + WorkAccountResetter.UserContextCommand(Machine, Options));

        /// <summary>Asks once; a declined change leaves the step as WhatIf (with -WhatIf) or Skipped.</summary>
        public bool Approve(string target, string action, TeamsAccountResetStep step)
        {
            var consent = Host.Ask(target, action);
            if (consent == Consent.Yes)
            {
                return true;
            }

            var whatIf = consent == Consent.WhatIf;
            Finish(step, whatIf ? AccountResetStatus.WhatIf : AccountResetStatus.Skipped, (whatIf ? "What if: " : "Declined: ") + action + ".");
            return false;
        }
    }
}
