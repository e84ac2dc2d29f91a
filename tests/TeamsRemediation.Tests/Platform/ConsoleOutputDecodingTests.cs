using System;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Account;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Module;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// A Russian Windows' dsregcmd writes its pipe in the OEM code page 866: the bytes are decoded in that code page,
    /// not in the parent's console or ANSI code page (1251), where "Контозо" would come back as "Љ®­в®§®".
    /// </summary>
    public sealed class ConsoleOutputDecodingTests
    {
        private static readonly Encoding Oem866 = CodePagesEncodingProvider.Instance.GetEncoding(866)!;
        private static readonly Encoding Ansi1251 = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

        [LinuxFact]
        public void TheRealRunnerDecodesARealPipeOfOem866BytesAsRussianText()
        {
            var file = Path.Combine(Path.GetTempPath(), "dsregcmd-866-" + Guid.NewGuid().ToString("N") + ".txt");
            File.WriteAllBytes(file, Oem866.GetBytes(Fixture.Text("dsregcmd-status-ru.txt")));
            try
            {
                var runner = new ProcessCommandRunner(new ConsoleOutputDecoder(Oem866));

                var result = runner.Run("/bin/cat", file, TimeSpan.FromSeconds(30));

                Assert.Equal(CommandOutcome.Completed, result.Outcome);
                var status = DsregStatus.Parse(result.StandardOutput);
                Assert.Equal("Контозо", status.TenantName);
                Assert.Equal("ПК-БУХГАЛТЕРИЯ-01", status.Get(DsregStatus.DeviceState, "Device Name"));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void TheSameBytesReadInTheAnsiCodePageAreGarbledWhichIsWhyTheCodePageMatters()
        {
            var bytes = Oem866.GetBytes("TenantName : Контозо");

            Assert.Equal("TenantName : Контозо", new ConsoleOutputDecoder(Oem866).Decode(bytes, bytes.Length));
            Assert.NotEqual("TenantName : Контозо", new ConsoleOutputDecoder(Ansi1251).Decode(bytes, bytes.Length));
        }

        [Fact]
        public void ByteOrderMarksSayUnicodeWhateverTheCodePage()
        {
            var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Müller ПК")).ToArray();
            var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Müller ПК")).ToArray();
            var decoder = new ConsoleOutputDecoder(Oem866);

            Assert.Equal("Müller ПК", decoder.Decode(utf16, utf16.Length));
            Assert.Equal("Müller ПК", decoder.Decode(utf8, utf8.Length));
        }

        [Fact]
        public void ARussianPcsDsregcmdBytesShowTheTenantInTheDiagnosis()
        {
            using var s = new SimulatedSession();
            s.Machine.CommandRunner.Decoder = new ConsoleOutputDecoder(Oem866);
            s.Machine.CommandRunner.RecordBytes("dsregcmd", 0, Oem866.GetBytes(Fixture.Text("dsregcmd-status-ru.txt")), "/status");
            s.Pc.RunAsSystem();

            var finding = Diagnostics.TestTeamsCaa20002Tests.Finding(s.Run("Test-TeamsCaa20002 -CheckId Account.DeviceJoin"), "Account.DeviceJoin");

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Contains(finding.Evidence, line => line.Contains("Контозо"));
        }

        [Theory]
        [InlineData("dsregcmd-status-ru.txt", "Контозо", "ПК-БУХГАЛТЕРИЯ-01")]
        [InlineData("dsregcmd-status-de.txt", "Müller & Söhne GmbH", "BÜRO-PC01")]
        public void DsregcmdLabelsStayEnglishOnALocalizedWindowsAndTheValuesAreKept(string fixture, string tenant, string device)
        {
            var status = DsregStatus.Parse(Fixture.Text(fixture));

            Assert.True(status.IsRecognized);
            Assert.Equal(tenant, status.TenantName);
            Assert.Equal(device, status.Get(DsregStatus.DeviceState, "Device Name"));
            Assert.Equal(DeviceJoinKind.Hybrid, status.JoinKind);
        }
    }
}
