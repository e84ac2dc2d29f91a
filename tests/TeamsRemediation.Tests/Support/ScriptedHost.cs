using System.Collections.Generic;
using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>A remediation host without PowerShell: every question gets the same answer, every report is kept.</summary>
    public sealed class ScriptedHost : IRemediationHost
    {
        private readonly IMachine machine;
        private readonly Consent answer;

        public ScriptedHost(IMachine machine, Consent answer = Consent.Yes)
        {
            this.machine = machine;
            this.answer = answer;
        }

        public List<string> Questions { get; } = new List<string>();

        public List<string> Verbose { get; } = new List<string>();

        public List<string> Warnings { get; } = new List<string>();

        public List<ModuleError> Errors { get; } = new List<ModuleError>();

        public Consent Ask(string target, string action)
        {
            Questions.Add(target + ": " + action);
            return answer;
        }

        void IRemediationHost.Verbose(string message) => Verbose.Add(message);

        public void Warning(string message) => Warnings.Add(message);

        public void Error(ModuleError error) => Errors.Add(error);

        public void Progress(string activity, string status, bool completed)
        {
        }

        public ChangeJournal StartJournal(string operation, string? journalPath = null) => ChangeJournal.Start(machine, operation, journalPath);
    }
}
