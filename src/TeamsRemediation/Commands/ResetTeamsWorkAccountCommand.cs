using System.Management.Automation;
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
    public sealed class ResetTeamsWorkAccountCommand : TeamsCmdletBase
    {
        private const string ByDefault = "Default";
        private const string ByName = "ByName";
        private const string BySid = "BySid";

        private WorkAccountResetter? resetter;
        private WorkAccountResetOptions? options;

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

        /// <summary>Starts Teams at the end (in the user's own session only).</summary>
        [Parameter]
        public SwitchParameter Restart { get; set; }

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
            options = new WorkAccountResetOptions
            {
                IncludeOffice = IncludeOffice,
                RemoveWamOverrides = RemoveWamOverrides,
                ClearBrokerState = ClearBrokerState,
                Restart = Restart,
                ModuleManifestPath = ModuleManifest(),
            };
            resetter = new WorkAccountResetter(Machine, RemediationHost, options, ProviderPath(JournalPath));
        }

        /// <summary>-Force answers the ConfirmImpact High question for an unattended run (Intune has nobody to answer it).</summary>
        protected override SwitchParameter? ConfirmingForce => Force;

        protected override void ProcessRecord()
        {
            foreach (var user in ResolveUsers(UserName, UserSid, allUsers: false))
            {
                if (!WorkAccountResetter.CanActAsUser(user))
                {
                    WriteWarning(user.UserName
                        + ": the WAM sign-out, broker registration and credential steps run only as that user and were not done here. "
                        + "Run as the user: " + WorkAccountResetter.UserContextCommand(Machine, options!));
                }

                try
                {
                    foreach (var step in resetter!.Reset(user))
                    {
                        WriteObject(step);
                        if (step.Status == AccountResetStatus.Failed)
                        {
                            WriteModuleError(ModuleErrors.WorkAccountStepFailed(step.User, step.Step.ToString(), step.Detail));
                        }
                    }
                }
                catch (JournalWriteException e)
                {
                    ThrowModuleError(e.Error);
                }
            }
        }

        protected override void EndProcessing()
        {
            var journal = resetter?.Journal;
            if (journal != null && !journal.IsEmpty)
            {
                WriteVerbose("Changes recorded in " + journal.Path + "; Undo-TeamsRemediation -Journal '" + journal.Path + "' puts them back.");
            }
        }

        /// <summary>The manifest beside the loaded dll (the command's module is the binary one), else the dll itself.</summary>
        private string ModuleManifest()
        {
            var module = MyInvocation.MyCommand.Module;
            if (module == null)
            {
                return string.Empty;
            }

            var manifest = System.IO.Path.Combine(module.ModuleBase, "TeamsRemediation.psd1");
            return System.IO.File.Exists(manifest) ? manifest : module.Path;
        }
    }
}
