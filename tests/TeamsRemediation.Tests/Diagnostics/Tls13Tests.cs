using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Module;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>A TLS 1.3 client switched off in SCHANNEL is information: the TLS 1.2 check still decides the status.</summary>
    public sealed class Tls13Tests
    {
        [Theory]
        [InlineData("Enabled", 0u, "\\Enabled = 0")]
        [InlineData("DisabledByDefault", 1u, "\\DisabledByDefault = 1")]
        public void ATls13ClientSwitchedOffIsInformationNotAFailure(string name, uint value, string shown)
        {
            using var s = new SimulatedSession();
            s.Machine.SimulatedRegistry.SetValue(
                new RegistryKeyPath(RegistryHive.LocalMachine, Tls13ClientSetting.ClientKey), name, RegistryValue.DWord(value));
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -CheckId Tls.Schannel"), "Tls.Schannel");

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Contains(finding.Evidence,
                line => line.Contains(Tls13ClientSetting.ClientKey + shown) && line.Contains("information, not a cause"));
        }

        [Fact]
        public void ATls13ClientLeftOnSaysNothingAboutIt()
        {
            using var s = new SimulatedSession();
            s.Machine.SimulatedRegistry.SetValue(
                new RegistryKeyPath(RegistryHive.LocalMachine, Tls13ClientSetting.ClientKey), "Enabled", RegistryValue.DWord(1));
            s.Pc.RunAsSystem();

            var finding = TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -CheckId Tls.Schannel"), "Tls.Schannel");

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.DoesNotContain(finding.Evidence, line => line.Contains("TLS 1.3"));
        }
    }
}
