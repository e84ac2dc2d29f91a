using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>Users of the simulated PC. Profiles come from the simulated registry's ProfileList, read by the same code as on Windows.</summary>
    public sealed class SimulatedUserDirectory : IUserDirectory
    {
        private readonly SimulatedRegistry registry;
        private readonly Dictionary<string, string> names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<InteractiveSession> sessions = new List<InteractiveSession>();

        public SimulatedUserDirectory(SimulatedRegistry registry)
        {
            this.registry = registry;
            Caller = new CallerIdentity(WellKnownSids.LocalSystem, @"NT AUTHORITY\SYSTEM", isElevated: true, sessionId: 0);
        }

        /// <summary>Who runs the module; SYSTEM in session 0 unless a scenario says otherwise.</summary>
        public CallerIdentity Caller { get; set; }

        public void SetName(string sid, string userName) => names[sid] = userName;

        public void AddSession(InteractiveSession session) => sessions.Add(session);

        public void RemoveSessions(string sid) => sessions.RemoveAll(s => s.UserSid.Equals(sid, StringComparison.OrdinalIgnoreCase));

        public IReadOnlyList<UserProfile> GetProfiles() => ProfileListReader.Read(registry,
            sid => names.TryGetValue(sid, out var name) ? name : null);

        /// <summary>Makes the session list fail to be read, as WTSEnumerateSessionsW does when the service is unreachable.</summary>
        public bool SessionsUnreadable { get; set; }

        public IReadOnlyList<InteractiveSession> GetInteractiveSessions()
        {
            if (SessionsUnreadable)
            {
                // ERROR_RPC_S_SERVER_UNAVAILABLE (1722): what WTSEnumerateSessionsW reports when the session service is unreachable.
                throw new System.ComponentModel.Win32Exception(1722, "Could not list the sessions of this computer.");
            }

            return sessions.ToList();
        }

        public CallerIdentity GetCurrentIdentity() => Caller;
    }
}
