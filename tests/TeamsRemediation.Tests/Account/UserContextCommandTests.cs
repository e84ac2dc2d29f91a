using System.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>
    /// The "run as the user" command a SYSTEM run prints, from a 32-bit host (Intune's default): the 64-bit Windows
    /// PowerShell through Sysnative and the module by the full path of its manifest, which both bitnesses can load.
    /// </summary>
    public sealed class UserContextCommandTests
    {
        [Fact]
        public void FromA32BitHostTheCommandNamesSysnativeAndTheModuleManifest()
        {
            using var s = new SimulatedSession();
            s.Pc.Bitness32();
            s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            AccountPc.RecordHealthyUser(s.Machine);

            var steps = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -ReportUserSteps")).Steps;

            var expected = "\"" + WindowsPowerShellScript.ExecutablePath(s.Machine)
                + "\" -NoProfile -ExecutionPolicy Bypass -Command \"Import-Module '" + ModuleSession.ManifestPath
                + "'; Reset-TeamsWorkAccount -Force\"";
            Assert.Contains("Sysnative", expected);
            Assert.True(steps.Any(step => step.Detail.EndsWith("Run as the user: " + expected)), string.Join("\n", steps.Select(x => x.Detail)));
        }
    }
}
