using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TeamsRemediation.Diagnostics;

namespace TeamsRemediation.Completion
{
    /// <summary>Completes -CheckId of Test-TeamsCaa20002 from the fixed list of check ids; 'Tls.*' or '*Prt' narrow it.</summary>
    public sealed class CheckIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(CheckIds.All, wordToComplete, Tooltip);

        private static string Tooltip(string id) => id + (CheckIds.Machine.Contains(id) ? " (machine check)" : " (per-user check)");
    }
}
