using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Language;
using System.Reflection;
using System.Runtime.Serialization;
using TeamsRemediation.Account;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>The JSON contract between the shipped Windows PowerShell scripts and the C# side, checked from both ends.</summary>
    public sealed class ScriptContractTests
    {
        public static IEnumerable<object[]> Scripts => new[]
        {
            new object[] { WindowsPowerShellScript.SignOutWamAccounts, typeof(WamScriptReport) },
            new object[] { WindowsPowerShellScript.BrokerPlugin, typeof(BrokerScriptReport) },
            new object[] { WindowsPowerShellScript.ResetTeamsApp, typeof(TeamsAppScriptReport) },
        };

        [Theory]
        [MemberData(nameof(Scripts))]
        public void TheScriptParsesAndWritesEveryFieldTheCSharpSideReads(string script, Type report)
        {
            var ast = Parser.ParseInput(ShippedScriptFiles.Text(script), out _, out var errors);
            Assert.Empty(errors);

            // Every key the script puts in an ordered hashtable literal.
            var keys = ast.FindAll(a => a is HashtableAst, searchNestedScriptBlocks: true).Cast<HashtableAst>()
                .SelectMany(h => h.KeyValuePairs).Select(p => p.Item1).OfType<StringConstantExpressionAst>().Select(k =>
                k.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var member in DataMembers(report))
            {
                Assert.True(keys.Contains(member), script + " never writes '" + member + "' that " + report.Name + " reads.");
            }

            // One JSON line, via ConvertTo-Json -Compress, and exit 0 so the answer, not the exit code, carries the outcome.
            var text = ast.Extent.Text;
            Assert.Contains("ConvertTo-Json", text);
            Assert.Contains("-Compress", text);
        }

        [Fact]
        public void TheParametersTheCSharpSidePassesAreTheScriptsOwn()
        {
            Assert.Equal(new[] { "ClientId", "SignOut" }, ParameterNames(WindowsPowerShellScript.SignOutWamAccounts));
            Assert.Equal(new[] { "Register" }, ParameterNames(WindowsPowerShellScript.BrokerPlugin));
            Assert.Equal(new[] { "Reset" }, ParameterNames(WindowsPowerShellScript.ResetTeamsApp));
        }

        [Fact]
        public void TheWamScriptUsesMicrosoftsProviderAndHandlesEveryFindAllStatus()
        {
            var text = ShippedScriptFiles.Text(WindowsPowerShellScript.SignOutWamAccounts);

            Assert.Contains("FindAccountProviderAsync('https://login.microsoft.com', 'organizations')", text);
            Assert.Contains("SignOutAsync($id)", text);
            Assert.Contains("'NoProvider'", text);
            Assert.Contains("'Unsupported'", text);
            Assert.Contains("'ProviderError'", text);
            Assert.Contains("'Success'", text);
            // Nothing that leaves the account or the device.
            Assert.DoesNotContain("dsregcmd", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("RequestTokenAsync", text);
        }

        [Fact]
        public void TheScriptFileIsStartedWithFileAndSmallNamedValuesThatReadBackUnchanged()
        {
            var script = @"C:\Program Files\WindowsPowerShell\Modules\TeamsRemediation\1.0.0\Scripts\" + WindowsPowerShellScript.SignOutWamAccounts;
            var arguments = ScriptFileCommand.Build(script, new[]
            {
                new KeyValuePair<string, object>("ClientId", AccountLayout.TeamsClientId + "," + AccountLayout.OfficeClientId),
                new KeyValuePair<string, object>("Note", "it's \"quoted\" and ends in a backslash\\"),
                new KeyValuePair<string, object>("SignOut", true),
                new KeyValuePair<string, object>("Quiet", false),
            });

            Assert.StartsWith("-NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"" + script + "\" -ClientId ", arguments);
            Assert.DoesNotContain("-EncodedCommand", arguments, StringComparison.OrdinalIgnoreCase);
            var parsed = ScriptFileCommand.Parse(arguments);
            Assert.Equal(script, parsed.ScriptPath);
            Assert.Equal(AccountLayout.TeamsClientId + "," + AccountLayout.OfficeClientId, parsed.Parameter("ClientId"));
            Assert.Equal("it's \"quoted\" and ends in a backslash\\", parsed.Parameter("Note"));
            Assert.True(parsed.HasSwitch("SignOut"));
            Assert.False(parsed.HasSwitch("Quiet"));
        }

        [Fact]
        public void AValueFileCannotCarryAsOneStringIsRefused()
        {
            Assert.Throws<ArgumentException>(() => ScriptFileCommand.Build("s.ps1", new[] { new KeyValuePair<string, object>("Name", "-Force") }));
            Assert.Throws<ArgumentException>(() =>
                ScriptFileCommand.Build("s.ps1", new[] { new KeyValuePair<string, object>("Ids", new[] { "a" }) }));
        }

        [Theory]
        [MemberData(nameof(Scripts))]
        public void EveryScriptIsAsciiSoWindowsPowerShellReadsTheFileAlikeInEveryCodePage(string script, Type report)
        {
            // Windows PowerShell 5.1 reads a script file without a byte order mark in the ANSI code page.
            Assert.NotNull(report);
            Assert.All(System.IO.File.ReadAllBytes(ShippedScriptFiles.PathOf(script)), b => Assert.True(b < 0x80, script + " has a non-ASCII byte."));
            Assert.All(System.IO.File.ReadAllBytes(ShippedScriptFiles.PathOf(TeamsRemediation.UserBridge.UserSessionBridge.ChildScript)),
                b => Assert.True(b < 0x80));
        }

        [Theory]
        [InlineData(false, @"System32\WindowsPowerShell\v1.0\powershell.exe")]
        [InlineData(true, @"Sysnative\WindowsPowerShell\v1.0\powershell.exe")]
        public void Runs64BitWindowsPowerShellEvenFromA32BitHost(bool is32Bit, string expected)
        {
            using var machine = SimulatedPc.Create().Machine;
            machine.Is32BitProcess = is32Bit;

            var path = WindowsPowerShellScript.ExecutablePath(machine).Substring(machine.WindowsPath.Length + 1).Replace('/', '\\');

            Assert.Equal(expected, path);
        }

        [Fact]
        public void ARecordedSignOutAnswerReadsBackWithEveryField()
        {
            var report = WindowsPowerShellScript.ParseReport<WamScriptReport>(Fixture.Text("wam-signout-success.json"))!;

            Assert.Equal("Ok", report.Status);
            Assert.Equal("SignOut", report.Mode);
            var client = Assert.Single(report.Clients);
            Assert.Equal(AccountLayout.TeamsClientId, client.ClientId);
            Assert.Equal("Success", client.Status);
            var account = Assert.Single(client.Accounts);
            Assert.Equal("alice@contoso.com", account.UserName);
            Assert.True(account.SignedOut);
        }

        [Fact]
        public void TheAnswerIsFoundAfterStrayOutputAndEscapedNonAsciiComesBack()
        {
            var output = "WARNING: something a profile printed\r\n{not " +
                "json\r\n{\"status\":\"Ok\",\"mode\":\"List\",\"error\":\"\",\"clients\":[{\"clientId\":\"x\",\"status\":\"Success\","
                + "\"accounts\":[{\"id\":\"1\",\"userName\":\"j\\u00f6rg@contoso.com\"}]}]}\r\n";

            var report = WindowsPowerShellScript.ParseReport<WamScriptReport>(output)!;

            var account = report.Clients.Single().Accounts.Single();
            Assert.Equal("jörg@contoso.com", account.UserName);
            // Members the script left out read as empty, not null.
            Assert.Equal(string.Empty, account.Error);
            Assert.Equal(string.Empty, report.Clients.Single().ProviderErrorMessage);
        }

        [Theory]
        [InlineData("")]
        [InlineData("garbage")]
        [InlineData("#< CLIXML\r\n<Objs Version=\"1.1.0.1\"/>")]
        [InlineData("{\"status\":")]
        public void GarbageIsNoReport(string output) => Assert.Null(WindowsPowerShellScript.ParseReport<WamScriptReport>(output));

        [Fact]
        public void EveryOutcomeOfTheRunnerBecomesAProblemInOneLine()
        {
            using var machine = SimulatedPc.Create().Machine;
            var runner = new WindowsPowerShellScript(machine);
            var none = new KeyValuePair<string, object>[0];

            var notFound = runner.Run<BrokerScriptReport>(WindowsPowerShellScript.BrokerPlugin, none, TimeSpan.FromSeconds(5));
            machine.CommandRunner.Record("powershell", CommandResult.Completed(1, string.Empty,
                "File cannot be loaded because running scripts is disabled on this system."));
            var unreadable = runner.Run<BrokerScriptReport>(WindowsPowerShellScript.BrokerPlugin, none, TimeSpan.FromSeconds(5));
            machine.CommandRunner.Record("powershell", CommandResult.Completed(0, Fixture.Text("broker-present.json")),
                takes: TimeSpan.FromMilliseconds(200));
            var timedOut = runner.Run<BrokerScriptReport>(WindowsPowerShellScript.BrokerPlugin, none, TimeSpan.FromMilliseconds(20));

            Assert.Equal(ScriptOutcome.NotFound, notFound.Outcome);
            Assert.Equal(ScriptOutcome.Unreadable, unreadable.Outcome);
            Assert.Contains("running scripts is disabled", unreadable.Problem);
            Assert.Equal(ScriptOutcome.TimedOut, timedOut.Outcome);
            Assert.Null(timedOut.Report);
        }

        private static IEnumerable<string> DataMembers(Type type)
        {
            foreach (var property in type.GetProperties())
            {
                var member = property.GetCustomAttribute<DataMemberAttribute>();
                if (member == null)
                {
                    continue;
                }

                yield return member.Name!;
                var element = property.PropertyType.IsArray ? property.PropertyType.GetElementType()! : property.PropertyType;
                if (element.GetCustomAttribute<DataContractAttribute>() != null)
                {
                    foreach (var nested in DataMembers(element))
                    {
                        yield return nested;
                    }
                }
            }
        }

        private static string[] ParameterNames(string script)
        {
            var ast = Parser.ParseInput(ShippedScriptFiles.Text(script), out _, out _);
            return ast.ParamBlock.Parameters.Select(p => p.Name.VariablePath.UserPath).ToArray();
        }
    }
}
