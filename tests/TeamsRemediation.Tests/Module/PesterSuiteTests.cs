using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using TeamsRemediation.Demo;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// The Pester suites (tests/Pester), read with the PowerShell parser: every top-level Describe says where it can run
    /// (tag Windows skipping each test elsewhere with the reason, tag SimulatedPc attaching and detaching the simulated PC,
    /// tag AnyOs without calling a module cmdlet, tag NotWindows skipping each test on Windows with the reason), and every
    /// test asserts something whatever the PC holds, or says why it was skipped.
    /// </summary>
    public sealed class PesterSuiteTests
    {
        /// <summary>The platform skips of PesterSupport.ps1: a block's BeforeEach calls one, Pester's -Skip gives no reason.</summary>
        private const string SkipOffWindows = "Skip-TestOffWindows";
        private const string SkipOnWindows = "Skip-TestOnWindows";

        private static string Folder => Path.Combine(AppContext.BaseDirectory, "Pester");

        /// <summary>The cmdlets the built manifest exports, read as PowerShell reads it.</summary>
        private static IReadOnlyList<string> ManifestCmdlets()
        {
            using var ps = PowerShell.Create(InitialSessionState.CreateDefault2());
            ps.AddScript("(Import-PowerShellDataFile -Path $args[0]).CmdletsToExport").AddArgument(ModuleSession.ManifestPath);
            var cmdlets = ps.Invoke().Select(o => o.ToString()).ToList();
            Assert.NotEmpty(cmdlets);
            return cmdlets;
        }

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
        public void EveryFileLoadsTheSupportAndTheModuleFirstAndRunsNothingOutsideItsBlocks()
        {
            foreach (var (file, ast) in Suites())
            {
                var top = TopLevelCommands(ast);
                Assert.Equal(ast.EndBlock.Statements.Count, top.Count);
                Assert.All(top, c => Assert.Contains(c.GetCommandName(), new[] { "BeforeDiscovery", "BeforeAll", "Describe" }));
                var setup = Assert.Single(top, c => c.GetCommandName() == "BeforeAll");
                Assert.True(Body(setup).Extent.Text.Contains("PesterSupport.ps1"), file + ": BeforeAll must dot-source PesterSupport.ps1.");
                Assert.NotEmpty(Calls(setup, "Import-Module"));
                Assert.True(top.IndexOf(setup) < top.FindIndex(c => c.GetCommandName() == "Describe"), file + ": BeforeAll comes before the blocks.");
                // Discovery, when a file needs it (tests made from the manifest's cmdlets), sees the same names.
                foreach (var discovery in top.Where(c => c.GetCommandName() == "BeforeDiscovery"))
                {
                    Assert.True(Body(discovery).Extent.Text.Contains("PesterSupport.ps1"),
                        file + ": BeforeDiscovery must dot-source PesterSupport.ps1.");
                    Assert.True(top.IndexOf(discovery) == 0, file + ": BeforeDiscovery comes first.");
                }
            }
        }

        [Fact]
        public void ThePlatformSkipsGiveTheirReason()
        {
            var support = Parser.ParseFile(Path.Combine(Folder, "PesterSupport.ps1"), out _, out var errors);
            Assert.Empty(errors);
            foreach (var name in new[] { SkipOffWindows, SkipOnWindows })
            {
                var function = Assert.Single(support.FindAll(a => a is FunctionDefinitionAst f && f.Name == name, false)
                    .Cast<FunctionDefinitionAst>());
                var skip = Assert.Single(Calls(function, "Set-ItResult"));
                Assert.NotNull(Parameter(skip, "Skipped"));
                Assert.NotNull(Parameter(skip, "Because"));
            }
        }

        [Fact]
        public void EveryWindowsOnlyBlockIsSkippedElsewhereAndEverySimulatedBlockAttachesThePc()
        {
            var moduleCmdlets = ManifestCmdlets();
            var seen = new HashSet<string>();
            foreach (var (file, ast) in Suites())
            {
                foreach (var describe in TopLevelCommands(ast).Where(c => c.GetCommandName() == "Describe"))
                {
                    var tag = Tag(describe);
                    var what = file + ": Describe at line " + describe.Extent.StartLineNumber;
                    var skip = Parameter(describe, "Skip");
                    seen.Add(tag ?? "(none)");
                    // Pester's -Skip gives no reason: a platform block skips each test from its BeforeEach, with the reason.
                    Assert.True(skip == null, what + " has -Skip, which gives no reason: call " + SkipOffWindows + " or " + SkipOnWindows
                        + " in its BeforeEach.");
                    switch (tag)
                    {
                        case "Windows":
                            AssertPlatformBlock(describe, SkipOffWindows, what);
                            break;
                        case "NotWindows":
                            AssertPlatformBlock(describe, SkipOnWindows, what);
                            break;
                        case "SimulatedPc":
                            var body = Body(describe);
                            var beforeAll = Assert.Single(TopLevelCommands(body), c => c.GetCommandName() == "BeforeAll");
                            Assert.NotEmpty(Calls(beforeAll, "Connect-SimulatedPc"));
                            var afterAll = Assert.Single(TopLevelCommands(body), c => c.GetCommandName() == "AfterAll");
                            Assert.NotEmpty(Calls(afterAll, "Disconnect-SimulatedPc"));
                            break;
                        case "AnyOs":
                            foreach (var cmdlet in moduleCmdlets)
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

        /// <summary>
        /// The block's BeforeEach skips each test where the block cannot run; its BeforeAll, which Pester runs before any
        /// BeforeEach, looks at the platform itself.
        /// </summary>
        private static void AssertPlatformBlock(CommandAst describe, string skipFunction, string what)
        {
            var top = TopLevelCommands(Body(describe));
            var beforeEach = top.SingleOrDefault(c => c.GetCommandName() == "BeforeEach");
            Assert.True(beforeEach != null && Calls(beforeEach, skipFunction).Any(), what + " needs BeforeEach { " + skipFunction + " }.");
            foreach (var beforeAll in top.Where(c => c.GetCommandName() == "BeforeAll"))
            {
                Assert.True(beforeAll.Extent.Text.Contains("$IsWindowsPlatform"), what + ": its BeforeAll runs before the skip, so it must check"
                    + " $IsWindowsPlatform.");
            }
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
                    // A test may skip itself only when the PC has nothing to show (no Teams client), saying so: never pass on nothing.
                    Assert.All(Calls(body, "Set-ItResult"), c => Assert.True(Parameter(c, "Skipped") != null && Parameter(c, "Because") != null,
                        what + ": Set-ItResult only as -Skipped -Because <the reason>."));
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
