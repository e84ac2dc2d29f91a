using TeamsRemediation.Account;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    public sealed class DsregStatusTests
    {
        [Fact]
        public void TheRealOutputIsReadBySectionWithCrlfAndBoxes()
        {
            var status = DsregStatus.Parse(Fixture.Text("dsregcmd-status.txt"));

            Assert.True(status.IsRecognized);
            Assert.Equal("Hybrid Entra joined", status.JoinType);
            Assert.False(status.Flag(DsregStatus.SsoState, "AzureAdPrt"));
            Assert.Equal("0xc000006d", status.Get(DsregStatus.SsoState, "Attempt Status"));
            Assert.Equal("invalid_grant", status.Get(DsregStatus.SsoState, "Server Error Code"));
            Assert.StartsWith("AADSTS50126", status.Get(DsregStatus.SsoState, "Server Error Description"));
            Assert.False(status.Flag(DsregStatus.UserState, "WorkplaceJoined"));
            Assert.True(status.Flag(DsregStatus.UserState, "WamDefaultSet"));
            // A value that itself contains " : " or colons keeps everything after the first separator.
            Assert.Equal("https://login.microsoftonline.com/aaaabbbb-0000-cccc-1111-dddd2222eeee/oauth2/token/",
                status.Get(DsregStatus.SsoState, "Endpoint URI"));
            Assert.True(status.HasUserState);
            Assert.Equal("HybridADFS", status.TenantName);
            Assert.Equal("Attempt Status 0xc000006d; Server Error Code invalid_grant; Server Error Description AADSTS50126: Error validating " +
                "credentials due to invalid username or password.", status.PrtFailure);
        }

        [Theory]
        [InlineData("")]
        [InlineData("The command is not recognized.")]
        [InlineData("| Device State |\r\n")]
        public void AnythingThatIsNotStatusOutputIsNotRecognized(string output) => Assert.False(DsregStatus.Parse(output).IsRecognized);

        [Theory]
        [InlineData("YES", "NO", "NO", "Entra joined")]
        [InlineData("NO", "NO", "YES", "Domain joined only")]
        [InlineData("NO", "NO", "NO", "Not joined")]
        public void JoinTypesFollowMicrosoftsTable(string entra, string enterprise, string domain, string expected)
        {
            var text = "| Device State |\n AzureAdJoined : " + entra + "\n EnterpriseJoined : " + enterprise + "\n DomainJoined : " + domain + "\n";

            Assert.Equal(expected, DsregStatus.Parse(text).JoinType);
        }

        [Fact]
        public void UnknownAndLocalizedLinesAreIgnoredNotFatal()
        {
            var text = "Windows-Geräteregistrierung\r\n+----+\r\n| Gerätestatus |\r\n+----+\r\n  Beigetreten : JA\r\n\u0000\u0001 garbage\r\n";

            var status = DsregStatus.Parse(text);

            Assert.False(status.IsRecognized);
            Assert.Equal("JA", status.Get("Gerätestatus", "Beigetreten"));
        }
    }
}
