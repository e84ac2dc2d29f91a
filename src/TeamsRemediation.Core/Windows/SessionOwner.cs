using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// The user of a desktop session read from its processes, for when neither the session's token (WTSQueryUserToken, SYSTEM only) nor
    /// its user name gives the SID. A full desktop runs explorer.exe; a RemoteApp session (Azure Virtual Desktop, RDS published apps)
    /// runs rdpshell.exe and the app instead, and a kiosk another shell: so the owner of explorer.exe when there is one, else the owner
    /// most of the session's user processes share. System processes of every session (csrss, winlogon, dwm, fontdrvhost) run as SYSTEM,
    /// Window Manager (S-1-5-90-0-n) or Font Driver Host (S-1-5-96-0-n) accounts, never as a domain or Entra ID user.
    /// </summary>
    internal static class SessionOwner
    {
        public static string? FromProcesses(IEnumerable<ProcessInfo> processes, int sessionId)
        {
            var users = processes.Where(p => p.SessionId == sessionId && p.OwnerSid != null && IsUserAccount(p.OwnerSid)).ToList();
            var shell = users.FirstOrDefault(p => string.Equals(p.Name, "explorer", StringComparison.OrdinalIgnoreCase));
            return shell?.OwnerSid ?? users.GroupBy(p => p.OwnerSid!, StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        }

        /// <summary>A local or domain account (S-1-5-21-...) or an Entra ID account (S-1-12-1-...).</summary>
        private static bool IsUserAccount(string sid) =>
            sid.StartsWith("S-1-5-21-", StringComparison.OrdinalIgnoreCase) || sid.StartsWith("S-1-12-1-", StringComparison.OrdinalIgnoreCase);
    }
}
