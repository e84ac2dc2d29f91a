using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using TeamsRemediation.Demo;
using TeamsRemediation.Demo.Steps;
using TeamsRemediation.Diagnostics;
using Xunit;

namespace TeamsRemediation.Tests.Scripts
{
    /// <summary>
    /// The Intune and ConfigMgr scripts as shipped, run in the real engine against the demo's broken PC. Only
    /// their Import-Module line is pointed at the built module (on Windows it loads from Program Files).
    /// </summary>
    public sealed class DeploymentScriptTests
    {
        private static string Folder => Path.Combine(AppContext.BaseDirectory, "RepoScripts");

        [Fact]
        public void EveryShippedScriptParses()
        {
            var files = Directory.GetFiles(Folder, "*.ps1", SearchOption.AllDirectories);
            Assert.Contains(files, f => f.EndsWith("build.ps1"));
            Assert.True(files.Length >= 6, "expected build.ps1, the embedded scripts and the Intune/ConfigMgr pairs");
            foreach (var file in files)
            {
                Parser.ParseFile(file, out _, out var errors);
                Assert.True(errors.Length == 0, file + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
            }
        }

        [Fact]
        public void TheIntuneDetectionScriptFindsTheBrokenPcAndEndsWithTheSummaryLine()
        {
            var run = RunOnBrokenPc(Path.Combine("scripts", "Intune", "Detect-TeamsCaa20002.ps1"));

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("CAA20002 PC01 NonCompliant:", run.LastLine);
            Assert.Contains("Tls.WinHttp", run.LastLine);
            Assert.True(run.LastLine.Length <= 2048);
        }

        [Fact]
        public void TheConfigMgrDiscoveryScriptReturnsTheComplianceValue()
        {
            var run = RunOnBrokenPc(Path.Combine("scripts", "ConfigMgr", "Discover-TeamsCaa20002.ps1"));

            Assert.Equal("NonCompliant", run.LastLine);
        }

        [Fact]
        public void TheIntuneRemediationRepairsWhatSystemCanAndDetectionThenSeesTlsAndCacheFixed()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                new InventoryStep().Prepare(pc);
                new DiagnosisStep().Prepare(pc);
                using var session = new ModuleSession(pc.Machine);

                var remedy = Run(session, Path.Combine("scripts", "Intune", "Remediate-TeamsCaa20002.ps1"));

                Assert.Equal(0, remedy.ExitCode);
                Assert.StartsWith("CAA20002 remediation on ", remedy.LastLine);
                Assert.Contains("TLS 1.2: 1 value(s) repaired", remedy.LastLine);
                Assert.Contains("cache cleared for 1 client(s)", remedy.LastLine);
                // The summary points to the per-machine log, where the runs in users' sessions leave one line per decision.
                Assert.EndsWith(" | log: %ProgramData%\\TeamsRemediation\\" + TeamsRemediation.Logging.MachineLog.FolderName + "\\"
                    + TeamsRemediation.Logging.MachineLog.FileName, remedy.LastLine);
                var winHttp32 = new TeamsRemediation.Platform.RegistryKeyPath(TeamsRemediation.Platform.RegistryHive.LocalMachine,
                    TeamsRemediation.Tls.TlsRegistryLocations.WinHttp, TeamsRemediation.Platform.RegistryView.Registry32);
                Assert.Equal(0xA80u, pc.Machine.SimulatedRegistry.GetValue(winHttp32, "DefaultSecureProtocols")!.AsDWord);

                var detection = Run(session, Path.Combine("scripts", "Intune", "Detect-TeamsCaa20002.ps1"));
                Assert.DoesNotContain("Tls.WinHttp", detection.LastLine);
            }
        }

        [Fact]
        public void TheConfigMgrRemediationRepairsTlsWithoutThrowing()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                new InventoryStep().Prepare(pc);
                new DiagnosisStep().Prepare(pc);
                using var session = new ModuleSession(pc.Machine);

                Run(session, Path.Combine("scripts", "ConfigMgr", "Remediate-TeamsCaa20002.ps1"));

                var tls = session.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId 'Tls.*'").Objects<TeamsCaa20002Finding>().ToList();
                Assert.All(tls, f => Assert.Equal(FindingStatus.Pass, f.Status));
            }
        }

        [Fact]
        public void TheIntuneRemediationSummaryNamesTheComputer()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                new InventoryStep().Prepare(pc);
                new DiagnosisStep().Prepare(pc);
                using var session = new ModuleSession(pc.Machine);

                var remedy = Run(session, Path.Combine("scripts", "Intune", "Remediate-TeamsCaa20002.ps1"));

                // "$env:COMPUTERNAME: " reads a variable named "env:COMPUTERNAME:", so the name vanished from the line.
                Assert.StartsWith("CAA20002 remediation on PC01: TLS 1.2:", remedy.LastLine);
            }
        }

        [Fact]
        public void TheConfigMgrRemediationRepairsTlsWhenNoCacheFindingExists()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                // Only TLS is broken: no CAA20002 evidence and a small cache, so no Teams.Cache finding asks for a clear.
                pc.Machine.SimulatedRegistry.SetValue(WinHttp32, "DefaultSecureProtocols",
                    TeamsRemediation.Platform.RegistryValue.DWord(TeamsRemediation.Tls.TlsRegistryLocations.Tls11));
                using var session = new ModuleSession(pc.Machine);
                var before = session.Run("Test-TeamsCaa20002 -SkipNetwork").Objects<TeamsCaa20002Finding>().ToList();
                Assert.Contains(before, f => f.CheckId == "Tls.WinHttp" && f.Status == FindingStatus.Fail);
                Assert.Contains(before, f => f.CheckId == "Teams.Cache");
                Assert.DoesNotContain(before, f => f.CheckId == "Teams.Cache"
                    && (f.Status == FindingStatus.Fail || f.Status == FindingStatus.Warning));

                // An empty set's @($cache.UserSid) is @(''): Clear-TeamsCache -UserSid '' failed validation and the script threw.
                var remedy = Run(session, Path.Combine("scripts", "ConfigMgr", "Remediate-TeamsCaa20002.ps1"));

                Assert.Equal(0, remedy.ExitCode);
                Assert.Equal(TeamsRemediation.Tls.TlsRegistryLocations.Tls11 | TeamsRemediation.Tls.TlsRegistryLocations.Tls12,
                    pc.Machine.SimulatedRegistry.GetValue(WinHttp32, "DefaultSecureProtocols")!.AsDWord);
                var tls = session.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId 'Tls.*'").Objects<TeamsCaa20002Finding>().ToList();
                Assert.NotEmpty(tls);
                Assert.All(tls, f => Assert.Equal(FindingStatus.Pass, f.Status));
            }
        }

        private static TeamsRemediation.Platform.RegistryKeyPath WinHttp32 => new TeamsRemediation.Platform.RegistryKeyPath(
            TeamsRemediation.Platform.RegistryHive.LocalMachine, TeamsRemediation.Tls.TlsRegistryLocations.WinHttp,
            TeamsRemediation.Platform.RegistryView.Registry32);

        internal static ScriptRun RunOnBrokenPc(string relativePath, Action<DemoPc>? before = null)
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                new InventoryStep().Prepare(pc);
                new DiagnosisStep().Prepare(pc);
                before?.Invoke(pc);
                using var session = new ModuleSession(pc.Machine);
                return Run(session, relativePath);
            }
        }

        internal static ScriptRun Run(ModuleSession session, string relativePath)
        {
            var text = File.ReadAllText(Path.Combine(Folder, relativePath));
            var importLine = text.Split('\n').Single(l => l.StartsWith("Import-Module", StringComparison.Ordinal));
            var script = Path.Combine(Path.GetTempPath(), "TeamsRemediationScript-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(script, text.Replace(importLine, "Import-Module '" + ModuleSession.ManifestPath + "'"));
            try
            {
                var result = session.Run("$global:LASTEXITCODE = 0; & $args[0]; [pscustomobject]@{ ExitCode = $global:LASTEXITCODE }", script);
                Assert.Null(result.Terminating);
                var lines = result.Output.Take(result.Output.Count - 1).Select(o => o.ToString()).ToList();
                var exit = (int)result.Output.Last().Properties["ExitCode"].Value;
                return new ScriptRun(exit, lines.LastOrDefault() ?? string.Empty, lines);
            }
            finally
            {
                File.Delete(script);
            }
        }

        internal sealed class ScriptRun
        {
            public ScriptRun(int exitCode, string lastLine, System.Collections.Generic.IReadOnlyList<string> lines)
            {
                ExitCode = exitCode;
                LastLine = lastLine;
                Lines = lines;
            }

            public int ExitCode { get; }

            public string LastLine { get; }

            public System.Collections.Generic.IReadOnlyList<string> Lines { get; }
        }
    }
}
