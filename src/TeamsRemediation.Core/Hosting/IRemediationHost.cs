using TeamsRemediation.Errors;
using TeamsRemediation.Journal;

namespace TeamsRemediation.Hosting
{
    /// <summary>
    /// The only way a remediation service talks to the cmdlet that runs it. The cmdlet base implements it once
    /// (consent through ShouldProcess, the verbose/warning/error/progress streams, the journal); a service takes
    /// it in its constructor next to the machine and its options, and never sees PowerShell.
    /// <para>
    /// The shape to copy for a new remediation (see JournalRestorer for a short one): options hold only what the
    /// caller asked for (never -WhatIf); before each change the service asks <see cref="Ask"/> and maps the
    /// answer onto its result (<see cref="Consent.WhatIf"/> reports what would happen, <see cref="Consent.No"/>
    /// reports declined); every change it can put back goes through the journal of <see cref="StartJournal"/>;
    /// a problem with one target is a <see cref="Error"/> plus a result saying so, never an exception.
    /// </para>
    /// </summary>
    public interface IRemediationHost
    {
        /// <summary>ShouldProcess for one change of <paramref name="target"/>, answered once.</summary>
        Consent Ask(string target, string action);

        void Verbose(string message);

        void Warning(string message);

        /// <summary>A non-terminating error of the cmdlet (through the one ModuleError to ErrorRecord factory).</summary>
        void Error(ModuleError error);

        /// <summary>Progress of a long step; <paramref name="completed"/> closes the bar.</summary>
        void Progress(string activity, string status, bool completed);

        /// <summary>The write-ahead journal of one run of <paramref name="operation"/> (one of JournalScope's operations).</summary>
        /// <param name="operation">Decides what the journal may record.</param>
        /// <param name="journalPath">The file; null for a new one in the default journal folder.</param>
        ChangeJournal StartJournal(string operation, string? journalPath = null);
    }
}
