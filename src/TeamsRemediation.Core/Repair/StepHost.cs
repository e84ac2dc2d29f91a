using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The host a rung's service talks through once the rung itself was asked: approved, every question of the service is
    /// answered Yes (the user was asked once, for the whole step); planning, every question is answered WhatIf and nothing is
    /// reported, so the service only measures what it would do. Journals still come from the cmdlet's host.
    /// </summary>
    internal sealed class StepHost : IRemediationHost
    {
        private readonly IRemediationHost inner;
        private readonly bool planning;

        private StepHost(IRemediationHost inner, bool planning)
        {
            this.inner = inner;
            this.planning = planning;
        }

        public static IRemediationHost Approved(IRemediationHost inner) => new StepHost(inner, planning: false);

        public static IRemediationHost Planning(IRemediationHost inner) => new StepHost(inner, planning: true);

        public Consent Ask(string target, string action) => planning ? Consent.WhatIf : Consent.Yes;

        public void Verbose(string message)
        {
            if (!planning)
            {
                inner.Verbose(message);
            }
        }

        public void Warning(string message)
        {
            if (!planning)
            {
                inner.Warning(message);
            }
        }

        public void Error(ModuleError error)
        {
            if (!planning)
            {
                inner.Error(error);
            }
        }

        public void Progress(string activity, string status, bool completed)
        {
            if (!planning)
            {
                inner.Progress(activity, status, completed);
            }
        }

        public ChangeJournal StartJournal(string operation, string? journalPath = null) => inner.StartJournal(operation, journalPath);
    }
}
