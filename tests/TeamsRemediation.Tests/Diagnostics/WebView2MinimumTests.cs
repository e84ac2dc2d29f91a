using System.IO;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// -MinimumWebView2Version: Microsoft documents no minimum runtime for new Teams, so the admin gives one. Below it the machine-wide
    /// runtime is a Warning for the device admin (it stopped updating itself); the repair hands it over and runs no installer for it.
    /// </summary>
    public sealed class WebView2MinimumTests
    {
        private const string Older = "131.0.2903.70";

        private static TeamsCaa20002Finding WebView2(SimulatedSession s, SimulatedUser user, string minimum) =>
            Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -SkipUserSession -CheckId Teams.WebView2 -MinimumWebView2Version $args[0]",
                minimum), CheckIds.TeamsWebView2, user);

        [Fact]
        public void ARuntimeOlderThanTheMinimumIsAWarningForTheDeviceAdminAndAtOrAboveItPasses()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAsSystem();
            s.Pc.WebView2Runtime(Older);

            var old = WebView2(s, alice, "140.0");
            Assert.Equal(FindingStatus.Warning, old.Status);
            Assert.Equal(FindingOwner.DeviceAdmin, old.Owner);
            Assert.Contains(Older + " is older than 140.0", old.Summary);
            Assert.Equal(WebView2Checks.TooOldRemedy, old.Remedy);
            Assert.Contains("Minimum accepted (-MinimumWebView2Version): 140.0", old.Evidence);

            Assert.Equal(FindingStatus.Pass, WebView2(s, alice, Older).Status);
            Assert.Equal(FindingStatus.Pass, WebView2(s, alice, "131.0").Status);
            var unjudged = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -SkipUserSession -CheckId Teams.WebView2"), CheckIds.TeamsWebView2,
                alice);
            Assert.Equal(FindingStatus.Pass, unjudged.Status);
            Assert.DoesNotContain(unjudged.Evidence, e => e.StartsWith("Minimum accepted", System.StringComparison.Ordinal));
        }

        [Fact]
        public void TheRepairHandsATooOldRuntimeToTheDeviceAdminAndRunsNoInstaller()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            s.Pc.WebView2Runtime(Older);
            var installer = Path.Combine(s.Machine.RootFolder, "MicrosoftEdgeWebView2RuntimeInstallerX64.exe");
            File.WriteAllText(installer, "MZ");
            s.Machine.SimulatedSignatures.SignedByMicrosoft(installer);

            var result = s.Run("Repair-TeamsCaa20002 -Force -SkipNetwork -MinimumWebView2Version 140.0 -WebView2InstallerPath $args[0]", installer);

            var summary = Assert.IsType<TeamsRepairSummary>(result.Output.Last().BaseObject);
            Assert.Equal(RepairOutcome.NeedsAdmin, summary.Outcome);
            Assert.Contains(summary.ProblemsAfter, p => p.Contains("Teams.WebView2"));
            Assert.DoesNotContain(result.Objects<TeamsRepairStep>(), step => step.Step == RepairStepName.WebView2Install);
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("MicrosoftEdgeWebView2RuntimeInstallerX64.exe"));
        }

        [Theory]
        [InlineData("131.x")]
        [InlineData("131")]
        [InlineData("1.2.3.4.5")]
        public void AMinimumThatIsNoVersionStopsTheCallWithItsId(string text)
        {
            using var s = new SimulatedSession();
            HealthyUser(s);

            var test = s.Run("Test-TeamsCaa20002 -SkipNetwork -MinimumWebView2Version $args[0]", text);
            var repair = s.Run("Repair-TeamsCaa20002 -Force -SkipNetwork -MinimumWebView2Version $args[0]", text);

            Assert.Equal("InvalidWebView2Version,TeamsRemediation.Commands.TestTeamsCaa20002Command", test.TerminatingErrorId);
            Assert.Empty(test.Objects<TeamsCaa20002Finding>());
            Assert.Equal("InvalidWebView2Version,TeamsRemediation.Commands.RepairTeamsCaa20002Command", repair.TerminatingErrorId);
        }
    }
}
