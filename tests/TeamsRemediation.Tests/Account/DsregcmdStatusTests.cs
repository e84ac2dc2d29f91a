using TeamsRemediation.Account;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    public sealed class DsregcmdStatusTests
    {
        [Fact]
        public void ReadsJoinTypePrtAndTheServerErrorFromTheRecordedOutput()
        {
            var status = DsregcmdStatus.Parse(Fixture.Text("dsregcmd-status.txt"));

            Assert.NotNull(status);
            Assert.Equal("Hybrid Entra joined", status!.JoinType);
            Assert.True(status.AzureAdJoined);
            Assert.False(status.EnterpriseJoined);
            Assert.True(status.DomainJoined);
            Assert.False(status.WorkplaceJoined);
            Assert.False(status.AzureAdPrt);
            Assert.True(status.HasUserState);
            Assert.Equal("HybridADFS", status.TenantName);
            Assert.Equal("Attempt Status 0xc000006d; Server Error Code invalid_grant; Server Error Description AADSTS50126: Error validating credentials due to invalid username or password.", status.PrtFailure);
            // Values that hold colons of their own stay whole.
            Assert.Equal("https://login.microsoftonline.com/aaaabbbb-0000-cccc-1111-dddd2222eeee/oauth2/token/", status["Endpoint URI"]);
        }

        [Theory]
        [InlineData("")]
        [InlineData("The system cannot find the file specified.")]
        [InlineData("DsrCmdAccountMgr::ListAccounts failed 0x80070005")]
        public void AnythingThatIsNotStatusOutputIsNull(string output) => Assert.Null(DsregcmdStatus.Parse(output));

        [Theory]
        [InlineData("YES", "NO", "NO", "Entra joined")]
        [InlineData("NO", "NO", "YES", "Domain joined")]
        [InlineData("NO", "NO", "NO", "Not joined")]
        public void JoinTypeFollowsMicrosoftsTable(string entra, string enterprise, string domain, string expected)
        {
            var text = "| Device State |\n AzureAdJoined : " + entra + "\n EnterpriseJoined : " + enterprise + "\n DomainJoined : " + domain + "\n";

            var status = DsregcmdStatus.Parse(text)!;

            Assert.Equal(expected, status.JoinType);
            Assert.False(status.HasUserState);
            Assert.Null(status.AzureAdPrt);
        }
    }
}
