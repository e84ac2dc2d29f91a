using TeamsRemediation.Hosting;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// What the diagnosis tells the progress stream while it runs: the machine checks, each user, the wait for the sign-in probes
    /// (which can take the whole timeout), the evidence, then done. Called on the pipeline thread only; without a host (the
    /// repair's rechecks) it says nothing. The cmdlet's WriteProgress honours $ProgressPreference, so an Intune or scheduled run
    /// that sets it to SilentlyContinue gets none.
    /// </summary>
    internal sealed class DiagnosisProgress
    {
        private readonly IRemediationHost? host;
        private readonly string activity;

        public DiagnosisProgress(IRemediationHost? host, string computerName)
        {
            this.host = host;
            activity = "Diagnosing Teams sign-in on " + computerName;
        }

        public void MachineChecks() => Say("Machine checks (TLS, network settings, clock, device)");

        public void User(string userName, int number, int count) => Say("Checks of " + userName + " (user " + number + " of " + count + ")");

        public void WaitingForProbes(int endpoints, System.TimeSpan atMost) => Say("Waiting for the sign-in probes of "
            + Text.Wording.Count(endpoints, "endpoint") + " (DNS, TCP, TLS, HTTP), at most " + atMost.TotalSeconds + " s");

        public void Evidence() => Say("Weighing the evidence (event 1098, Teams logs, dsregcmd)");

        public void Done() => host?.Progress(activity, "Done", completed: true);

        private void Say(string status) => host?.Progress(activity, status, completed: false);
    }
}
