using System;
using System.Globalization;
using System.Text;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>Account.Prt, one test per cell of join type by PRT state, run as the user (dsregcmd's User and SSO State are theirs).</summary>
    public sealed class PrtTableTests
    {
        private static string Dsregcmd(string join, string prt, DateTime now, bool wamDefault = true)
        {
            var text = new StringBuilder();
            text.Append("+----------------------------------------------------------------------+\n| Device State                                 " +
                "                        |\n");
            text.Append("+----------------------------------------------------------------------+\n\n");
            text.Append("             AzureAdJoined : ").Append(join == "Entra" || join == "Hybrid" ? "YES" : "NO").Append('\n');
            text.Append("          EnterpriseJoined : NO\n");
            text.Append("              DomainJoined : ").Append(join == "Hybrid" || join == "Domain" ? "YES" : "NO").Append('\n');
            text.Append("\n+----------------------------------------------------------------------+\n| User State                                 " +
                "                          |\n");
            text.Append("+----------------------------------------------------------------------+\n\n");
            text.Append("           WorkplaceJoined : ").Append(join == "Registered" ? "YES" : "NO").Append('\n');
            text.Append("             WamDefaultSet : ").Append(wamDefault ? "YES" : "NO").Append('\n');
            text.Append("\n+----------------------------------------------------------------------+\n| SSO State                                  " +
                "                          |\n");
            text.Append("+----------------------------------------------------------------------+\n\n");
            switch (prt)
            {
                case "Present":
                    text.Append("                AzureAdPrt : YES\n      AzureAdPrtExpiryTime : ").Append(now.AddDays(10).ToString("yyyy-MM-dd " +
                        "HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
                    break;
                case "Expired":
                    text.Append("                AzureAdPrt : YES\n      AzureAdPrtExpiryTime : ").Append(now.AddDays(-3).ToString("yyyy-MM-dd " +
                        "HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
                    break;
                case "Absent":
                    text.Append("                AzureAdPrt : NO\n         Server Error Code : invalid_grant\n  Server Error Description : " +
                        "AADSTS50155: Device authentication failed.\n");
                    break;
                default:
                    text.Append("                AzureAdPrt : \u0001\u0002garbled\n");
                    break;
            }

            return text.ToString();
        }

        [Theory]
        [InlineData("Entra", "Present", FindingStatus.Pass, "The user has a primary refresh token on this Entra joined device (valid until ")]
        [InlineData("Entra", "Expired", FindingStatus.Fail, "The user's primary refresh token expired at ")]
        [InlineData("Entra", "Absent", FindingStatus.Fail,
            "No primary refresh token on this Entra joined device (server error invalid_grant, AADSTS50155)")]
        [InlineData("Entra", "Unreadable", FindingStatus.Skipped,
            "Not checked: dsregcmd printed no readable AzureAdPrt line for this account on this Entra joined device")]
        [InlineData("Hybrid", "Present", FindingStatus.Pass, "The user has a primary refresh token on this hybrid Entra joined device")]
        [InlineData("Hybrid", "Expired", FindingStatus.Fail, "The user's primary refresh token expired at ")]
        [InlineData("Hybrid", "Absent", FindingStatus.Fail, "No primary refresh token on this hybrid Entra joined device (server error")]
        [InlineData("Hybrid", "Unreadable", FindingStatus.Skipped,
            "Not checked: dsregcmd printed no readable AzureAdPrt line for this account on this hybrid Entra joined device")]
        [InlineData("Registered", "Present", FindingStatus.Pass,
            "The work account is registered on this device (Entra registered) and has a primary refresh token.")]
        [InlineData("Registered", "Expired", FindingStatus.Warning,
            "The work account is registered on this device (Entra registered); its primary refresh token expired at ")]
        [InlineData("Registered", "Absent", FindingStatus.Pass,
            "The work account is registered on this device (Entra registered): Teams signs in with it through WAM")]
        [InlineData("Registered", "Unreadable", FindingStatus.Pass,
            "The work account is registered on this device (Entra registered): Teams signs in with it through WAM")]
        [InlineData("Domain", "Present", FindingStatus.Pass, "The device is domain joined (not Entra joined): no primary refresh token is expected")]
        [InlineData("Domain", "Expired", FindingStatus.Pass, "The device is domain joined (not Entra joined): no primary refresh token is expected")]
        [InlineData("Domain", "Absent", FindingStatus.Pass, "The device is domain joined (not Entra joined): no primary refresh token is expected")]
        [InlineData("Domain", "Unreadable", FindingStatus.Pass,
            "The device is domain joined (not Entra joined): no primary refresh token is expected")]
        [InlineData("None", "Present", FindingStatus.Pass, "The device is not joined: no primary refresh token is expected")]
        [InlineData("None", "Expired", FindingStatus.Pass, "The device is not joined: no primary refresh token is expected")]
        [InlineData("None", "Absent", FindingStatus.Pass, "The device is not joined: no primary refresh token is expected")]
        [InlineData("None", "Unreadable", FindingStatus.Pass, "The device is not joined: no primary refresh token is expected")]
        public void EachJoinTypeAndPrtStateHasItsOwnOutcome(string join, string prt, FindingStatus expected, string summaryStart)
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, Dsregcmd(join, prt, now, wamDefault: join != "Registered")),
                "/status");
            s.Pc.RunAs(alice, elevated: false);

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Account.Prt -SkipNetwork"), "Account.Prt", alice);

            Assert.Equal(expected, finding.Status);
            Assert.StartsWith(summaryStart, finding.Summary);
            Assert.Equal(expected == FindingStatus.Fail || expected == FindingStatus.Warning, finding.Remedy.Contains("Reset-TeamsWorkAccount"));
            Assert.DoesNotContain("not joined", join == "None" ? string.Empty : finding.Summary);
        }

        [Fact]
        public void NoDefaultWamAccountWarnsOnlyOnAJoinedDevice()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, Dsregcmd("Entra", "Present", now, wamDefault: false)), "/status");
            s.Pc.RunAs(alice, elevated: false);

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Account.Prt -SkipNetwork"), "Account.Prt", alice);

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Equal("No default work account in WAM for this user on this Entra joined device.", finding.Summary);
        }
    }
}
