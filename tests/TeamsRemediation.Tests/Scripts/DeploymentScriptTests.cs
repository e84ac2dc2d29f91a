using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using TeamsRemediation.Demo;
using TeamsRemediation.Demo.Steps;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Scripts
{
    /// <summary>
    /// The Intune and ConfigMgr scripts as shipped, unmodified, run in the real engine against the demo's broken PC.
    /// They import the module from Program Files, where <see cref="ProgramFilesModule"/> installed the built one.
    /// </summary>
    public sealed class DeploymentScriptTests
    {
        private static string Folder => Path.Combine(AppContext.BaseDirectory, "RepoScripts");

        [Fact]
        public void EveryShippedScriptParses()
        {
            var files = Directory.GetFiles(Folder, "*.ps1", SearchOption.AllDirectories);
            Assert.Contains(files, f => f.EndsWith("build.ps1"));
            Assert.True(files.Length >= 6, "expected build.ps1, the helper scripts and the Intune/ConfigMgr pairs");
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
            Assert.StartsWith("CAA20002/1 Test PC01 NonCompliant exit=1 dropped=0 | Fail ", run.LastLine);
            Assert.Contains(" | Fail Tls.WinHttp Device - - | ", run.LastLine);
            Assert.True(run.LastLine.Length <= 2048);
        }

        [Fact]
        public void TheConfigMgrDiscoveryScriptReturnsTheComplianceValue()
        {
            var run = RunOnBrokenPc(Path.Combine("scripts", "ConfigMgr", "Discover-TeamsCaa20002.ps1"));

            // Not "Compliant", and the cause reaches ConfigMgr's reports: the detection's line.
            Assert.StartsWith("CAA20002/1 Test PC01 NonCompliant exit=1 ", run.LastLine);
            Assert.Contains(" | Fail Tls.WinHttp Device - - | ", run.LastLine);
            Assert.Contains(" | Fail Evidence.AadEvents Device CAA20002 CONTOSO\\alice | ", run.LastLine);
        }

        [Fact]
        public void TheShippedScriptLoadsTheModuleFromTheProgramFilesFolderAsAnAdminInstalledIt()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                using var session = new ModuleSession(pc.Machine);

                Run(session, Path.Combine("scripts", "Intune", "Detect-TeamsCaa20002.ps1"));

                // The session's import of the built module went first; the script's own Import-Module loaded the installed one.
                var installed = Path.Combine(ProgramFilesModule.ProgramFiles, "WindowsPowerShell", "Modules", "TeamsRemediation");
                var paths = session.Invoke("Get-Module TeamsRemediation | ForEach-Object { $_.ModuleBase }").Select(p => p.ToString()).ToList();
                Assert.Equal(new[] { installed }, paths);
            }
        }

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

        /// <param name="session">The engine attached to the PC.</param>
        /// <param name="relativePath">The script, relative to the repository.</param>
        /// <param name="mayThrow">A throw is the script's answer (ConfigMgr reads it): kept in <see cref="ScriptRun.Thrown"/>.</param>
        internal static ScriptRun Run(ModuleSession session, string relativePath, bool mayThrow = false)
        {
            var script = Path.Combine(Folder, relativePath);
            var programFiles = ProgramFilesModule.ProgramFiles;
            // Intune and ConfigMgr start a fresh PowerShell, where the script's Import-Module is the first: the session's own
            // import of the built module goes first (a second copy's type data would clash with the first's, as in any session).
            var result = session.Run("Get-Module TeamsRemediation | Remove-Module; $global:LASTEXITCODE = 0; & $args[0]; "
                + "[pscustomobject]@{ ExitCode = $global:LASTEXITCODE }", script);
            if (mayThrow && result.Terminating != null)
            {
                var printed = result.Output.Select(o => o.ToString()).ToList();
                return new ScriptRun(-1, printed.LastOrDefault() ?? string.Empty, printed, result.Terminating.Message);
            }

            Assert.True(result.Terminating == null, relativePath + " stopped (the module is installed in " + programFiles + "): "
                + result.Terminating?.Message);
            var lines = result.Output.Take(result.Output.Count - 1).Select(o => o.ToString()).ToList();
            var exit = (int)result.Output.Last().Properties["ExitCode"].Value;
            return new ScriptRun(exit, lines.LastOrDefault() ?? string.Empty, lines);
        }

        internal sealed class ScriptRun
        {
            public ScriptRun(int exitCode, string lastLine, System.Collections.Generic.IReadOnlyList<string> lines, string thrown = "")
            {
                Thrown = thrown;
                ExitCode = exitCode;
                LastLine = lastLine;
                Lines = lines;
            }

            public int ExitCode { get; }

            public string LastLine { get; }

            public System.Collections.Generic.IReadOnlyList<string> Lines { get; }

            /// <summary>The message the script threw; empty when it ended normally.</summary>
            public string Thrown { get; }
        }
    }
}
