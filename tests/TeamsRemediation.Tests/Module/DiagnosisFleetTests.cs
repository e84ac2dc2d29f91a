using System;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Module.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>What a fleet of 10,000 PCs throws at Test-TeamsCaa20002: garbled tool output, noise, nobody logged on.</summary>
    public sealed class DiagnosisFleetTests
    {
        private static bool Printable(string s) => s.All(c => !char.IsControl(c));

        [Fact]
        public void GarbledDsregcmdOutputPutsNoControlCharacterIntoAnyFinding()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            var garbled = Fixture.Text("dsregcmd-status.txt")
                .Replace("TenantName : HybridADFS", "TenantName : Hybrid\0AD\aFS\u001b[31m")
                .Replace("DeviceAuthStatus : SUCCESS", "DeviceAuthStatus : FAILED\0\a")
                .Replace("Server Error Code : invalid_grant", "Server Error Code : invalid\u0007grant");
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, garbled), "/status");
            s.Pc.RunAs(alice, elevated: false);

            var findings = s.Run("Test-TeamsCaa20002 -SkipNetwork").Objects<TeamsCaa20002Finding>().ToList();

            var join = Finding(s.Run("Test-TeamsCaa20002 -CheckId Account.DeviceJoin -SkipNetwork"), "Account.DeviceJoin");
            Assert.Equal(FindingStatus.Fail, join.Status);
            Assert.Contains("DeviceAuthStatus FAILED??", join.Summary);
            Assert.Contains(join.Evidence, e => e == "TenantName: Hybrid?AD?FS?[31m");
            Assert.NotEmpty(findings);
            Assert.All(findings, f =>
            {
                Assert.True(Printable(f.Summary), f.CheckId + " summary");
                Assert.True(Printable(f.SkipReason), f.CheckId + " skip reason");
                Assert.True(Printable(f.Remedy), f.CheckId + " remedy");
                Assert.All(f.Evidence, e => Assert.True(Printable(e), f.CheckId + " evidence: " + e));
            });
        }
    }
}
