using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Errors;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Puts back what a TeamsRemediation cmdlet changed, from its journal: registry values (absent ones deleted again) and folders moved aside.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "TeamsRemediation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RestoreResult))]
    public sealed class UndoTeamsRemediationCommand : TeamsCmdletBase
    {
        // Ordered and distinct: a journal is named by every object a changing cmdlet emits.
        private readonly List<string> journals = new List<string>();
        private int conflicts;

        /// <summary>
        /// Journal file(s). Binds from the pipeline by value (paths) and by property name: JournalPath (output of the
        /// changing cmdlets), Journal (RestoreResult), FullName (a file from Get-ChildItem). Each journal is restored
        /// once per call however many piped objects name it; an empty JournalPath (nothing was changed) is skipped.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("JournalPath", "FullName")]
        [AllowEmptyString]
        public string[]? Journal { get; set; }

        /// <summary>Also put back values and files that were changed again since the run (otherwise reported as Conflict and left alone).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var given in Journal ?? new string[0])
            {
                if (string.IsNullOrWhiteSpace(given))
                {
                    continue;
                }

                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);
                if (!journals.Contains(path, StringComparer.OrdinalIgnoreCase))
                {
                    journals.Add(path);
                }
            }
        }

        /// <summary>
        /// Restores only once the input has ended: piped from a changing cmdlet, the journal is still growing
        /// while its first objects arrive, and a restore must see every change of the run.
        /// </summary>
        protected override void EndProcessing()
        {
            foreach (var path in journals)
            {
                Restore(path);
            }

            if (conflicts > 0)
            {
                WriteWarning(conflicts + " change(s) were made again by someone or something else since the run and were left alone (Status Conflict). Use -Force to put them back anyway.");
            }
        }

        private void Restore(string path)
        {
            if (!File.Exists(path))
            {
                WriteModuleError(ModuleErrors.JournalNotFound(path));
                return;
            }

            IReadOnlyList<JournalEntry> entries;
            try
            {
                entries = JournalFile.Read(path);
            }
            catch (Exception e) when (e is InvalidDataException || e is IOException || e is UnauthorizedAccessException)
            {
                WriteModuleError(ModuleErrors.JournalInvalid(path, e));
                return;
            }

            var caller = Machine.Users.GetCurrentIdentity();
            if (!caller.IsElevated && entries.Any(e => e.Kind == JournalEntryKind.RegistryValue && e.Key.Hive == RegistryHive.LocalMachine))
            {
                WriteModuleError(ModuleErrors.RestoreElevationRequired(path, caller.UserName));
                return;
            }

            IReadOnlyList<RestoreResult> results;
            try
            {
                results = new JournalRestorer(Machine).Restore(path, ShouldProcess, Force, IsWhatIf);
            }
            catch (InvalidDataException e)
            {
                WriteModuleError(ModuleErrors.JournalInvalid(path, e));
                return;
            }

            foreach (var result in results)
            {
                if (result.Status == RestoreStatus.Failed)
                {
                    WriteModuleError(ModuleErrors.RestoreFailed(result.Target, result.Detail));
                }
                else if (result.Status == RestoreStatus.Conflict)
                {
                    conflicts++;
                }

                WriteObject(result);
            }
        }

        private bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
            ? ((SwitchParameter)bound).IsPresent
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
    }
}
