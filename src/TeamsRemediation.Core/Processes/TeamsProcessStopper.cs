using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Processes
{
    /// <summary>The outcome of stopping a user's Teams: what is gone, what is still there.</summary>
    public sealed class ProcessStopOutcome
    {
        public ProcessStopOutcome(IReadOnlyList<ProcessInfo> stopped, IReadOnlyList<ProcessInfo> stillRunning)
        {
            Stopped = stopped;
            StillRunning = stillRunning;
        }

        public IReadOnlyList<ProcessInfo> Stopped { get; }

        public IReadOnlyList<ProcessInfo> StillRunning { get; }
    }

    /// <summary>
    /// Finds and stops one user's Teams of one client: its processes (by name, and whose they are by
    /// <see cref="UserProcesses"/>) and the msedgewebview2 processes that descend from them. Nothing of another
    /// user, and no WebView2 of another app. Ends Teams at once, gives its WebView2 processes a grace period to leave with it,
    /// and waits for the real exit. Every kill checks that the id still names the listed process (Windows reuses ids).
    /// </summary>
    /// <remarks>
    /// Teams is not asked to close first. WM_CLOSE only hides classic and new Teams to the notification area (both keep running
    /// when their window is closed, by default), so the grace period after it was nearly always lost; from SYSTEM, Intune's case,
    /// no window of the user can be reached at all; and the Restart Manager cannot shut down applications of another session from
    /// a service (RmShutdown remarks). Microsoft's own steps before clearing the cache quit Teams from its notification-area icon
    /// or end the task; a script can only do the latter. Nothing is lost that the cache clear or the account reset would keep:
    /// Teams keeps its messages in the service.
    /// </remarks>
    public sealed class TeamsProcessStopper
    {
        private readonly IMachine machine;
        private readonly Action<string> verbose;
        private readonly Action<string> notice;
        private readonly HashSet<string> told = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The notice hears when the owner SID alone decided which processes are the user's (verbose by default).</summary>
        public TeamsProcessStopper(IMachine machine, Action<string> verbose, Action<string>? notice = null)
        {
            this.machine = machine;
            this.verbose = verbose;
            this.notice = notice ?? verbose;
        }

        /// <summary>How long the WebView2 processes get to leave with their ended Teams host before they are ended too.</summary>
        public TimeSpan WebViewGrace { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How long a killed process may take to be gone.</summary>
        public TimeSpan KillTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The user's Teams processes of the client, Teams first, then their WebView2 descendants.</summary>
        public IReadOnlyList<ProcessInfo> Find(TargetUser user, TeamsClient client)
        {
            var userProcesses = UserProcesses.Of(machine, user);

            // Find runs again just before deleting (a relaunch check): the same fallback is said once.
            if (userProcesses.Notice != null && told.Add(userProcesses.Notice))
            {
                notice(userProcesses.Notice);
            }

            return WithWebViews(userProcesses.Processes, client, user);
        }

        /// <summary>
        /// Every Teams process of the client whose owner is the user, in any session: what must be gone before the
        /// cache is deleted, whichever processes the rule picked for stopping.
        /// </summary>
        public IReadOnlyList<ProcessInfo> FindAlive(TargetUser user, TeamsClient client) =>
            WithWebViews(UserProcesses.Of(machine, user).Owned, client, user);

        private static List<ProcessInfo> WithWebViews(IReadOnlyList<ProcessInfo> theirs, TeamsClient client, TargetUser user)
        {
            var found = theirs.Where(p => TeamsLayout.IsClientProcess(p, client, user.Folders)).ToList();

            // WebView2 runs as a tree (browser process under ms-teams, renderers under the browser): take descendants.
            var ids = new HashSet<int>(found.Select(p => p.Id));
            var added = true;
            while (added)
            {
                added = false;
                foreach (var webView in theirs.Where(p => p.Name.Equals(TeamsLayout.WebView2ProcessName, StringComparison.OrdinalIgnoreCase)
                    && !ids.Contains(p.Id) && ids.Contains(p.ParentId)))
                {
                    found.Add(webView);
                    ids.Add(webView.Id);
                    added = true;
                }
            }

            return found;
        }

        /// <summary>Ends Teams, gives its WebView2 processes the grace period, ends what is left, and waits for the exit.</summary>
        public ProcessStopOutcome Stop(IReadOnlyList<ProcessInfo> processes)
        {
            var teams = processes.Where(p => !p.Name.Equals(TeamsLayout.WebView2ProcessName, StringComparison.OrdinalIgnoreCase)).ToList();
            var webViews = processes.Except(teams).ToList();
            var still = new List<ProcessInfo>();

            // The processes may be another user's: an elevated administrator can stop those only with SeDebugPrivilege enabled.
            using (machine.Processes.ActOnOtherUsers())
            {
                still.AddRange(StopGroup(teams, TimeSpan.Zero));

                // WebView2 children usually leave with their host; those that linger would keep cache files open.
                still.AddRange(StopGroup(webViews, WebViewGrace));
            }

            return new ProcessStopOutcome(processes.Except(still).ToList(), still);
        }

        private IEnumerable<ProcessInfo> StopGroup(IReadOnlyList<ProcessInfo> group, TimeSpan grace)
        {
            if (group.Count == 0)
            {
                return group;
            }

            var deadline = DateTime.UtcNow + grace;
            var left = grace > TimeSpan.Zero ? group.Where(p => !machine.Processes.WaitForExit(p, Remaining(deadline))).ToList() : group.ToList();
            foreach (var process in left)
            {
                verbose(grace > TimeSpan.Zero ? process + " did not exit with its host; stopping it." : "Stopping " + process + ".");
                try
                {
                    if (machine.Processes.Kill(process) == ProcessKillOutcome.IdReused)
                    {
                        verbose(process + " had exited; its id now names another process, which was left alone.");
                    }
                }
                catch (Exception e) when (e is UnauthorizedAccessException || e is InvalidOperationException
                    || e is System.ComponentModel.Win32Exception)
                {
                    verbose("Could not stop " + process + ": " + e.Message);
                }
            }

            deadline = DateTime.UtcNow + KillTimeout;
            return left.Where(p => !machine.Processes.WaitForExit(p, Remaining(deadline))).ToList();
        }

        private static TimeSpan Remaining(DateTime deadline)
        {
            var left = deadline - DateTime.UtcNow;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }
}
