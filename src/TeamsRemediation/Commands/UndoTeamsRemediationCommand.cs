using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using TeamsRemediation.Errors;
using TeamsRemediation.Journal;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Puts back what a TeamsRemediation cmdlet changed, from its journal: registry values (absent included) and moved
    /// files.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "TeamsRemediation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        HelpUri = HelpLinks.UndoTeamsRemediation)]
    [OutputType(typeof(RestoreResult))]
    public sealed class UndoTeamsRemediationCommand : TeamsCmdletBase, System.IDisposable
    {
        private readonly List<string> journals = new List<string>();
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        /// <summary>
        /// Journal files: paths, piped path strings, piped results by their JournalPath, piped files (Get-ChildItem) by
        /// their FullName. Empty paths (a run that changed nothing) are passed over.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("JournalPath", "FullName")]
        [AllowEmptyString]
        public string[]? Journal { get; set; }

        /// <summary>Also puts back values and files changed again since the run.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            // Collected first: piped results of one run all name the same journal, which is restored once.
            foreach (var path in Journal ?? new string[0])
            {
                if (string.IsNullOrWhiteSpace(path))
                {
                    continue;
                }

                var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                if (!journals.Contains(full, StringComparer.OrdinalIgnoreCase))
                {
                    journals.Add(full);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (journals.Count == 0)
            {
                // An empty JournalPath is what a run that changed nothing reports; said aloud, so a typo'd variable is not silent.
                WriteWarning("No journal was named (an empty JournalPath means that run changed nothing), so nothing was put back.");
            }

            var restorer = new JournalRestorer(Machine, RemediationHost);
            var inUserSession = new UserSessionUndo(Machine, RemediationHost, ModuleManifest());
            foreach (var path in journals)
            {
                if (!File.Exists(path))
                {
                    WriteModuleError(Directory.Exists(path) ? ModuleErrors.JournalIsFolder(path) : ModuleErrors.JournalNotFound(path));
                    continue;
                }

                IReadOnlyList<RestoreResult> results;
                try
                {
                    // A user's own journal, met by an elevated Undo: restored in that user's session, never followed here.
                    var owner = inUserSession.SessionOwnerOf(path);
                    results = owner == null ? restorer.Restore(path, Force) : inUserSession.Restore(path, owner, Force, stopping.Token);
                }
                catch (JournalRefusedException e)
                {
                    WriteModuleError(e.Error);
                    continue;
                }
                catch (InvalidDataException e)
                {
                    WriteModuleError(ModuleErrors.InvalidJournal(path, e));
                    continue;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    WriteModuleError(ModuleErrors.JournalUnreadable(path, e));
                    continue;
                }

                foreach (var result in results)
                {
                    WriteObject(result);
                }
            }
        }

        /// <summary>Ctrl+C: a run in a user's session stops waiting, and its task and folder are removed.</summary>
        protected override void StopProcessing() => stopping.Cancel();

        public void Dispose() => stopping.Dispose();
    }
}
