using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using TeamsRemediation.Demo;
using TeamsRemediation.Tests.Module;
using Xunit;

namespace TeamsRemediation.Tests.Scripts
{
    /// <summary>
    /// scripts/Test-PilotPc.ps1, the read-only checklist an admin runs on one pilot PC: it parses in the tests' engine, it calls only
    /// commands and methods that read, and off Windows it says so in one line instead of failing.
    /// </summary>
    public sealed class PilotPcScriptTests
    {
        private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "RepoScripts", "scripts", "Test-PilotPc.ps1");

        /// <summary>Commands that only read (and the script's own two functions). Anything else would need a reason here.</summary>
        private static readonly string[] ReadingCommands =
        {
            "Add-Result", "Get-WinHttpSettings", "Import-Module", "Get-Module", "Get-ItemProperty", "Test-TeamsCaa20002",
            "Get-TeamsInstallation", "Select-Object", "Where-Object", "ForEach-Object", "Sort-Object", "Group-Object", "Get-Date", "Get-WinEvent",
            "Get-Process", "Get-AppLockerPolicy", "Format-Table", "Out-String",
            // W7: the module's helper scripts are listed, their signatures read, and the effective AppLocker policy asked about them.
            "Get-ChildItem", "Join-Path", "Get-AuthenticodeSignature", "Test-AppLockerPolicy",
            // W20: the session launcher's file is looked for, and the launcher started once with a request it refuses (it starts nothing).
            "Test-Path", "Start-Process",
        };

        /// <summary>.NET methods the script calls: registry opening and reading, text, dates, its own result list.</summary>
        private static readonly string[] ReadingMethods =
        {
            "new", "OpenBaseKey", "OpenSubKey", "GetValue", "Close", "ToString", "AddDays", "Add", "GetCurrent", "IsInRole",
        };

        [Fact]
        public void ItStartsTheSessionLauncherOnlyWithARequestTheLauncherRefuses()
        {
            var ast = Parser.ParseFile(ScriptPath, out _, out _);
            var starts = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "Start-Process", true).Cast<CommandAst>().ToList();

            // W20: a path as the script name is ScriptNameRefused (0x54520002): the launcher starts nothing and the check stays read-only.
            var start = Assert.Single(starts);
            Assert.Contains("-FilePath $launcher -ArgumentList '..\\Test-PilotPc.ps1' -Wait -PassThru", start.Extent.Text);
            Assert.Contains("0x" + TeamsRemediation.SessionLauncher.LauncherExitCodes.ScriptNameRefused.ToString("X8",
                System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(ScriptPath));
        }

        [Fact]
        public void ItParsesAndCallsOnlyCommandsAndMethodsThatRead()
        {
            var ast = Parser.ParseFile(ScriptPath, out _, out var errors);

            Assert.True(errors.Length == 0, string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
            var commands = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).ToList();
            Assert.DoesNotContain(null, commands);
            Assert.DoesNotContain(commands, c => !ReadingCommands.Contains(c, StringComparer.OrdinalIgnoreCase));
            var methods = ast.FindAll(a => a is InvokeMemberExpressionAst, true).Cast<InvokeMemberExpressionAst>()
                .Select(m => (m.Member as StringConstantExpressionAst)?.Value).ToList();
            Assert.DoesNotContain(methods, m => m == null || !ReadingMethods.Contains(m, StringComparer.Ordinal));
            Assert.Contains("Test-TeamsCaa20002", commands);
            Assert.Contains("Get-WinEvent", commands);
        }

        [Fact]
        public void ItRunsInWindowsPowerShell51SyntaxOnly()
        {
            // No ternary, null-coalescing or pipeline chain operators: the script must run in Windows PowerShell 5.1 as well as in 7.
            var text = File.ReadAllText(ScriptPath);
            var ast = Parser.ParseInput(text, out var tokens, out _);

            Assert.DoesNotContain(tokens, t => t.Kind == TokenKind.QuestionQuestion || t.Kind == TokenKind.QuestionQuestionEquals
                || t.Kind == TokenKind.AndAnd || t.Kind == TokenKind.OrOr || t.Kind == TokenKind.QuestionMark);
            Assert.Empty(ast.FindAll(a => a is TernaryExpressionAst || a is PipelineChainAst, true));
        }

        [NotWindowsFact]
        public void OffWindowsItSaysThereIsNothingToCheckAndStops()
        {
            EngineTelemetry.EnsureSilent();
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddCommand(ScriptPath);

            var output = shell.Invoke().Select(o => o?.ToString() ?? string.Empty).ToList();

            Assert.False(shell.HadErrors, string.Join("\n", shell.Streams.Error.Select(e => e.ToString())));
            var line = Assert.Single(output);
            Assert.StartsWith("Test-PilotPc checks a Windows PC; this is ", line);
            Assert.EndsWith(": nothing to check.", line);
        }
    }
}
