using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TeamsRemediation.Demo;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>A fact about a computer that is not Windows: there the module has no PC to act on unless one is attached.</summary>
    public sealed class NotWindowsFactAttribute : FactAttribute
    {
        public NotWindowsFactAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "On Windows the module acts on this PC: the refusal exists only elsewhere.";
            }
        }
    }

    public sealed class UnsupportedPlatformTests
    {
        private static readonly string[] ParseOnly = { "ConvertFrom-TeamsRemediationOutput", "Get-TeamsRemediationFleetSummary" };

        [NotWindowsFact]
        public void FleetCmdletsRunWithoutAPc()
        {
            EngineTelemetry.EnsureSilent();
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("Import-Module -Name $args[0] -ErrorAction Stop; 'CAA20002 PC01 NonCompliant: FAIL Tls.WinHttp: off | pass 3, skipped 0' |"
                + " ConvertFrom-TeamsRemediationOutput | Get-TeamsRemediationFleetSummary").AddArgument(ModuleSession.ManifestPath);

            var cause = Assert.Single(ps.Invoke()).BaseObject;

            Assert.Empty(ps.Streams.Error);
            Assert.Equal("Tls.WinHttp", Assert.IsType<TeamsRemediationFleetCause>(cause).CheckId);
        }

        [NotWindowsFact]
        public void EveryCmdletRefusesANonWindowsComputerWithPlatformNotSupportedException()
        {
            EngineTelemetry.EnsureSilent();
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("Import-Module -Name $args[0] -ErrorAction Stop; (Get-Module TeamsRemediation).ExportedCmdlets.Keys")
                .AddArgument(ModuleSession.ManifestPath);
            // The fleet's two cmdlets only read reports: they act on no PC and run anywhere (FleetCmdletsRunWithoutAPc).
            var cmdlets = ps.Invoke().Select(o => o.ToString()).Except(ParseOnly).ToList();
            Assert.Equal(7, cmdlets.Count);

            foreach (var name in cmdlets)
            {
                ps.Commands.Clear();
                ps.Streams.Error.Clear();
                // Mandatory parameters are given so binding succeeds and the refusal itself is what stops the call.
                var args = name == "Undo-TeamsRemediation" ? " -Journal nothing.xml" : name == "Reset-TeamsWorkAccount"
                    ? " -UserName alice" : string.Empty;
                ps.AddScript("try { " + name + args + " -ErrorAction Stop } catch { $_ }");
                var record = (ErrorRecord)Assert.Single(ps.Invoke()).BaseObject;

                Assert.IsType<PlatformNotSupportedException>(record.Exception);
                Assert.Equal("UnsupportedPlatform,TeamsRemediation.Commands." + name.Replace("-", string.Empty) + "Command",
                    record.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.NotInstalled, record.CategoryInfo.Category);
                Assert.Contains("Windows", record.Exception.Message);
            }
        }
    }
}
