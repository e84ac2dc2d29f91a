using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// Account.Prt against Microsoft's PRT troubleshooting guide, run as the user (dsregcmd's SSO State is theirs), from dsregcmd
    /// outputs shaped as Microsoft documents them (Fixtures/dsregcmd-status-*.txt); only the PRT's times move with the simulated clock.
    /// </summary>
    public sealed class PrtHealthTests
    {
        /// <summary>The fixture with its AzureAdPrtUpdateTime and AzureAdPrtExpiryTime set relative to now, in dsregcmd's format.</summary>
        internal static string Dsregcmd(string fixture, DateTime now, TimeSpan updatedAgo, TimeSpan? expiresIn = null)
        {
            string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);
            var text = Fixture.Text(fixture);
            text = Regex.Replace(text, @"(AzureAdPrtUpdateTime : )[^\r\n]*", m => m.Groups[1].Value + Time(now - updatedAgo));
            var expiry = now + (expiresIn ?? TimeSpan.FromDays(13));
            return Regex.Replace(text, @"(AzureAdPrtExpiryTime : )[^\r\n]*", m => m.Groups[1].Value + Time(expiry));
        }

        private static TeamsCaa20002Finding PrtAsTheUser(string dsregcmd)
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, dsregcmd), "/status");
            s.Pc.RunAs(alice, elevated: false);
            return Finding(s.Run("Test-TeamsCaa20002 -CheckId Account.Prt -SkipNetwork"), "Account.Prt", alice);
        }

        private static DateTime Now()
        {
            using var s = new SimulatedSession();
            return s.Machine.Clock.UtcNow.UtcDateTime;
        }

        [Theory]
        [InlineData("dsregcmd-status-entra-prt.txt", "Entra joined")]
        [InlineData("dsregcmd-status-hybrid-prt.txt", "hybrid Entra joined")]
        public void APrtRefreshedWithinFourHoursPasses(string fixture, string join)
        {
            var finding = PrtAsTheUser(Dsregcmd(fixture, Now(), TimeSpan.FromHours(3.5)));

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.StartsWith("The user has a primary refresh token on this " + join + " device", finding.Summary);
            Assert.Contains(finding.Evidence, e => e.StartsWith("AzureAdPrtUpdateTime: ", StringComparison.Ordinal));
        }

        [Fact]
        public void ARegisteredPcWithoutAPrtIsNoFalseAlarm()
        {
            var finding = PrtAsTheUser(Fixture.Text("dsregcmd-status-registered.txt"));

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.StartsWith("The work account is registered on this device (Entra registered)", finding.Summary);
        }

        [Theory]
        [InlineData("dsregcmd-status-entra-prt.txt")]
        [InlineData("dsregcmd-status-hybrid-prt.txt")]
        public void APrtNotRefreshedForMoreThanFourHoursIsAWarningWithMicrosoftsLockAndUnlock(string fixture)
        {
            var finding = PrtAsTheUser(Dsregcmd(fixture, Now(), TimeSpan.FromHours(5)));

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Equal(FindingOwner.Device, finding.Owner);
            Assert.Contains("last refreshed 5 hours ago; Windows refreshes it every 4 hours", finding.Summary);
            Assert.StartsWith("Lock and unlock Windows", finding.Remedy);
        }

        [Fact]
        public void AStalePrtWhoseLastRefreshFailedOnTheNetworkIsTheNetworks()
        {
            var finding = PrtAsTheUser(Dsregcmd("dsregcmd-status-entra-prt-refresh-failed.txt", Now(), TimeSpan.FromHours(9)));

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Equal(FindingOwner.Network, finding.Owner);
            Assert.Contains("STATUS_NETWORK_UNREACHABLE", finding.Summary);
            Assert.Contains("WinHTTP error 0x2ee7", finding.Summary);
            Assert.Contains("computer account", finding.Remedy);
            Assert.Contains("Attempt Status: 0xc000023c = STATUS_NETWORK_UNREACHABLE: a network problem on the way to a required endpoint, "
                + "or a 4xx answer from Entra ID or the WS-Trust endpoint", finding.Evidence);
            Assert.Contains("User Identity: user@contoso.com", finding.Evidence);
            Assert.Contains("HTTP Error: 0x2ee7", finding.Evidence);
        }

        // Each Attempt Status of Microsoft's table, with the server error it came with, lands on its owner: the network's problem is a
        // Fail of this PC with the guide's network advice, the user's or the tenant's a Warning with their advice and no device remedy.
        [Theory]
        [InlineData("0xc000006d", "0x0", "400", "AADSTS50126: Error validating credentials due to invalid username or password.",
            FindingStatus.Warning, FindingOwner.User, "after a password change")]
        [InlineData("0xc000006d", "0x0", "400", "AADSTS50034: The user account does not exist in the directory.",
            FindingStatus.Warning, FindingOwner.TenantAdmin, "event 1144")]
        [InlineData("0xc000005f", "0x0", "400", "", FindingStatus.Warning, FindingOwner.TenantAdmin, "custom domain")]
        [InlineData("0xc004844c", "0x0", "400", "", FindingStatus.Warning, FindingOwner.TenantAdmin, "internet-style UPN")]
        [InlineData("0xc00484c1", "0x0", "400", "", FindingStatus.Warning, FindingOwner.TenantAdmin, "Event 1088")]
        [InlineData("0xc0048442", "0x0", "200", "", FindingStatus.Fail, FindingOwner.Network, "no proxy or TLS inspection")]
        [InlineData("0xc000023c", "0x2ee7", "0", "", FindingStatus.Fail, FindingOwner.Network, "computer account")]
        public void EachAttemptStatusOfMicrosoftsTableNamesItsCauseAndOwner(string status, string httpError, string httpStatus, string description,
            FindingStatus expected, FindingOwner owner, string remedyPart)
        {
            var text = Fixture.Text("dsregcmd-status-entra-noprt-attempt.txt")
                .Replace("Attempt Status : 0xc000006d", "Attempt Status : " + status)
                .Replace("HTTP Error : 0x0", "HTTP Error : " + httpError)
                .Replace("HTTP status : 400", "HTTP status : " + httpStatus);
            text = Regex.Replace(text, @"Server Error Description : [^\r\n]*", "Server Error Description : " + description);

            var finding = PrtAsTheUser(text);

            Assert.Equal(expected, finding.Status);
            Assert.Equal(owner, finding.Owner);
            Assert.StartsWith("No primary refresh token on this Entra joined device", finding.Summary);
            Assert.Contains(CloudApStatuses.Find(status)!.Name, finding.Summary);
            Assert.Contains(remedyPart, finding.Remedy);
            Assert.DoesNotContain("Reset-TeamsWorkAccount", finding.Remedy);
        }

        [Fact]
        public void AnAttemptStatusMicrosoftDoesNotListKeepsThePrtTablesOutcomeAndShowsTheStatusRaw()
        {
            var text = Fixture.Text("dsregcmd-status-entra-noprt-attempt.txt").Replace("Attempt Status : 0xc000006d", "Attempt Status : 0xc0000001");
            text = Regex.Replace(text, @"Server Error Description : [^\r\n]*", "Server Error Description : something else");

            var finding = PrtAsTheUser(text);

            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Equal(FindingOwner.Device, finding.Owner);
            Assert.Contains("Reset-TeamsWorkAccount", finding.Remedy);
            Assert.Contains("Attempt Status: 0xc0000001 (not in Microsoft's PRT troubleshooting table)", finding.Evidence);
        }

        [Fact]
        public void TheParserReadsEveryDiagnosticFieldMicrosoftDocuments()
        {
            var status = TeamsRemediation.Account.DsregStatus.Parse(Fixture.Text("dsregcmd-status-entra-noprt-attempt.txt"));
            var attempt = status.LastPrtAttempt!;

            Assert.Equal(new DateTime(2020, 9, 18, 20, 20, 9, 760, DateTimeKind.Utc), attempt.AttemptedUtc);
            Assert.Equal("0xc000006d", attempt.AttemptStatus);
            Assert.Equal("user@contoso.com", attempt.UserIdentity);
            Assert.Equal("Password", attempt.CredentialType);
            Assert.Equal("aaaa0000-bb11-2222-33cc-444444dddddd", attempt.CorrelationId);
            Assert.Equal("https://login.microsoftonline.com/aaaabbbb-0000-cccc-1111-dddd2222eeee/oauth2/token", attempt.EndpointUri);
            Assert.Equal("POST", attempt.HttpMethod);
            Assert.Equal("0x0", attempt.HttpError);
            Assert.False(attempt.FailedInTransport);
            Assert.Equal("400", attempt.HttpStatus);
            Assert.Equal("invalid_grant", attempt.ServerErrorCode);
            Assert.Equal("AADSTS50126", attempt.ServerCode);
            Assert.Equal("STATUS_LOGON_FAILURE", attempt.Status!.Name);
            Assert.Null(TeamsRemediation.Account.DsregStatus.Parse(Fixture.Text("dsregcmd-status-entra-prt.txt")).LastPrtAttempt);
            Assert.Equal(new DateTime(2020, 7, 12, 22, 57, 53, DateTimeKind.Utc),
                TeamsRemediation.Account.DsregStatus.Parse(Fixture.Text("dsregcmd-status-entra-prt.txt")).PrtUpdateUtc);
        }

        [Theory]
        [InlineData("0xc000006d", "STATUS_LOGON_FAILURE")]
        [InlineData("0xC000006A", "STATUS_WRONG_PASSWORD")]
        [InlineData("0x800484c1", "AAD_CLOUDAP_E_WSTRUST_SAML_TOKENS_ARE_EMPTY")]
        [InlineData("0xc00cee4f", "WC_E_DTDPROHIBITED")]
        public void CloudApStatusesAreFoundInEitherCaseAndForm(string code, string name) =>
            Assert.Equal(name, CloudApStatuses.Find(code)!.Name);

        [Theory]
        [InlineData("c000006d")]
        [InlineData("0xzz")]
        [InlineData("")]
        [InlineData("0xc0000001")]
        public void AnythingElseIsNoCloudApStatus(string code) => Assert.Null(CloudApStatuses.Find(code));
    }
}
