using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Network;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// The probes do not wait for the thread pool: on a PC whose pool is taken (busy at logon, when Intune runs detection) a
    /// firewall that drops the sign-in hosts is still a timeout Fail, never "could not tell".
    /// </summary>
    [Collection(AloneCollection.Name)]
    public sealed class BusyThreadPoolProbeTests
    {
        [Fact]
        public void ASilentListenerIsATimeoutFailWhileTheThreadPoolIsStarved()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.Network = new SocketNetworkProbe(s.Machine.Runtime);
            using var silent = new SilentListener();
            s.Run("Get-Module TeamsRemediation");

            ScriptResult result;
            bool starvedThroughout;
            using (var pool = new StarvedThreadPool())
            {
                result = s.Run("Test-TeamsCaa20002 -Endpoint $args[0] -TimeoutSeconds 2 -CheckId Network.Endpoint", "127.0.0.1:" + silent.Port);
                starvedThroughout = pool.StillStarved;
            }

            Assert.True(starvedThroughout, "the thread pool must stay starved for the whole run, or this test proves nothing");
            var endpoint = Finding(result, "Network.Endpoint");
            Assert.Equal(FindingStatus.Fail, endpoint.Status);
            Assert.Equal("1 of 1 sign-in endpoints fail: 127.0.0.1 (timeout).", endpoint.Summary);
            var line = Assert.Single(endpoint.Evidence);
            Assert.Contains(": TimedOut, ", line);
            Assert.Contains("CAA82EE2", line);
        }
    }
}
