using System;
using TeamsRemediation.SessionLauncher;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Windows
{
    /// <summary>
    /// The launcher's job object for real (Windows and the Wine leg): the process it ties is ended when the job's handle closes, as
    /// PowerShell is when the Task Scheduler service ends the launcher. The native structures' layout is checked by Windows itself here.
    /// </summary>
    public sealed class WindowsSessionLauncherJobTests
    {
        [WindowsFact]
        public void ClosingTheJobEndsTheProcessItTied()
        {
            using var child = RealProcess.Start("powershell-standin.exe");

            var job = KillOnCloseJob.Tie(child.Process, out var tied);
            Assert.True(tied, "Windows refused the job's limits or the assignment");
            Assert.True(child.IsAlive);
            job.Dispose();

            // A generous deadline: the kill is immediate, the wait only absorbs a loaded machine.
            Assert.True(child.Process.WaitForExit((int)TimeSpan.FromSeconds(30).TotalMilliseconds), "the tied process outlived its job");
        }
    }
}
