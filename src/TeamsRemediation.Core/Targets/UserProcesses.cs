using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Targets
{
    /// <summary>
    /// The one rule for "this user's processes", used by the inventory (Running) and by the process stopper: processes
    /// whose token owner is the user, in the user's interactive sessions. When the sessions cannot be listed, or the
    /// list has none of the user's, the owner SID alone decides and <see cref="Notice"/> says so: a user's Teams
    /// outside a session we know of still holds the user's cache open.
    /// </summary>
    public sealed class UserProcesses
    {
        private UserProcesses(IReadOnlyList<ProcessInfo> processes, IReadOnlyList<ProcessInfo> owned, string? notice)
        {
            Processes = processes;
            Owned = owned;
            Notice = notice;
        }

        /// <summary>The user's processes by the rule.</summary>
        public IReadOnlyList<ProcessInfo> Processes { get; }

        /// <summary>Every process whose token owner is the user, whatever its session.</summary>
        public IReadOnlyList<ProcessInfo> Owned { get; }

        /// <summary>Why the owner SID alone decided; null when the sessions did, or when it changed nothing.</summary>
        public string? Notice { get; }

        public static UserProcesses Of(IMachine machine, TargetUser user)
        {
            IReadOnlyList<ProcessInfo> all;

            // Another user's process shows its owner to SYSTEM, and to an elevated administrator only with SeDebugPrivilege enabled.
            using (user.IsCaller ? null : machine.Processes.ActOnOtherUsers())
            {
                all = machine.Processes.List();
            }

            var owned = all.Where(p => string.Equals(p.OwnerSid, user.Sid, StringComparison.OrdinalIgnoreCase)).ToList();
            var theirs = SessionsOf(machine, user, out var unlisted);
            if (unlisted != null)
            {
                return new UserProcesses(owned, owned, owned.Count == 0 ? null
                    : "The sessions of " + machine.ComputerName + " could not be listed (" + unlisted.Message + "); every process owned by "
                      + user + " counts as theirs.");
            }

            if (theirs.Count == 0)
            {
                return new UserProcesses(owned, owned, owned.Count == 0 ? null
                    : "The session list of " + machine.ComputerName + " has no session of " + user + ", yet processes owned by them run; "
                      + "every process owned by them counts as theirs.");
            }

            return new UserProcesses(owned.Where(p => theirs.Contains(p.SessionId)).ToList(), owned, null);
        }

        /// <summary>
        /// Whether a process of the user in <paramref name="sessionId"/> is theirs by this rule: one of their interactive
        /// sessions, or any session when the sessions say nothing about them (cannot be listed, or none is theirs).
        /// </summary>
        public static bool IsTheirSession(IMachine machine, TargetUser user, int? sessionId)
        {
            var theirs = SessionsOf(machine, user, out var unlisted);
            return unlisted != null || theirs.Count == 0 || (sessionId.HasValue && theirs.Contains(sessionId.Value));
        }

        private static HashSet<int> SessionsOf(IMachine machine, TargetUser user, out Exception? unlisted)
        {
            unlisted = null;
            IReadOnlyList<InteractiveSession> sessions;
            try
            {
                sessions = machine.Users.GetInteractiveSessions();
            }
            catch (Exception e) when (e is Win32Exception || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                unlisted = e;
                return new HashSet<int>();
            }

            var theirs = new HashSet<int>(sessions
                .Where(s => s.UserSid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase))
                .Select(s => s.SessionId));
            if (user.SessionId.HasValue)
            {
                theirs.Add(user.SessionId.Value);
            }

            return theirs;
        }
    }
}
