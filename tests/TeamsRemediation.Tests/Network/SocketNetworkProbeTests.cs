using System;
using System.Net.Sockets;
using System.Security.Authentication;
using TeamsRemediation.Network;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Network
{
    /// <summary>The real probe against real servers on 127.0.0.1: each failure kind is told apart.</summary>
    public sealed class SocketNetworkProbeTests
    {
        private static ProbeEndpoint Endpoint(string text)
        {
            Assert.True(ProbeEndpoint.TryParse(text, out var endpoint));
            return endpoint!;
        }

        private static EndpointProbeResult Probe(string endpoint, ProxyRoute? proxy = null, int seconds = 10, SocketNetworkProbe? probe = null,
            string host = PowerShell7)
        {
            return (probe ?? new SocketNetworkProbe(Runtime(host))).Probe(Endpoint(endpoint), proxy,
                ProbeDeadline.After(TimeSpan.FromSeconds(seconds)));
        }

        private const string PowerShell7 = "PowerShell 7 on Windows 11";
        private const string WindowsPowerShellOn11 = "Windows PowerShell 5.1 (.NET Framework 4.8) on Windows 11";
        private const string WindowsPowerShellOn10 = "Windows PowerShell 5.1 (.NET Framework 4.8) on Windows 10";
        private const string WindowsPowerShell472 = "Windows PowerShell 5.1 (.NET Framework 4.7.2) on Windows 11";

        private static HostRuntime Runtime(string host)
        {
            switch (host)
            {
                case PowerShell7: return HostRuntime.DotNet(SimulatedPc.Windows11Build);
                case WindowsPowerShellOn11: return HostRuntime.WindowsPowerShell(SimulatedPc.Windows11Build);
                case WindowsPowerShellOn10: return HostRuntime.WindowsPowerShell(SimulatedPc.Windows10Build);
                case WindowsPowerShell472: return HostRuntime.WindowsPowerShell(SimulatedPc.Windows11Build, framework48: false);
                default: throw new ArgumentException("No such host: " + host, nameof(host));
            }
        }

        [Theory]
        [InlineData(WindowsPowerShellOn11)]
        [InlineData(WindowsPowerShellOn10)]
        [InlineData(WindowsPowerShell472)]
        public void AWindowsPowerShellHostNamesItsProtocolsBecauseNetFrameworkRefusesNone(string host)
        {
            // .NET Framework's SslState.ValidateCreateContext throws ArgumentException for SslProtocols.None unless SystemDefaultTlsVersions
            // is set, which powershell.exe (no target framework) does not have by default.
            var offered = new SocketNetworkProbe(Runtime(host)).OfferedProtocols;

            Assert.NotEqual(0, (int)offered);
            Assert.True((offered & SslProtocols.Tls12) == SslProtocols.Tls12);
            Assert.Equal(host == WindowsPowerShellOn11, (offered & TlsProtocolNames.Tls13) == TlsProtocolNames.Tls13);
            Assert.Equal(0, (int)offered & (0xC0 | 0x300)); // neither TLS 1.0 nor TLS 1.1
        }

        [Fact]
        public void PowerShell7OffersWhatTheOperatingSystemOffers()
        {
            Assert.Equal(0, (int)new SocketNetworkProbe(Runtime(PowerShell7)).OfferedProtocols);
        }

        [Theory]
        [InlineData(PowerShell7)]
        [InlineData(WindowsPowerShellOn11)]
        [InlineData(WindowsPowerShellOn10)]
        public void ATls12ServerWithAnUntrustedCertificateIsAWorkingHandshakeWithTheChainProblemAsEvidence(string host)
        {
            var date = DateTimeOffset.UtcNow.AddMinutes(-42);
            using var server = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Json(date));

            var result = Probe(server.Endpoint(), host: host);

            Assert.Equal(ProbeOutcome.Ok, result.Outcome);
            Assert.True(result.TlsHandshakeSucceeded);
            Assert.Equal(200, result.HttpStatus);
            Assert.Contains("RemoteCertificateChainErrors", result.CertificateProblem);
            Assert.Contains("TeamsRemediation Test TLS", result.CertificateIssuer);
            Assert.Equal(date.ToUnixTimeSeconds(), result.ServerDate!.Value.ToUnixTimeSeconds());
        }

        [Theory]
        [InlineData(PowerShell7)]
        [InlineData(WindowsPowerShellOn11)]
        public void ATls13OnlyServerIsAWorkingConnectionWithItsProtocolRecorded(string host)
        {
            using var server = new LocalTlsServer(SslProtocols.Tls13, () => LocalTlsServer.Json(DateTimeOffset.UtcNow));

            var result = Probe(server.Endpoint(), host: host);

            Assert.Equal(ProbeOutcome.Ok, result.Outcome);
            Assert.True(result.TlsHandshakeSucceeded);
            Assert.Equal("TLS 1.3", result.NegotiatedProtocol);
            Assert.StartsWith("TLS 1.3 with 127.0.0.1 works", result.Detail);
        }

        [Fact]
        public void WindowsPowerShellOnWindows10OffersNoTls13WhichItsSchannelLacks()
        {
            using var server = new LocalTlsServer(SslProtocols.Tls13, () => LocalTlsServer.Json(DateTimeOffset.UtcNow));

            var result = Probe(server.Endpoint(), host: WindowsPowerShellOn10);

            Assert.Equal(ProbeOutcome.TlsFailed, result.Outcome);
            Assert.Equal("tls", result.Stage);
        }

        [Theory]
        [InlineData(PowerShell7)]
        [InlineData(WindowsPowerShellOn11)]
        [InlineData(WindowsPowerShellOn10)]
        public void ATls12OnlyServerIsRecordedAsTls12(string host)
        {
            using var server = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Json(DateTimeOffset.UtcNow));

            var result = Probe(server.Endpoint(), host: host);

            Assert.Equal(ProbeOutcome.Ok, result.Outcome);
            Assert.Equal("TLS 1.2", result.NegotiatedProtocol);
        }

        [Fact]
        public void AnHtmlPageWhereTheServiceSendsJsonIsNamedAsSuch()
        {
            using var server = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Html(DateTimeOffset.UtcNow));

            var result = Probe(server.Endpoint());

            Assert.Equal(ProbeOutcome.HtmlInsteadOfService, result.Outcome);
            Assert.True(result.TlsHandshakeSucceeded);
            Assert.Contains("text/html", result.ContentType);
        }

        [Fact]
        public void HtmlIsFineWhereTheServiceItselfServesHtml()
        {
            using var server = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Html(DateTimeOffset.UtcNow));

            Assert.Equal(ProbeOutcome.Ok, Probe(server.Endpoint("/")).Outcome);
        }

        [Fact]
        public void AClosedPortIsAConnectFailure()
        {
            var result = Probe("https://127.0.0.1:" + ClosedPort.Find() + "/");

            Assert.Equal(ProbeOutcome.ConnectFailed, result.Outcome);
            Assert.Equal("connect", result.Stage);
        }

        [Fact]
        public void APortThatNeverAnswersTimesOutInTheHandshakeWhenTheDeadlineComes()
        {
            using var silent = new SilentListener();

            // A loopback connect is accepted by the backlog at once; the deadline leaves room for a busy machine, so the
            // connect never runs out of time before the handshake does.
            var result = Probe("https://127.0.0.1:" + silent.Port + "/", seconds: 5);

            Assert.Equal(ProbeOutcome.TimedOut, result.Outcome);
            Assert.Contains("TLS 1.2 handshake", result.Detail);
        }

        [Fact]
        public void ANameThatDoesNotResolveIsADnsFailure()
        {
            var probe = new SocketNetworkProbe(Runtime(PowerShell7), name => throw new SocketException((int)SocketError.HostNotFound));

            var result = Probe("login.microsoftonline.com", probe: probe);

            Assert.Equal(ProbeOutcome.NameNotResolved, result.Outcome);
            Assert.Equal("dns", result.Stage);
            Assert.Contains("login.microsoftonline.com", result.Detail);
        }

        [Fact]
        public void LocalhostResolvesThroughTheRealResolver()
        {
            using var server = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Json(DateTimeOffset.UtcNow));

            Assert.Equal(ProbeOutcome.Ok, Probe("https://localhost:" + server.Port + "/").Outcome);
        }

        [Theory]
        [InlineData(PowerShell7)]
        [InlineData(WindowsPowerShellOn11)]
        public void TheProbeTunnelsThroughAProxyWithConnect(string host)
        {
            using var server = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Json(DateTimeOffset.UtcNow));
            using var proxy = new LocalConnectProxy();

            var result = Probe(server.Endpoint(), ProxyRoute.Parse("http=other:80;https=127.0.0.1:" + proxy.Port, null, "WinHTTP"), host: host);

            Assert.Equal(ProbeOutcome.Ok, result.Outcome);
            Assert.Equal("127.0.0.1:" + proxy.Port, result.Proxy);
            Assert.Equal("CONNECT 127.0.0.1:" + server.Port + " HTTP/1.1", Assert.Single(proxy.Requests));
        }

        [Fact]
        public void AProxyBlockPageIsHtmlFromTheProxyNotTheService()
        {
            using var proxy = new LocalConnectProxy(LocalTlsServer.Answer("403 Forbidden", "text/html", "<html><body>Blocked by policy</body></html>",
                null));

            var result = Probe("login.microsoftonline.com", ProxyRoute.Parse("127.0.0.1:" + proxy.Port, null, "WinHTTP"));

            Assert.Equal(ProbeOutcome.HtmlInsteadOfService, result.Outcome);
            Assert.Equal(403, result.HttpStatus);
            Assert.Contains("refused CONNECT login.microsoftonline.com:443", result.Detail);
        }

        [Fact]
        public void AProxyAskingForCredentialsIsARefusal()
        {
            using var proxy = new LocalConnectProxy("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: " +
                "Negotiate\r\nContent-Length: 0\r\n\r\n");

            var result = Probe("login.microsoftonline.com", ProxyRoute.Parse("127.0.0.1:" + proxy.Port, null, "WinHTTP"));

            Assert.Equal(ProbeOutcome.ProxyRefused, result.Outcome);
            Assert.Contains("proxy authentication required", result.Detail);
        }

        [Theory]
        [InlineData("proxy.contoso.com:8080", "proxy.contoso.com", 8080)]
        [InlineData("http://proxy.contoso.com:3128/", "proxy.contoso.com", 3128)]
        [InlineData("http=web:80;https=secure:8443", "secure", 8443)]
        [InlineData("proxy", "proxy", 80)]
        public void WindowsProxyStringsAreRead(string text, string host, int port)
        {
            var route = ProxyRoute.Parse(text, "<local>;*.contoso.com", "WinHTTP")!;

            Assert.Equal(host, route.Host);
            Assert.Equal(port, route.Port);
            Assert.True(route.Bypasses("intranet"));
            Assert.True(route.Bypasses("sharepoint.contoso.com"));
            Assert.False(route.Bypasses("login.microsoftonline.com"));
        }

        [Theory]
        [InlineData("login.microsoftonline.us", "login.microsoftonline.us", 443, "/common/v2.0/.well-known/openid-configuration", true)]
        [InlineData("teams.microsoft.com", "teams.microsoft.com", 443, "/", false)]
        [InlineData("127.0.0.1:8443", "127.0.0.1", 8443, "/", false)]
        [InlineData("https://127.0.0.1:9443/common/v2.0/.well-known/openid-configuration", "127.0.0.1", 9443,
            "/common/v2.0/.well-known/openid-configuration", true)]
        public void EndpointsAreReadFromHostsAndUrls(string text, string host, int port, string path, bool json)
        {
            Assert.True(ProbeEndpoint.TryParse(text, out var endpoint));
            Assert.Equal(host, endpoint!.Host);
            Assert.Equal(port, endpoint.Port);
            Assert.Equal(path, endpoint.Path);
            Assert.Equal(json, endpoint.ExpectsJson);
        }

        [Theory]
        [InlineData("http://login.microsoftonline.com")]
        [InlineData("")]
        [InlineData("https://user:pw@host")]
        public void NonHttpsEndpointsAreRefused(string text)
        {
            Assert.False(ProbeEndpoint.TryParse(text, out _));
        }
    }
}
