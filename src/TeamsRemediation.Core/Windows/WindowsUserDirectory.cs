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
                    // IntPtr.Add, not ToInt64 arithmetic: new IntPtr(long) overflows in a 32-bit process above 2 GB.
                    var info = Marshal.PtrToStructure<NativeMethods.WtsSessionInfoW>(IntPtr.Add(list.Pointer, i * size));
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

                    // The session's own token says exactly who it is (SYSTEM only, the main caller); else the name lookup, which
                    // works for any caller but not for every Entra ID name; else the owner of the session's processes.
                    var sid = TokenUser(info.SessionId) ?? AccountNames.TryGetSid(name) ?? ProcessOwner(info.SessionId, ref processList);
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

        /// <summary>
        /// TokenUser of the session's primary token. WTSQueryUserToken: "the calling application must be running within the context of the
        /// LocalSystem account and have the SE_TCB_NAME privilege"; any other caller fails (ERROR_PRIVILEGE_NOT_HELD) and gets null here.
        /// </summary>
        private static string? TokenUser(int sessionId)
        {
            if (!NativeMethods.WTSQueryUserToken(sessionId, out var token))
            {
                token.Dispose();
                return null;
            }

            using (token)
            {
                return TokenReader.TryGetUserSid(token);
            }
        }

        private string? ProcessOwner(int sessionId, ref IReadOnlyList<ProcessInfo>? processList)
        {
            if (processList == null)
            {
                // Other users' process owners are readable to an elevated administrator only with SeDebugPrivilege enabled.
                using (processes.ActOnOtherUsers())
                {
                    processList = processes.List();
                }
            }

            return SessionOwner.FromProcesses(processList, sessionId);
        }
    }
}
