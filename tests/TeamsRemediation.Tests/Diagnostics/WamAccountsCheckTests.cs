using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Account;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// Account.WamAccounts as the user: Web Account Manager's work accounts for the Teams client id, listed by the WAM script in list mode
    /// (answered here with the script's own JSON contract, Fixtures/wam-*.json), never signing anything out.
    /// </summary>
    public sealed class WamAccountsCheckTests
    {
        private const string TwoAccounts = "{\"status\":\"Ok\",\"mode\":\"List\",\"error\":\"\",\"clients\":[{\"clientId\":"
            + "\"1fec8e78-bce4-4aaf-ab1b-5451cc387264\",\"status\":\"Success\",\"providerErrorCode\":0,\"providerErrorMessage\":\"\",\"accounts\":["
            + "{\"id\":\"u:1\",\"userName\":\"alice@contoso.com\",\"state\":\"Connected\",\"signedOut\":false,\"error\":\"\"},"
            + "{\"id\":\"u:2\",\"userName\":\"alice@fabrikam.com\",\"state\":\"Connected\",\"signedOut\":false,\"error\":\"\"}]}]}";

        [Theory]
        [InlineData("wam-list-success.json", FindingStatus.Pass, "Teams has one work account in Web Account Manager: alice@contoso.com.")]
        [InlineData("wam-list-none.json", FindingStatus.Pass, "No work account in Web Account Manager has signed in to Teams yet")]
        [InlineData("wam-list-notallowed.json", FindingStatus.Warning,
            "Web Account Manager did not list Teams' work accounts (NotAllowedByProvider)")]
        [InlineData("wam-list-providererror.json", FindingStatus.Warning, "Web Account Manager did not list Teams' work accounts (ProviderError)")]
        [InlineData("wam-noprovider.json", FindingStatus.Warning, "Web Account Manager has no work or school account provider for this user")]
        [InlineData(TwoAccounts, FindingStatus.Warning, "2 work accounts in Web Account Manager for Teams (alice@contoso.com, alice@fabrikam.com)")]
        public void EachAnswerOfWebAccountManagerHasItsOutcome(string answer, FindingStatus expected, string summaryStart)
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            AccountPc.RecordWam(s.Machine, answer);
            s.Pc.RunAs(alice, elevated: false);

            var finding = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Account.WamAccounts"), "Account.WamAccounts", alice);

            Assert.Equal(expected, finding.Status);
            Assert.StartsWith(summaryStart, finding.Summary);
            Assert.Equal(expected == FindingStatus.Warning, finding.Remedy.StartsWith("Reset-TeamsWorkAccount -UserSid " + alice.Sid));
            Assert.Contains(AccountPc.ScriptCalls(s.Machine), c => c.ScriptPath.EndsWith(WindowsPowerShellScript.SignOutWamAccounts));
            Assert.DoesNotContain(AccountPc.ScriptCalls(s.Machine), c => c.HasSwitch("SignOut"));
        }

        [Fact]
        public void WithoutWindowsPowerShellItIsSkippedWithTheReason()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAs(alice, elevated: false);

            var finding = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Account.WamAccounts"), "Account.WamAccounts", alice);

            Assert.Equal(FindingStatus.Skipped, finding.Status);
            Assert.Contains("is not on this PC", finding.SkipReason);
        }

        [Fact]
        public void ForAnotherUserWithoutTheirSessionItIsSkippedWithTheReason()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            AccountPc.RecordWam(s.Machine, "wam-list-success.json");
            s.Pc.RunAsSystem();

            var result = s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Account.WamAccounts -SkipUserSession");
            var finding = Finding(result, "Account.WamAccounts", alice);

            Assert.Equal(FindingStatus.Skipped, finding.Status);
            Assert.Contains(@"NT AUTHORITY\SYSTEM runs this, not CONTOSO\alice", finding.SkipReason);
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("powershell"));
        }
    }
}
