using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// The Pester suites (tests/Pester), read with the PowerShell parser: every top-level Describe says where it can run
    /// (tag Windows with -Skip:(-not $IsWindowsPlatform), tag SimulatedPc attaching and detaching the simulated PC, tag
    /// AnyOs without calling a module cmdlet, tag NotWindows with -Skip:$IsWindowsPlatform), and every test asserts
    /// something whatever the PC holds.
    /// </summary>
    public sealed class PesterSuiteTests
    {
        private static readonly string[] ModuleCmdlets =
        {
            "Get-TeamsInstallation", "Test-TeamsCaa20002", "Reset-TeamsWorkAccount", "Clear-TeamsCache", "Enable-Tls12", "Undo-TeamsRemediation",
            "Repair-TeamsCaa20002",
        };

        private static string Folder => Path.Combine(AppContext.BaseDirectory, "Pester");

        private static IEnumerable<(string File, ScriptBlockAst Ast)> Suites()
        {
            var files = Directory.GetFiles(Folder, "*.Tests.ps1");
            Assert.True(files.Length >= 5, "The Pester suites are missing from the test output.");
            foreach (var file in files)
            {
                var ast = Parser.ParseFile(file, out _, out var errors);
                Assert.True(errors.Length == 0, file + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
                yield return (Path.GetFileName(file), ast);
            }
        }

        private static List<CommandAst> TopLevelCommands(ScriptBlockAst ast) =>
            ast.EndBlock.Statements.OfType<PipelineAst>().SelectMany(p => p.PipelineElements.OfType<CommandAst>()).ToList();

        private static CommandParameterAst? Parameter(CommandAst command, string name) =>
            command.CommandElements.OfType<CommandParameterAst>().FirstOrDefault(p => string.Equals(p.ParameterName, name,
                StringComparison.OrdinalIgnoreCase));

        private static string? Tag(CommandAst describe)
        {
            var tag = Parameter(describe, "Tag");
            if (tag == null)
            {
                return null;
            }

            var index = describe.CommandElements.IndexOf(tag);
            return (describe.CommandElements[index + 1] as StringConstantExpressionAst)?.Value;
        }

        private static ScriptBlockAst Body(CommandAst command) => command.CommandElements.OfType<ScriptBlockExpressionAst>().Last().ScriptBlock;

        private static IEnumerable<CommandAst> Calls(Ast ast, string name) =>
            ast.FindAll(a => a is CommandAst c && string.Equals(c.GetCommandName(), name, StringComparison.OrdinalIgnoreCase),
                true).Cast<CommandAst>();

        [Fact]
        public void EveryFileLearnsThePlatformBeforeDiscoveryAndRunsNothingOutsideItsBlocks()
        {
            foreach (var (file, ast) in Suites())
            {
                var top = TopLevelCommands(ast);
                Assert.Equal(ast.EndBlock.Statements.Count, top.Count);
                Assert.All(top, c => Assert.Contains(c.GetCommandName(), new[] { "BeforeDiscovery", "BeforeAll", "Describe" }));
                var discovery = Assert.Single(top, c => c.GetCommandName() == "BeforeDiscovery");
                Assert.True(Body(discovery).Extent.Text.Contains("PesterSupport.ps1"), file + ": BeforeDiscovery must dot-source PesterSupport.ps1.");
                Assert.True(top.IndexOf(discovery) == 0, file + ": BeforeDiscovery comes first.");
            }
        }

        [Fact]
        public void EveryWindowsOnlyBlockIsSkippedElsewhereAndEverySimulatedBlockAttachesThePc()
        {
            var seen = new HashSet<string>();
            foreach (var (file, ast) in Suites())
            {
                foreach (var describe in TopLevelCommands(ast).Where(c => c.GetCommandName() == "Describe"))
                {
                    var tag = Tag(describe);
                    var what = file + ": Describe at line " + describe.Extent.StartLineNumber;
                    var skip = Parameter(describe, "Skip");
                    seen.Add(tag ?? "(none)");
                    switch (tag)
                    {
                        case "Windows":
                            Assert.True(skip?.Argument?.Extent.Text == "(-not $IsWindowsPlatform)", what
                                + " is Windows-only: it needs -Skip:(-not $IsWindowsPlatform).");
                            break;
                        case "NotWindows":
                            Assert.True(skip?.Argument?.Extent.Text == "$IsWindowsPlatform", what + " needs -Skip:$IsWindowsPlatform.");
                            break;
                        case "SimulatedPc":
                            Assert.True(skip == null, what + " runs on every OS: no -Skip.");
                            var body = Body(describe);
                            var beforeAll = Assert.Single(TopLevelCommands(body), c => c.GetCommandName() == "BeforeAll");
                            Assert.NotEmpty(Calls(beforeAll, "Connect-SimulatedPc"));
                            var afterAll = Assert.Single(TopLevelCommands(body), c => c.GetCommandName() == "AfterAll");
                            Assert.NotEmpty(Calls(afterAll, "Disconnect-SimulatedPc"));
                            break;
                        case "AnyOs":
                            Assert.True(skip == null, what + " runs on every OS: no -Skip.");
                            foreach (var cmdlet in ModuleCmdlets)
                            {
                                Assert.True(!Calls(describe, cmdlet).Any(), what + " calls " + cmdlet
                                    + ": that needs a PC (tag SimulatedPc or Windows).");
                            }

                            break;
                        default:
                            throw new Xunit.Sdk.XunitException(what + " has no tag Windows, NotWindows, SimulatedPc or AnyOs.");
                    }
                }
            }

            Assert.Contains("Windows", seen);
            Assert.Contains("SimulatedPc", seen);
        }

        [Fact]
        public void EveryTestAssertsSomethingWhateverThePcHolds()
        {
            var tests = 0;
            foreach (var (file, ast) in Suites())
            {
                foreach (var it in Calls(ast, "It"))
                {
                    tests++;
                    var body = Body(it);
                    var what = file + ": It at line " + it.Extent.StartLineNumber;
                    // A Should inside an if, a loop or a ForEach-Object block runs only when the PC has something to show.
                    var unconditional = Calls(body, "Should").Where(s => !Ancestors(s, body).Any(a => a is IfStatementAst
                        || a is LoopStatementAst || a is ScriptBlockExpressionAst));
                    Assert.True(unconditional.Any(), what + " has no Should that runs in every case.");
                    Assert.False(Calls(body, "Set-ItResult").Any(), what + " skips itself at run time: guard the Describe instead.");
                }
            }

            Assert.True(tests >= 20, "Only " + tests + " Pester tests found.");
        }

        private static IEnumerable<Ast> Ancestors(Ast ast, Ast stop)
        {
            for (var parent = ast.Parent; parent != null && parent != stop; parent = parent.Parent)
            {
                yield return parent;
            }
        }
    }
}
