using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Answers;
using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// What every TeamsRemediation cmdlet shares: the machine it acts on, the users it acts for (through the one
    /// <see cref="TargetResolver"/>), reporting a <see cref="ModuleError"/>, and the one <see cref="IRemediationHost"/>
    /// its services talk through (pass <see cref="RemediationHost"/> to a service). Parameters stay in each cmdlet.
    /// </summary>
    public abstract class TeamsCmdletBase : PSCmdlet, IRemediationHost
    {
        private const int ProgressActivityId = 4;
        private IMachine? machine;

        protected IMachine Machine => machine ?? throw new PSInvalidOperationException("The machine is chosen in BeginProcessing.");

        protected override void BeginProcessing()
        {
            machine = LocalMachine.ForCurrentRunspace();
            if (machine == null)
            {
                ThrowTerminatingError(ErrorRecords.From(ModuleErrors.UnsupportedPlatform()));
            }
        }

        /// <summary>Why an implicit call found nobody to act on (SYSTEM on a PC where nobody is logged on); null otherwise.</summary>
        protected ModuleError? NobodyLoggedOn { get; private set; }

        /// <summary>PowerShell remoting leaves $PSSenderInfo in the session: then the caller is a remote admin, not the person at the desk.</summary>
        protected bool IsRemotingSession => SessionState.PSVariable.GetValue("PSSenderInfo") != null;

        /// <summary>
        /// Resolves the users to act on. Bad input stops the whole call before anything is done. A named user that is
        /// not found (or names several profiles) stops a cmdlet that changes things, before any change: a typo must not
        /// leave the machine half repaired for the users it did find. A cmdlet that only reads reports it and goes on
        /// with the others. With <paramref name="nobodyIsFine"/>, finding nobody logged on
        /// for the implicit default (SYSTEM on an empty PC) is a warning ending in <paramref name="nobodyConsequence"/>,
        /// an empty list and <see cref="NobodyLoggedOn"/>: the cmdlet still has machine-wide work to do.
        /// </summary>
        protected System.Collections.Generic.IReadOnlyList<TargetUser> ResolveUsers(
            string[]? userNames, string[]? userSids, bool allUsers, bool nobodyIsFine = false,
                string nobodyConsequence = "No user settings were changed.")
        {
            var request = new TargetRequest
            {
                UserNames = userNames ?? new string[0],
                UserSids = userSids ?? new string[0],
                AllUsers = allUsers,
                IsRemotingSession = IsRemotingSession,
            };
            var resolution = new TargetResolver(Machine.Users).Resolve(request);
            var stop = resolution.Terminating;
            if (stop != null && nobodyIsFine && request.IsImplicit && stop.Error.Id == "NoInteractiveUser")
            {
                NobodyLoggedOn = stop.Error;
                WriteWarning(stop.Error.Message + " " + nobodyConsequence);
                return new TargetUser[0];
            }

            if (stop != null)
            {
                ThrowTerminatingError(ErrorRecords.From(stop.Error));
            }

            for (var i = 0; i < resolution.Problems.Count; i++)
            {
                var record = ErrorRecords.From(resolution.Problems[i].Error);
                if (ChangesThings && i == resolution.Problems.Count - 1)
                {
                    ThrowTerminatingError(record);
                }

                WriteError(record);
            }

            foreach (var user in resolution.Users)
            {
                var moved = user.Folders.AnyRedirected || user.Folders.RoamingProfile != null;
                var folders = moved ? user.Folders.ToString() : "profile " + user.ProfilePath;
                WriteVerbose("Target user: " + user.UserName + " (" + user.Sid + "), " + folders + (user.LoggedOn
                    ? ", logged on in session " + user.SessionId : ", not logged on") + "." + (user.Folders.Note == null ? string.Empty
                        : " " + user.Folders.Note));
            }

            return resolution.Users;
        }

        /// <summary>A cmdlet that supports ShouldProcess may change the machine; the others only read.</summary>
        private bool ChangesThings => GetType().GetCustomAttributes(typeof(CmdletAttribute), inherit: true).Cast<CmdletAttribute>()
            .Any(c => c.SupportsShouldProcess);

        /// <summary>-WhatIf on this call, or $WhatIfPreference inherited from the caller: a declined ShouldProcess then reports WhatIf, not
        /// Skipped.</summary>
        protected bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
                ? ((SwitchParameter)value).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>
        /// ShouldProcess, but when the question reaches a host that cannot ask anyone (no UI, -NonInteractive), the
        /// module's own error that says to add -Force, instead of the host's HostFunctionNotImplemented.
        /// </summary>
        protected bool ShouldProcessOrStop(string target, string action)
        {
            try
            {
                return ShouldProcess(target, action);
            }
            catch (System.Exception e) when (e is System.Management.Automation.Host.HostException || e is PSInvalidOperationException)
            {
                ThrowModuleError(ModuleErrors.ConfirmationNeedsForce(MyInvocation.MyCommand.Name, target, action, e));
                return false;
            }
        }

        /// <summary>What a service of this cmdlet is given to ask, report and journal through.</summary>
        protected IRemediationHost RemediationHost => this;

        /// <summary>
        /// On a cmdlet whose -Force answers its confirmation for an unattended run, that -Force (then a host that
        /// cannot ask stops the call with ConfirmationNeedsForce); null on the others, whose -Force means something else.
        /// </summary>
        protected virtual SwitchParameter? ConfirmingForce => null;

        /// <summary>How the question is put to ShouldProcess; a cmdlet may word it its own way.</summary>
        protected virtual bool ShouldProcessChange(string target, string action) => ShouldProcess(target, action);

        /// <summary>
        /// Announces which causes the changes about to be asked for answer, for these users (null: everyone on the PC). The records are
        /// written at the first approved change, before it is made, so a -WhatIf or a declined run records nothing; when they cannot be
        /// written the call stops before that change (AnswerRecordFailed).
        /// </summary>
        protected void AnswerOnApproval(IEnumerable<Codes.CodeCause> causes, IEnumerable<TargetUser>? users)
        {
            pendingAnswers = AnswerRecord.ForChange(Machine, causes, users, MyInvocation.MyCommand.Name).ToList();
        }

        private List<AnswerRecord>? pendingAnswers;

        /// <summary>
        /// A diagnosis's reading of the answered-evidence records: each record it ignored is a warning, a folder it could not read a note.
        /// </summary>
        protected void ReportAnswers(AnswerLedgerReading reading)
        {
            foreach (var warning in reading.Warnings)
            {
                WriteWarning(warning);
            }

            if (reading.NotRead != null)
            {
                WriteVerbose(reading.NotRead);
            }

            foreach (var record in reading.Records)
            {
                WriteVerbose("Answered " + record.Cause + (record.UserName.Length > 0 ? " for " + record.UserName : " for every user") + ": "
                    + record.Describe() + "; evidence of it logged before then does not count.");
            }
        }

        Consent IRemediationHost.Ask(string target, string action)
        {
            var consent = AskOnce(target, action);
            if (consent == Consent.Yes && pendingAnswers != null)
            {
                var records = pendingAnswers;
                pendingAnswers = null;
                try
                {
                    if (records.Count > 0 && !AnswerLedger.Write(Machine, records))
                    {
                        WriteVerbose("Not recorded as answered (only SYSTEM or an elevated run writes the protected record folder): the next "
                            + "Test-TeamsCaa20002 still counts the evidence this change answers.");
                    }
                }
                catch (AnswerRecordException e)
                {
                    ThrowModuleError(e.Error);
                }
            }

            return consent;
        }

        private Consent AskOnce(string target, string action)
        {
            var force = ConfirmingForce;
            if (force == null)
            {
                return ShouldProcessChange(target, action) ? Consent.Yes : Declined();
            }

            // Intune has nobody to answer ConfirmImpact High: -Force answers; -WhatIf still only reports, an explicit -Confirm still asks.
            if (force.Value.IsPresent && !IsWhatIf && !MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                WriteVerbose("Performing the operation \"" + action + "\" on target \"" + target + "\" (-Force).");
                return Consent.Yes;
            }

            return ShouldProcessOrStop(target, action) ? Consent.Yes : Declined();
        }

        void IRemediationHost.Verbose(string message) => WriteVerbose(message);

        void IRemediationHost.Warning(string message) => WriteWarning(message);

        void IRemediationHost.Error(ModuleError error) => WriteModuleError(error);

        void IRemediationHost.Progress(string activity, string status, bool completed)
        {
            var record = new ProgressRecord(ProgressActivityId, activity, status);
            if (completed)
            {
                record.RecordType = ProgressRecordType.Completed;
            }

            WriteProgress(record);
        }

        ChangeJournal IRemediationHost.StartJournal(string operation, string? journalPath) => ChangeJournal.Start(Machine, operation, journalPath);

        /// <summary>The manifest beside the loaded dll (what a user's session imports), else the dll itself; empty outside a module.</summary>
        /// <summary>
        /// A -Minimum...Version parameter as a version (two to four plain numbers), null when it was not given; anything else stops the
        /// command with <paramref name="invalid"/>'s error before anything is checked.
        /// </summary>
        protected Version? MinimumVersion(string? text, Func<string, ModuleError> invalid)
        {
            if (text == null)
            {
                return null;
            }

            var version = Diagnostics.TeamsVersionChecks.ParseMinimum(text);
            if (version == null)
            {
                ThrowModuleError(invalid(text));
            }

            return version;
        }

        protected string ModuleManifest()
        {
            var module = MyInvocation.MyCommand.Module;
            if (module == null)
            {
                return string.Empty;
            }

            var manifest = System.IO.Path.Combine(module.ModuleBase, "TeamsRemediation.psd1");
            return System.IO.File.Exists(manifest) ? manifest : module.Path;
        }

        /// <summary>A path parameter as a file-system path, or null when the parameter was not given.</summary>
        protected string? ProviderPath(string? path) => path == null ? null : GetUnresolvedProviderPathFromPSPath(path);

        private Consent Declined() => IsWhatIf ? Consent.WhatIf : Consent.No;

        protected void WriteModuleError(ModuleError error) => WriteError(ErrorRecords.From(error));

        protected void ThrowModuleError(ModuleError error) => ThrowTerminatingError(ErrorRecords.From(error));
    }
}
