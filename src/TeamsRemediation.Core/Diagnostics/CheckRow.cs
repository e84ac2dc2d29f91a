using System;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>One check of the diagnosis: its id, whether it runs for the PC or per user, what it needs first, its method.</summary>
    internal sealed class CheckRow
    {
        public CheckRow(string id, CheckScope scope, CheckNeeds needs, Func<DiagnosisInputs, UserInputs?, TeamsCaa20002Finding> run)
        {
            Id = id;
            Scope = scope;
            Needs = needs;
            Run = run;
        }

        public string Id { get; }

        public CheckScope Scope { get; }

        public CheckNeeds Needs { get; }

        /// <summary>The check itself; per-user checks get their user's inputs, machine checks null.</summary>
        public Func<DiagnosisInputs, UserInputs?, TeamsCaa20002Finding> Run { get; }

        /// <summary>Runs after the wait for the outside world (and the local checks).</summary>
        public bool RunsLater => (Needs & CheckNeeds.Later) != 0;
    }
}
