using System;
using System.Collections.Generic;

namespace TeamsRemediation.Platform
{
    /// <summary>Processes of the machine: list them with owner and parent, stop them, wait for them, start one for a user.</summary>
    public interface IProcessTable
    {
        IReadOnlyList<ProcessInfo> List();

        /// <summary>Asks the process to close (WM_CLOSE to its windows on Windows). False when it has no way to be asked.</summary>
        bool RequestClose(int processId);

        /// <summary>Ends the process at once. A process that already exited is not an error.</summary>
        void Kill(int processId);

        /// <summary>True when the process is gone within the timeout.</summary>
        bool WaitForExit(int processId, TimeSpan timeout);

        /// <summary>
        /// Lets this process open other users' processes while the scope lasts: on Windows SeDebugPrivilege is enabled when the token
        /// holds it (an elevated administrator; SYSTEM has it on) and put back as it was on dispose. Without it an elevated administrator
        /// reads no owner of another user's process and cannot stop it. Does nothing for a caller that does not hold the privilege.
        /// </summary>
        IDisposable ActOnOtherUsers();

        /// <summary>Starts a program in the caller's own session. Returns the new process id.</summary>
        int Start(string executablePath, string arguments);
    }
}
