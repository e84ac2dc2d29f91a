using System;
using System.Linq;
using System.Text;
using TeamsRemediation.Network;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Module;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>The WinHTTP proxy of the 64-bit and the 32-bit registry view, as netsh stores it, compared.</summary>
    public sealed class WinHttpProxyViewsTests
    {
        [Fact]
        public void ANamedProxyWithItsBypassListIsRead()
        {
            var setting = WinHttpProxyViews.Parse(Blob(3, "proxy.contoso.com:8080", "<local>;*.contoso.com"));

            Assert.False(setting.Direct);
            Assert.Equal("proxy.contoso.com:8080", setting.ProxyServer);
            Assert.Equal("<local>;*.contoso.com", setting.BypassList);
            Assert.Equal(string.Empty, setting.Error);
        }

        [Fact]
        public void TheDirectFlagIsDirectWhateverStringsFollow()
        {
            var setting = WinHttpProxyViews.Parse(Blob(1, string.Empty, string.Empty));

            Assert.True(setting.Direct);
            Assert.Equal(string.Empty, setting.Error);
        }

        [Fact]
        public void ALengthPastTheEndIsUnreadableNotAGuess()
        {
            var blob = Blob(3, "proxy:8080", string.Empty);
            blob[12] = 0xFF;

            var setting = WinHttpProxyViews.Parse(blob);

            Assert.Contains("not in the layout netsh writes", setting.Error);
        }

        [Fact]
        public void DifferentProxiesInTheTwoViewsAreReported()
        {
            using var s = new SimulatedSession();
            Set(s, RegistryView.Registry64, Blob(3, "proxy64.contoso.com:8080", string.Empty));
            Set(s, RegistryView.Registry32, Blob(1, string.Empty, string.Empty));
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Network.Proxy"), "Network.Proxy");

            Assert.Contains(finding.Evidence, line => line.StartsWith(
                "WinHTTP proxy differs between the registry views: 64-bit proxy64.contoso.com:8080, 32-bit direct.", StringComparison.Ordinal));
        }

        /// <remarks>W10: WinHTTP's API answers from the caller's view, so a 32-bit host would probe the way of the WOW6432Node copy.</remarks>
        [Theory]
        [MemberData(nameof(HostUnderTest.Both), MemberType = typeof(HostUnderTest))]
        public void TheProbesTakeTheProxyOfThe64BitViewThatTeamsAndWamUseInEitherHost(string host)
        {
            using var s = new SimulatedSession();
            HostUnderTest.Apply(s.Pc, host);
            Set(s, RegistryView.Registry64, Blob(3, "proxy64.contoso.com:8080", string.Empty));
            Set(s, RegistryView.Registry32, Blob(1, string.Empty, string.Empty));
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -CheckId Network.Endpoint, Network.Proxy"), "Network.Proxy");

            Assert.Contains("WinHTTP proxy: proxy64.contoso.com:8080.", finding.Evidence);
            Assert.DoesNotContain("WinHTTP proxy: direct access (no proxy).", finding.Evidence);
            Assert.NotEmpty(s.Machine.SimulatedNetwork.Routes);
            Assert.All(s.Machine.SimulatedNetwork.Routes, route => Assert.Equal("proxy64.contoso.com:8080", route));
        }

        [Fact]
        public void TheSameProxyInBothViewsIsNoFinding()
        {
            using var s = new SimulatedSession();
            Set(s, RegistryView.Registry64, Blob(3, "proxy.contoso.com:8080", string.Empty));
            Set(s, RegistryView.Registry32, Blob(3, "proxy.contoso.com:8080", string.Empty));
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Network.Proxy"), "Network.Proxy");

            Assert.DoesNotContain(finding.Evidence, line => line.Contains("differs between the registry views"));
            Assert.NotEmpty(finding.Evidence);
        }

        private static void Set(SimulatedSession s, RegistryView view, byte[] blob) =>
            s.Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, WinHttpProxyViews.ConnectionsKey, view),
                WinHttpProxyViews.ValueName, RegistryValue.Binary(blob));

        /// <summary>The layout netsh winhttp writes: marker 0x28, counter, flags, then length-prefixed ANSI proxy and bypass.</summary>
        internal static byte[] Blob(uint flags, string proxy, string bypass)
        {
            var bytes = BitConverter.GetBytes(0x28u).Concat(BitConverter.GetBytes(7u)).Concat(BitConverter.GetBytes(flags))
                .Concat(BitConverter.GetBytes((uint)proxy.Length)).Concat(Encoding.ASCII.GetBytes(proxy))
                .Concat(BitConverter.GetBytes((uint)bypass.Length)).Concat(Encoding.ASCII.GetBytes(bypass));
            return bytes.ToArray();
        }
    }
}
