using System;
using System.Collections.Generic;

namespace TeamsRemediation.Platform
{
    /// <summary>Processes of the machine: list them with owner and parent, stop them, wait for them, start one for a user.</summary>
    public interface IProcessTable
    {
        IReadOnlyList<ProcessInfo> List();

        /// <summary>
        /// Ends the listed process at once, after checking on the opened process that its id still names it
        /// (<see cref="ProcessInfo.IsSameProcessAs"/>): Windows reuses a process id as soon as the process is gone, and seconds pass
        /// between the listing and the kill. A process that already exited, or whose id now names another process, is not an error:
        /// the listed one is gone, and the other is left alone.
        /// </summary>
        ProcessKillOutcome Kill(ProcessInfo listed);

        /// <summary>True when the listed process is gone within the timeout (its id naming another process now counts as gone).</summary>
        bool WaitForExit(ProcessInfo listed, TimeSpan timeout);

        /// <summary>
        /// Lets this process open other users' processes while the scope lasts: on Windows SeDebugPrivilege is enabled when the token
        /// holds it (an elevated administrator; SYSTEM has it on) and put back as it was on dispose. Without it an elevated administrator
        /// reads no owner of another user's process and cannot stop it. Does nothing for a caller that does not hold the privilege.
        /// </summary>
        IDisposable ActOnOtherUsers();

        /// <summary>Starts a program in the caller's own session. Returns the new process id.</summary>
        int Start(string executablePath, string arguments);
    }

    /// <summary>What <see cref="IProcessTable.Kill"/> found.</summary>
    public enum ProcessKillOutcome
    {
        /// <summary>The listed process was ended.</summary>
        Ended,

        /// <summary>It had already exited: nothing to end.</summary>
        AlreadyGone,

        /// <summary>Its id now names another process (another image or start time), which was left alone.</summary>
        IdReused,
    }
}
