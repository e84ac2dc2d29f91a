using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>Network.UserProxy as the user: the sign-in endpoints probed through the proxy the user's own PAC, WPAD or static setting
    /// picks.</summary>
    public sealed class UserProxyCheckTests
    {
        private static readonly UserProxyResolution Pac = new UserProxyResolution(
            ProxyRoute.Parse("proxy.contoso.com:8080", string.Empty, "PAC http://wpad.contoso.com/wpad.dat"), "PAC http://wpad.contoso.com/wpad.dat");

        [Fact]
        public void ThroughTheUsersPacProxyEveryEndpointAnsweringPasses()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Machine.SimulatedNetworkSettings.UserProxy = Pac;
            s.Pc.RunAs(alice, elevated: false);

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Network.UserProxy"), "Network.UserProxy", alice);

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Equal("Going through proxy.contoso.com:8080 (PAC http://wpad.contoso.com/wpad.dat) as the user, every sign-in endpoint answers.",
                finding.Summary);
            Assert.All(s.Machine.SimulatedNetwork.Routes, r => Assert.Equal("proxy.contoso.com:8080", r));
            Assert.Equal("https://login.microsoftonline.com/", Assert.Single(s.Machine.SimulatedNetworkSettings.UserProxyQueries).AbsoluteUri);
        }

        [Fact]
        public void AnEndpointTheUsersProxyRefusesIsTheNetworksFail()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Machine.SimulatedNetworkSettings.UserProxy = Pac;
            s.Machine.SimulatedNetwork.Declare("login.microsoftonline.com", ProbeOutcome.ProxyRefused, "The proxy answered 403 to CONNECT.");
            s.Pc.RunAs(alice, elevated: false);

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Network.UserProxy"), "Network.UserProxy", alice);

            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Equal(FindingOwner.Network, finding.Owner);
            Assert.StartsWith("Going through proxy.contoso.com:8080 (PAC http://wpad.contoso.com/wpad.dat) as the user, 1 of ", finding.Summary);
            Assert.Contains("login.microsoftonline.com ProxyRefused", finding.Summary);
            Assert.Contains("PAC", finding.Remedy);
        }

        [Fact]
        public void SkipNetworkSkipsIt()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAs(alice, elevated: false);

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Network.UserProxy -SkipNetwork"), "Network.UserProxy", alice);

            Assert.Equal(FindingStatus.Skipped, finding.Status);
            Assert.Empty(s.Machine.SimulatedNetwork.Probed);
        }
    }
}
