using System;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Clouds;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Module;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// Each cloud detected from its own dsregcmd tenant details and probed at its own endpoints. The simulated
    /// network probe answers; nothing leaves this machine.
    /// </summary>
    public sealed class SovereignCloudTests
    {
        private const string TenantId = "aaaabbbb-0000-cccc-1111-dddd2222eeee";

        [Theory]
        [InlineData("login.microsoftonline.com", "login.microsoftonline.com,login.microsoft.com,login.windows.net,"
            + "enterpriseregistration.windows.net,teams.microsoft.com,teams.cloud.microsoft")]
        [InlineData("login.microsoftonline.us", "login.microsoftonline.us,enterpriseregistration.microsoftonline.us")]
        [InlineData("login.partner.microsoftonline.cn",
            "login.partner.microsoftonline.cn,enterpriseregistration.partner.microsoftonline.cn,teams.microsoftonline.cn")]
        public void TheCloudOfTheTenantDetailsIsTheOneProbed(string loginHost, string expectedHosts)
        {
            using var s = new SimulatedSession();
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, DsregFor(loginHost)), "/status");
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -CheckId Network.Endpoint"), "Network.Endpoint");

            // The probes run in parallel: which endpoints were probed matters, not in which order.
            Assert.Equal(expectedHosts.Split(',').OrderBy(h => h), s.Machine.SimulatedNetwork.Probed.Select(e => e.Host).OrderBy(h => h));
            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.StartsWith("Cloud: " + SignInCloud.OfHost(loginHost)!.Name + " (dsregcmd AuthCodeUrl names " + loginHost + ")",
                finding.Evidence[0]);
        }

        [Fact]
        public void TheOpenIdMetadataIsAskedOfASovereignLoginHost()
        {
            using var s = new SimulatedSession();
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, DsregFor("login.microsoftonline.us")), "/status");
            s.Pc.RunAsSystem();

            s.Run("Test-TeamsCaa20002 -CheckId Network.Endpoint");

            // The probes run in parallel, so the login host is found by name, not by its place in the list.
            var login = s.Machine.SimulatedNetwork.Probed.Single(e => e.Host == "login.microsoftonline.us");
            Assert.Equal(ProbeEndpoint.OpenIdConfigurationPath, login.Path);
            Assert.True(login.ExpectsJson);
        }

        [Fact]
        public void EndpointOverridesTheDetectedCloud()
        {
            using var s = new SimulatedSession();
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, DsregFor("login.microsoftonline.us")), "/status");
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(
                s.Run("Test-TeamsCaa20002 -CheckId Network.Endpoint -Endpoint login.microsoftonline.com"), "Network.Endpoint");

            Assert.Equal(new[] { "login.microsoftonline.com" }, s.Machine.SimulatedNetwork.Probed.Select(e => e.Host));
            Assert.DoesNotContain(finding.Evidence, line => line.StartsWith("Cloud:", StringComparison.Ordinal));
        }

        [Fact]
        public void AFailingGovernmentEndpointIsRemediedWithTheGovernmentHosts()
        {
            using var s = new SimulatedSession();
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, DsregFor("login.microsoftonline.us")), "/status");
            s.Machine.SimulatedNetwork.Declare("login.microsoftonline.us", ProbeOutcome.NameNotResolved, "No such host.");
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -CheckId Network.Endpoint"), "Network.Endpoint");

            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Contains("login.microsoftonline.us", finding.Summary);
            Assert.Contains("GCC High or DoD", finding.Remedy);
            Assert.Contains("login.microsoftonline.us", finding.Remedy);
            Assert.DoesNotContain("login.microsoftonline.com", finding.Remedy);
        }

        [Fact]
        public void WithoutDsregcmdTheAuthorityOfEvent1098NamesTheCloud()
        {
            var e = new AadEvent(DateTimeOffset.UtcNow, "S-1-5-21-1-2-3-1001",
                "Ошибка: 0xCAA20002\nAuthority: https://login.partner.microsoftonline.cn/common\nClient ID: "
                    + TeamsRemediation.Codes.CodeCatalog.TeamsClientId);

            var detection = CloudDetection.Detect(null, new[] { e });

            Assert.Same(SignInCloud.China, detection.Cloud);
            Assert.Equal("the authority of event 1098 names login.partner.microsoftonline.cn", detection.Reason);
        }

        [Fact]
        public void NothingThatNamesACloudMeansCommercialAndSaysSo()
        {
            var detection = CloudDetection.Detect(DsregStatus.Parse(string.Empty), Array.Empty<AadEvent>());

            Assert.Same(SignInCloud.Commercial, detection.Cloud);
            Assert.Contains("no tenant details", detection.Reason);
        }

        [Theory]
        [InlineData("login.microsoftonline.us", "GCC High or DoD")]
        [InlineData("login.partner.microsoftonline.cn", "China (21Vianet)")]
        [InlineData("login.chinacloudapi.cn", "China (21Vianet)")]
        [InlineData("login.windows.net", "Commercial or GCC")]
        public void HostsBelongToTheirCloud(string host, string cloud)
        {
            Assert.Equal(cloud, SignInCloud.OfHost(host)!.Name);
        }

        [Theory]
        [InlineData("example.com")]
        [InlineData("microsoftonline.us.example.com")]
        [InlineData("")]
        public void OtherHostsBelongToNoCloud(string host)
        {
            Assert.Null(SignInCloud.OfHost(host));
        }

        private static string DsregFor(string loginHost) =>
            Fixture.Text("dsregcmd-status.txt").Replace("https://login.microsoftonline.com/" + TenantId, "https://" + loginHost + "/" + TenantId);
    }
}
