using System.IO;
using System.Linq;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Targets
{
    /// <summary>
    /// A named user that cannot be resolved stops a changing cmdlet before any change, machine-wide ones included; a
    /// cmdlet that only reads reports it and goes on with the users it found.
    /// </summary>
    public sealed class UnresolvedTargetTests
    {
        [Theory]
        [InlineData("Repair-TeamsCaa20002 -UserName nosuchuser -Force", "RepairTeamsCaa20002Command")]
        [InlineData("Repair-TeamsCaa20002 -UserName alice, nosuchuser -Force", "RepairTeamsCaa20002Command")]
        [InlineData("Enable-Tls12 -UserName nosuchuser", "EnableTls12Command")]
        [InlineData("Enable-Tls12 -UserName alice, nosuchuser", "EnableTls12Command")]
        public void AnUnknownUserStopsTheCallAndTheMachineValuesStayAsTheyWere(string command, string cmdlet)
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            var journals = JournalFiles(s);

            var result = s.Run(command);

            Assert.Equal("UserNotFound,TeamsRemediation.Commands." + cmdlet, result.TerminatingErrorId);
            Assert.Equal(0u, s.Machine.SimulatedRegistry.GetValue(BrokenPc.SchannelClient, "Enabled")!.AsDWord);
            Assert.Empty(result.Output);
            Assert.Equal(journals, JournalFiles(s));
        }

        [Fact]
        public void AnUnknownUserBesideAKnownOneClearsNobodysCache()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            var cached = Directory.GetFiles(TeamsLayout.NewCacheRoot(alice.Folders), "*", SearchOption.AllDirectories);
            Assert.NotEmpty(cached);

            var result = s.Run("Clear-TeamsCache -UserName alice, nosuchuser -Force");

            Assert.Equal("UserNotFound,TeamsRemediation.Commands.ClearTeamsCacheCommand", result.TerminatingErrorId);
            Assert.All(cached, f => Assert.True(File.Exists(f), f + " was removed."));
            Assert.Empty(result.Output);
        }

        [Fact]
        public void AReadingCmdletReportsTheUnknownUserAndGoesOnWithTheOthers()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);

            var result = s.Run("Get-TeamsInstallation -UserName alice, nosuchuser");

            Assert.Null(result.Terminating);
            Assert.Equal("UserNotFound,TeamsRemediation.Commands.GetTeamsInstallationCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.NotEmpty(result.Objects<TeamsInstallation>());
        }

        private static string[] JournalFiles(SimulatedSession s)
        {
            var folder = Path.Combine(s.Machine.ProgramDataPath, "TeamsRemediation", "Journal");
            return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).OrderBy(f => f).ToArray() : new string[0];
        }
    }
}
