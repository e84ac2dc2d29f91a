using System.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>
    /// The "run as the user" command a SYSTEM run prints, from a 32-bit host (Intune's default): Windows PowerShell by System32,
    /// the path every console the admin may paste it into can see (Sysnative exists for 32-bit processes only), and the module by the
    /// full path of its manifest, which both bitnesses can load.
    /// </summary>
    public sealed class UserContextCommandTests
    {
        [Fact]
        public void FromA32BitHostTheCommandNamesSystem32NotSysnativeAndTheModuleManifest()
        {
            using var s = new SimulatedSession();
            s.Pc.Bitness32();
            s.Pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            s.Pc.RunAsSystem();
            AccountPc.RecordHealthyUser(s.Machine);

            var steps = new ScriptResultView(s.Run("Reset-TeamsWorkAccount -Force -ReportUserSteps")).Steps;

            var expected = "\"" + System.IO.Path.Combine(s.Machine.WindowsPath, "System32", "WindowsPowerShell", "v1.0", "powershell.exe")
                + "\" -NoProfile -ExecutionPolicy Bypass -Command \"Import-Module '" + ModuleSession.ManifestPath
                + "'; Reset-TeamsWorkAccount -Force\"";
            Assert.DoesNotContain(steps, step => step.Detail.Contains("Sysnative"));
            Assert.True(steps.Any(step => step.Detail.EndsWith("Run as the user: " + expected)), string.Join("\n", steps.Select(x => x.Detail)));
        }
    }
}
