using TeamsRemediation.Platform;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Windows
{
    /// <summary>
    /// The session's user from its processes, the last way when neither the session's token nor its name gives the SID: a RemoteApp
    /// session (Azure Virtual Desktop, RDS) has no explorer.exe and must not drop out of "the logged-on users".
    /// </summary>
    public sealed class SessionOwnerTests
    {
        private const string Alice = "S-1-5-21-1004336348-1177238915-682003330-1001";
        private const string EntraBob = "S-1-12-1-3171447326-1293838417-2913413554-1386447447";

        [Fact]
        public void ARemoteAppSessionWithoutExplorerIsItsUsersByTheOwnerOfItsProcesses()
        {
            var processes = new[]
            {
                new ProcessInfo(600, "csrss", 4, 3, WellKnownSids.LocalSystem, null),
                new ProcessInfo(610, "winlogon", 4, 3, WellKnownSids.LocalSystem, null),
                new ProcessInfo(620, "dwm", 610, 3, "S-1-5-90-0-3", null),
                new ProcessInfo(630, "fontdrvhost", 610, 3, "S-1-5-96-0-3", null),
                new ProcessInfo(700, "rdpshell", 610, 3, EntraBob, null),
                new ProcessInfo(710, "ms-teams", 700, 3, EntraBob, null),
                new ProcessInfo(800, "explorer", 1, 2, Alice, null),
            };

            Assert.Equal(EntraBob, SessionOwner.FromProcesses(processes, 3));
            Assert.Equal(Alice, SessionOwner.FromProcesses(processes, 2));
        }

        [Fact]
        public void ExplorerDecidesWhereAnotherUsersProgramRunsInTheSession()
        {
            var processes = new[]
            {
                new ProcessInfo(800, "explorer", 1, 2, Alice, null),
                new ProcessInfo(810, "helper", 800, 2, EntraBob, null),
                new ProcessInfo(811, "helper", 800, 2, EntraBob, null),
            };

            Assert.Equal(Alice, SessionOwner.FromProcesses(processes, 2));
        }

        [Fact]
        public void ASessionWithOnlySystemProcessesHasNoUser()
        {
            var processes = new[]
            {
                new ProcessInfo(600, "csrss", 4, 5, WellKnownSids.LocalSystem, null),
                new ProcessInfo(620, "dwm", 4, 5, "S-1-5-90-0-5", null),
            };

            Assert.Null(SessionOwner.FromProcesses(processes, 5));
        }
    }
}
