using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TeamsRemediation.Account;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>
    /// The WAM script run by a real PowerShell engine in ConstrainedLanguage mode (AppLocker, WDAC): it answers with
    /// its one JSON line saying why it cannot sign out, instead of dying on the first WinRT type.
    /// </summary>
    public sealed class WamScriptLanguageModeTests
    {
        [Fact]
        public void InConstrainedLanguageTheScriptAnswersWithTheReasonBeforeTouchingWinRt()
        {
            var output = Run(PSLanguageMode.ConstrainedLanguage);

            var report = WindowsPowerShellScript.ParseReport<WamScriptReport>(output);

            Assert.True(report != null, output);
            Assert.Equal("Failed", report!.Status);
            Assert.StartsWith("Windows PowerShell runs command lines in ConstrainedLanguage mode on this PC", report.Error);
            Assert.Contains("needs FullLanguage", report.Error);

            // W7: the script travels as -EncodedCommand, which no AppLocker or WDAC rule can allow: the remedy must not send the admin
            // to the policy, only to what works under it.
            Assert.DoesNotContain("in the policy", report.Error);
            Assert.Contains("Settings > Accounts > Access work or school", report.Error);
            Assert.Empty(report.Clients);
        }

        [Fact]
        public void TheCheckComesBeforeTheFirstWinRtType()
        {
            var script = WindowsPowerShellScript.ReadScript(WindowsPowerShellScript.SignOutWamAccounts);
            var check = script.IndexOf("$ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage'", System.StringComparison.Ordinal);

            Assert.True(check > 0);
            Assert.True(check < script.IndexOf("Add-Type -AssemblyName System.Runtime.WindowsRuntime", System.StringComparison.Ordinal));
        }

        private static string Run(PSLanguageMode mode)
        {
            var state = InitialSessionState.CreateDefault2();
            state.LanguageMode = mode;
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            var script = WindowsPowerShellScript.ReadScript(WindowsPowerShellScript.SignOutWamAccounts);
            shell.AddScript("& {\n" + script + "\n} -ClientId '1fec8e78-bce4-4aaf-ab1b-5451cc387264' ");
            var lines = shell.Invoke().Select(o => o?.ToString() ?? string.Empty).ToList();
            return string.Join("\n", lines) + "\n" + string.Join("\n", shell.Streams.Error.Select(e => e.ToString()));
        }
    }
}
