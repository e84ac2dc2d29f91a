using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Errors;
using TeamsRemediation.Journal;
using TeamsRemediation.Targets;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Turns TLS 1.2 back on wherever it was switched off (SCHANNEL, .NET, WinHTTP, Internet Options), in both registry views,
    /// reversibly.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "Tls12", DefaultParameterSetName = ByDefault, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        HelpUri = HelpLinks.EnableTls12)]
    [OutputType(typeof(TlsSettingChange))]
    public sealed class EnableTls12Command : UserTargetCmdletBase
    {
        private readonly List<TargetUser> users = new List<TargetUser>();

        /// <summary>Machine, User or All (default).</summary>
        [Parameter]
        public TlsScope Scope { get; set; } = TlsScope.All;

        /// <summary>Where the journal goes (default: %ProgramData%\TeamsRemediation\Journal\&lt;time&gt;-Enable-Tls12-&lt;id&gt;.xml).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();

            // Checked before anything is read or written: a half-repaired PC is worse than a clear refusal.
            var caller = Machine.Users.GetCurrentIdentity();
            if (Scope != TlsScope.User && !caller.IsElevated && !IsWhatIf)
            {
                ThrowModuleError(ModuleErrors.ElevationRequired(caller.UserName));
            }
        }

        protected override void ProcessRecord()
        {
            if (Scope == TlsScope.Machine)
            {
                if (UserName != null || UserSid != null || AllUsers)
                {
                    ThrowModuleError(ModuleErrors.UsersOutsideScope());
                }

                return;
            }

            foreach (var user in ResolveTargetUsers(nobodyIsFine: Scope == TlsScope.All))
            {
                if (!users.Any(u => u.Sid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase)))
                {
                    users.Add(user);
                }
            }
        }

        protected override void EndProcessing()
        {
            var journalPath = ProviderPath(JournalPath);
            var configurator = new TlsConfigurator(Machine, RemediationHost);
            IReadOnlyList<TlsSettingChange> changes;

            // HKLM answers every user's TLS errors; -Scope User only the users whose Internet Options are written.
            AnswerOnApproval(Answers.AnsweredCauses.Tls, Scope == TlsScope.User ? users : null);
            try
            {
                changes = configurator.Run(Scope != TlsScope.User, users, journalPath);
            }
            catch (JournalWriteException e)
            {
                ThrowModuleError(e.Error);
                return;
            }

            foreach (var change in changes)
            {
                WriteObject(change);
            }

            var journal = changes.Select(c => c.JournalPath).FirstOrDefault(p => p.Length > 0);
            if (journal != null)
            {
                WriteVerbose("Every change is recorded in " + journal + "; 'Undo-TeamsRemediation -Journal <path>' puts it back.");
            }

            if (changes.Any(c => c.RebootRequired))
            {
                WriteWarning("Restart the computer so Windows uses the repaired TLS settings: SCHANNEL, WinHTTP and .NET read them at startup.");
            }
        }
    }
}
