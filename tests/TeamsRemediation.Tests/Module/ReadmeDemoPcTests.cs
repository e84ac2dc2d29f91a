using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Simulation;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>The README's three lines that give a PowerShell user the demo's broken PC, run as written, then a cmdlet on it.</summary>
    public sealed class ReadmeDemoPcTests
    {
        private static string RepositoryRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ModuleSession.ManifestPath)!, "..", ".."));

        /// <summary>The powershell block of the README that calls BrokenDemoPc.</summary>
        private static string[] ReadmeLines()
        {
            var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
            var block = Regex.Matches(readme, "```powershell\\r?\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
                .Single(b => b.Contains("BrokenDemoPc", StringComparison.Ordinal));
            return block.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        }

        [Fact]
        public void TheReadmesThreeLinesGiveTheDemosBrokenPcAndEveryCmdletRunsOnIt()
        {
            var lines = ReadmeLines();
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("Import-Module ./out/TeamsRemediation/TeamsRemediation.psd1", lines[0]);

            using var session = new ModuleSession(null);
            var result = session.Run("Set-Location -LiteralPath $args[0]\n" + string.Join("\n", lines)
                + "\nGet-TeamsInstallation -AllUsers; Test-TeamsCaa20002 -SkipNetwork", RepositoryRoot);
            try
            {
                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                var installations = result.Objects<TeamsInstallation>().ToList();
                Assert.Equal(new[] { @"CONTOSO\alice Classic", @"CONTOSO\alice New", @"CONTOSO\bob Classic" },
                    installations.Select(i => i.User + " " + i.Client).OrderBy(x => x, StringComparer.Ordinal));
                var failing = result.Objects<TeamsCaa20002Finding>().Where(f => f.Status == FindingStatus.Fail).Select(f => f.CheckId).ToList();
                foreach (var id in new[] { CheckIds.TlsSchannel, CheckIds.TlsWinHttp, CheckIds.EvidenceAadEvents })
                {
                    Assert.Contains(id, failing);
                }
            }
            finally
            {
                Forget(session);
            }
        }

        [Fact]
        public void AtAlicesConsoleTheSamePcRunsEveryCmdletWithoutASecondEngine()
        {
            var lines = ReadmeLines();
            var third = lines[2].Replace("]::Create()", "]::CreateAtAlicesConsole()", StringComparison.Ordinal);
            Assert.NotEqual(lines[2], third);

            using var session = new ModuleSession(null);
            var result = session.Run("Set-Location -LiteralPath $args[0]\n" + lines[0] + "\n" + lines[1] + "\n" + third
                + "\nReset-TeamsWorkAccount -Force -RemoveWamOverrides; Repair-TeamsCaa20002 -Force -SkipNetwork -As Line", RepositoryRoot);
            try
            {
                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                var steps = result.Objects<TeamsAccountResetStep>().ToList();
                Assert.Contains(steps, s => s.Step.ToString() == "WamAccounts" && s.Status.ToString() == "Done");
                Assert.Contains(steps, s => s.Step.ToString() == "Credentials" && s.Status.ToString() == "Done");
                Assert.Contains(steps, s => s.Step.ToString() == "WamOverrides" && s.Status.ToString() == "Done");
                Assert.StartsWith("CAA20002/1 Repair PC01 ", result.Objects<string>().Last());
            }
            finally
            {
                Forget(session);
            }
        }

        /// <summary>Detaches the PC the README made (found through the runspace's hook) and deletes its temporary folder.</summary>
        private static void Forget(ModuleSession session)
        {
            var machine = TeamsRemediation.Platform.MachineHook.Find(session.Runspace) as SimulatedMachine;
            SimulatedMachine.DetachFrom(session.Runspace);
            machine?.Dispose();
        }
    }
}
