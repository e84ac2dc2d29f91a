using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TeamsRemediation.Account;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>
    /// The WAM script file run by a real PowerShell engine in ConstrainedLanguage mode (a policy that did not allow the script): it
    /// answers with its one JSON line, the language mode it measured inside itself, and why it cannot sign out, instead of dying on
    /// the first WinRT type.
    /// </summary>
    public sealed class WamScriptLanguageModeTests
    {
        [Fact]
        public void InConstrainedLanguageTheScriptReportsItsOwnLanguageModeBeforeTouchingWinRt()
        {
            var output = Run(PSLanguageMode.ConstrainedLanguage);

            var report = WindowsPowerShellScript.ParseReport<WamScriptReport>(output);

            Assert.True(report != null, output);
            Assert.Equal("Failed", report!.Status);
            Assert.Equal("ConstrainedLanguage", report.LanguageMode);
            Assert.StartsWith("Windows PowerShell ran this script in ConstrainedLanguage mode", report.Error);
            // W7: the script is a file now, which the policy can allow: the words say so, as the review asks.
            Assert.Contains("runs command lines in ConstrainedLanguage", report.Error);
            Assert.Contains("needs FullLanguage", report.Error);
            Assert.Empty(report.Clients);
        }

        [Fact]
        public void TheCheckComesBeforeTheFirstWinRtType()
        {
            var script = ShippedScriptFiles.Text(WindowsPowerShellScript.SignOutWamAccounts);
            var check = script.IndexOf("if ($languageMode -ne 'FullLanguage')", System.StringComparison.Ordinal);

            Assert.True(check > 0);
            Assert.True(check < script.IndexOf("Add-Type -AssemblyName System.Runtime.WindowsRuntime", System.StringComparison.Ordinal));
            var measured = script.IndexOf("$languageMode = [string]$ExecutionContext.SessionState.LanguageMode", System.StringComparison.Ordinal);
            Assert.InRange(measured, 1, check);
        }

        private static string Run(PSLanguageMode mode)
        {
            var state = InitialSessionState.CreateDefault2();
            state.LanguageMode = mode;
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            // As powershell.exe -File runs it: the shipped file, each value one string (two client ids in one, comma-separated).
            shell.AddScript("& '" + ShippedScriptFiles.PathOf(WindowsPowerShellScript.SignOutWamAccounts).Replace("'", "''")
                + "' -ClientId '1fec8e78-bce4-4aaf-ab1b-5451cc387264,d3590ed6-52b3-4102-aeff-aad2292ab01c'");
            var lines = shell.Invoke().Select(o => o?.ToString() ?? string.Empty).ToList();
            return string.Join("\n", lines) + "\n" + string.Join("\n", shell.Streams.Error.Select(e => e.ToString()));
        }
    }
}
