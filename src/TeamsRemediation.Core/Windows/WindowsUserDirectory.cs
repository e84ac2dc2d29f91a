using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Users of this Windows PC: profiles from ProfileList, desktop sessions from the Terminal Services API, and the
    /// caller from its own token. Works the same from SYSTEM, an elevated admin and a plain user.
    /// </summary>
    public sealed class WindowsUserDirectory : IUserDirectory
    {
        private readonly IRegistry registry;
        private readonly IProcessTable processes;

        public WindowsUserDirectory(IRegistry registry, IProcessTable processes)
        {
            this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
            this.processes = processes ?? throw new ArgumentNullException(nameof(processes));
        }

        public IReadOnlyList<UserProfile> GetProfiles() => ProfileListReader.Read(registry, AccountNames.TryGetName);

        public IReadOnlyList<InteractiveSession> GetInteractiveSessions()
        {
            if (!NativeMethods.WTSEnumerateSessionsW(NativeMethods.WtsCurrentServerHandle, 0, 1, out var list, out var count))
            {
                var error = Marshal.GetLastWin32Error();
                list.Dispose();
                throw new Win32Exception(error, "Could not list the sessions of this computer.");
            }

            var sessions = new List<InteractiveSession>();
            IReadOnlyList<ProcessInfo>? processList = null;
            using (list)
            {
                var size = Marshal.SizeOf<NativeMethods.WtsSessionInfoW>();
                for (var i = 0; i < count; i++)
                {
                    var info = Marshal.PtrToStructure<NativeMethods.WtsSessionInfoW>(new IntPtr(list.Pointer.ToInt64() + (i * (long)size)));
                    if (info.State != NativeMethods.WtsActive && info.State != NativeMethods.WtsDisconnected)
                    {
                        continue;
                    }

                    var user = QueryString(info.SessionId, NativeMethods.WtsUserName);
                    if (string.IsNullOrEmpty(user))
                    {
                        continue;
                    }

                    var domain = QueryString(info.SessionId, NativeMethods.WtsDomainName);
                    var name = string.IsNullOrEmpty(domain) ? user! : domain + "\\" + user;

                    // WTSQueryUserToken would give the SID directly but is SYSTEM-only. The name lookup works for any
                    // caller; when it fails (an Entra ID name the LSA cannot map), the owner of the session's shell says it.
                    var sid = AccountNames.TryGetSid(name) ?? ShellOwner(info.SessionId, ref processList);
                    if (sid != null)
                    {
                        sessions.Add(new InteractiveSession(info.SessionId, sid, name, info.State == NativeMethods.WtsActive));
                    }
                }
            }

            return sessions;
        }

        public CallerIdentity GetCurrentIdentity()
        {
            using (var token = TokenReader.OpenCurrentProcessToken())
            {
                var sid = TokenReader.TryGetUserSid(token) ?? throw new Win32Exception(Marshal.GetLastWin32Error(),
                    "Could not read the user of this process's access token.");
                var name = AccountNames.TryGetName(sid) ?? Environment.UserDomainName + "\\" + Environment.UserName;
                var sessionId = NativeMethods.ProcessIdToSessionId(NativeMethods.GetCurrentProcessId(), out var session) ? session : -1;
                return new CallerIdentity(sid, name, TokenReader.IsElevated(token), sessionId);
            }
        }

        private static string? QueryString(int sessionId, int infoClass)
        {
            if (!NativeMethods.WTSQuerySessionInformationW(NativeMethods.WtsCurrentServerHandle, sessionId, infoClass, out var buffer, out _))
            {
                buffer.Dispose();
                return null;
            }

            using (buffer)
            {
                return Marshal.PtrToStringUni(buffer.Pointer);
            }
        }

        private string? ShellOwner(int sessionId, ref IReadOnlyList<ProcessInfo>? processList)
        {
            processList = processList ?? processes.List();
            return processList
                .Where(p => p.SessionId == sessionId && string.Equals(p.Name, "explorer", StringComparison.OrdinalIgnoreCase) && p.OwnerSid != null)
                .Select(p => p.OwnerSid)
                .FirstOrDefault();
        }
    }
}
