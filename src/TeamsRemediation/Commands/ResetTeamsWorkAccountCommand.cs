using System.Management.Automation;
using System.Threading;
using TeamsRemediation.Account;
using TeamsRemediation.Completion;
using TeamsRemediation.Errors;
using TeamsRemediation.Journal;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Reconnects a user's work or school account for Teams the way Microsoft does: WAM sign-out, broker check, cached
    /// credentials, WAM-disabling values.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Reset, "TeamsWorkAccount", DefaultParameterSetName = ByDefault, SupportsShouldProcess = true,
        ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.ResetTeamsWorkAccount)]
    [OutputType(typeof(TeamsAccountResetStep))]
    public sealed class ResetTeamsWorkAccountCommand : TeamsCmdletBase, System.IDisposable
    {
        private const string ByDefault = "Default";
        private const string ByName = "ByName";
        private const string BySid = "BySid";

        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private UserSessionAccountReset? reset;

        [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[]? UserName { get; set; }

        [Parameter(ParameterSetName = BySid, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Sid")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserSidCompleter))]
        public string[]? UserSid { get; set; }

        /// <summary>Also Office's WAM accounts and MicrosoftOffice16_Data:* credentials.</summary>
        [Parameter]
        public SwitchParameter IncludeOffice { get; set; }

        /// <summary>Removes DisableAADWAM=1, DisableADALatopWAMOverride=1 and EnableADAL=0 (recorded in the journal).</summary>
        [Parameter]
        public SwitchParameter RemoveWamOverrides { get; set; }

        /// <summary>Closes Teams and moves the user's Microsoft.AAD.BrokerPlugin data aside (recorded in the journal).</summary>
        [Parameter]
        public SwitchParameter ClearBrokerState { get; set; }

        /// <summary>
        /// Microsoft's CAA50021 broker repair: moves the files of AC\TokenBroker\Accounts of the broker plugin and CloudExperienceHost
        /// into the user's backup folder (journaled); Windows must restart.
        /// </summary>
        [Parameter]
        public SwitchParameter ClearTokenBrokerAccounts { get; set; }

        /// <summary>Resets new Teams for the user with Reset-AppxPackage (its data and personal settings are lost; not restorable).</summary>
        [Parameter]
        public SwitchParameter ResetTeamsApp { get; set; }

        /// <summary>
        /// Run as SYSTEM or elevated for another user: only report the steps that need the user's own session (RequiresUserContext, with
        /// the command to run as the user), as before; by default they run in each logged-on user's session through a one-shot task.
        /// </summary>
        [Parameter]
        public SwitchParameter ReportUserSteps { get; set; }

        /// <summary>Starts Teams at the end (in the user's own session only).</summary>
        [Parameter]
        public SwitchParameter Restart { get; set; }

        /// <summary>Only these steps of the ladder run and are reported (default: all of them).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public AccountResetStepName[]? Step { get; set; }

        /// <summary>Where the journal goes; default ProgramData\TeamsRemediation\Journal.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Skips the confirmation ConfirmImpact High asks for (unattended runs); -WhatIf and an explicit -Confirm still apply.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var options = new WorkAccountResetOptions
            {
                IncludeOffice = IncludeOffice,
                RemoveWamOverrides = RemoveWamOverrides,
                ClearBrokerState = ClearBrokerState,
                ClearTokenBrokerAccounts = ClearTokenBrokerAccounts,
                ResetTeamsApp = ResetTeamsApp,
                ReportUserSteps = ReportUserSteps,
                Restart = Restart,
                ModuleManifestPath = ModuleManifest(),
            };
            foreach (var name in Step ?? new AccountResetStepName[0])
            {
                options.Steps.Add(name);
            }

            reset = new UserSessionAccountReset(Machine, RemediationHost, options, ProviderPath(JournalPath));
        }

        /// <summary>-Force answers the ConfirmImpact High question for an unattended run (Intune has nobody to answer it).</summary>
        protected override SwitchParameter? ConfirmingForce => Force;

        protected override void ProcessRecord()
        {
            var users = ResolveUsers(UserName, UserSid, allUsers: false);
            AnswerOnApproval(Answers.AnsweredCauses.AccountReset, users);
            try
            {
                foreach (var step in reset!.Reset(users, stopping.Token))
                {
                    WriteObject(step);
                }
            }
            catch (JournalWriteException e)
            {
                ThrowModuleError(e.Error);
            }
        }

        /// <summary>Ctrl+C: the runs in users' sessions stop waiting, and their tasks and folders are removed.</summary>
        protected override void StopProcessing() => stopping.Cancel();

        public void Dispose() => stopping.Dispose();

        protected override void EndProcessing()
        {
            var journal = reset?.Journal;
            if (journal != null && !journal.IsEmpty)
            {
                WriteVerbose("Changes recorded in " + journal.Path + "; Undo-TeamsRemediation -Journal '" + journal.Path + "' puts them back.");
            }
        }
    }
}
