using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Demo.Steps;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;
using static TeamsRemediation.Tests.Scripts.DeploymentScriptTests;

namespace TeamsRemediation.Tests.Scripts
{
    /// <summary>
    /// The Intune and ConfigMgr remediation scripts as shipped follow Repair-TeamsCaa20002's exit-code contract: one
    /// simulated PC per case, the exit code and the last line (or, for ConfigMgr, the throw) asserted for each.
    /// </summary>
    public sealed class RemediationScriptTests
    {
        private static readonly string Intune = Path.Combine("scripts", "Intune", "Remediate-TeamsCaa20002.ps1");
        private static readonly string ConfigMgr = Path.Combine("scripts", "ConfigMgr", "Remediate-TeamsCaa20002.ps1");

        private static RegistryKeyPath WinHttp32 => new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.WinHttp,
            RegistryView.Registry32);

        private static ScriptRun RunOn(Action<SimulatedSession, Simulation.SimulatedUser> breakIt, string script, bool mayThrow = false)
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            breakIt(s, alice);
            return Run(s.Shell, script, mayThrow);
        }

        [Fact]
        public void NothingToFixExitsZero()
        {
            var run = RunOn((s, a) => { }, Intune);

            Assert.Equal(0, run.ExitCode);
            // The line ends with where the machine log is, where the runs in users' sessions leave one line per decision.
            Assert.Equal("CAA20002/1 Repair PC01 NothingToFix exit=0 dropped=0 restart=no report=- || no step | log: "
                + "%ProgramData%\\TeamsRemediation\\" + TeamsRemediation.Logging.MachineLog.FolderName + "\\"
                + TeamsRemediation.Logging.MachineLog.FileName, run.LastLine);
        }

        [Fact]
        public void AFixedClockExitsZero()
        {
            var run = RunOn((s, a) => BrokenPc.ClockSkew(s), Intune);

            Assert.Equal(0, run.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 Fixed exit=0 dropped=0 restart=no report=", run.LastLine);
            Assert.Contains(" | Step Evidence/EvidenceCopy - - - status=Done | Step Machine/ClockResync - - - status=Done", run.LastLine);
        }

        [Fact]
        public void ANameThatStillDoesNotResolveExitsOne()
        {
            var run = RunOn((s, a) => BrokenPc.DnsFailure(s), Intune);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 NotFixed exit=1 ", run.LastLine);
            Assert.Contains(" | Step Machine/DnsFlush - - - status=Done", run.LastLine);
            Assert.Contains(" | Fail Network.Endpoint ", run.LastLine);
        }

        [Fact]
        public void TlsTurnedBackOnExitsTwoForTheRestart()
        {
            var run = RunOn((s, a) => BrokenPc.TlsOff(s), Intune);

            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 NeedsReboot exit=2 dropped=0 restart=yes ", run.LastLine);
            Assert.Contains(" | Step Machine/Tls - - - status=Done", run.LastLine);
        }

        [Fact]
        public void ATenantOwnedCodeExitsThreeAndNamesTheReportFolder()
        {
            var run = RunOn((s, a) => BrokenPc.AadError(s, a, "CAA20004", "AADSTS53003"), Intune);

            Assert.Equal(3, run.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 NeedsAdmin exit=3 ", run.LastLine);
            var line = TeamsRemediation.Lines.SummaryLine.Parse(run.LastLine);
            Assert.Contains(line.Items, i => i.CheckId == "NothingThePcCanFix/AdminPack" && i["status"] == "NeedsAdmin");
            Assert.Contains(line.Items, i => i.Status == "Warning" && i.CheckId == "Evidence.AadEvents" && i.Owner == "TenantAdmin"
                && i.Code == "AADSTS53003");
            Assert.Contains(Path.Combine("ProgramData", "TeamsRemediation", "Reports"), line.ReportPath);
        }

        [Fact]
        public void TheLastLineFitsIntuneEvenWhenEverythingIsBroken()
        {
            var run = RunOn((s, a) =>
            {
                BrokenPc.TlsOff(s);
                BrokenPc.ClockSkew(s);
                BrokenPc.WamDisabledByPolicy(a);
                for (var i = 0; i < 40; i++)
                {
                    BrokenPc.AadError(s, a, "CAA50021", "AADSTS" + (50000 + i));
                }
            }, Intune);

            Assert.InRange(run.LastLine.Length, 1, 2048);
            Assert.DoesNotContain("\n", run.LastLine);
            Assert.Equal(2, run.ExitCode);
        }

        [Fact]
        public void TheIntuneSummaryOnTheDemoPcNamesTheComputerAndTheRestart()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                new InventoryStep().Prepare(pc);
                new DiagnosisStep().Prepare(pc);
                using var session = new ModuleSession(pc.Machine);

                var run = Run(session, Intune);

                // "$env:COMPUTERNAME: " read a variable named "env:COMPUTERNAME:", so the name vanished from the old line.
                Assert.StartsWith("CAA20002/1 Repair PC01 NeedsReboot exit=2 ", run.LastLine);
                Assert.Equal(2, run.ExitCode);
                Assert.Equal(0xA80u, pc.Machine.SimulatedRegistry.GetValue(WinHttp32, "DefaultSecureProtocols")!.AsDWord);
            }
        }

        [Fact]
        public void ConfigMgrPrintsTheLineForAFixOrARestartAndExitsWithItsCode()
        {
            var fixedRun = RunOn((s, a) => BrokenPc.ClockSkew(s), ConfigMgr, mayThrow: true);
            var restart = RunOn((s, a) => BrokenPc.TlsOff(s), ConfigMgr, mayThrow: true);

            Assert.Equal(string.Empty, fixedRun.Thrown);
            Assert.Equal(0, fixedRun.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 Fixed exit=0 ", fixedRun.LastLine);
            Assert.Equal(string.Empty, restart.Thrown);
            Assert.Equal(2, restart.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 NeedsReboot exit=2 ", restart.LastLine);
        }

        [Fact]
        public void ConfigMgrThrowsWhenNotFixedOrWhenTheAdminMustAct()
        {
            var notFixed = RunOn((s, a) => BrokenPc.DnsFailure(s), ConfigMgr, mayThrow: true);
            var admin = RunOn((s, a) => BrokenPc.AadError(s, a, "CAA20004", "AADSTS53003"), ConfigMgr, mayThrow: true);

            Assert.StartsWith("CAA20002/1 Repair PC01 NotFixed exit=1 ", notFixed.Thrown);
            Assert.StartsWith("CAA20002/1 Repair PC01 NeedsAdmin exit=3 ", admin.Thrown);
        }

        [Fact]
        public void ConfigMgrRepairsTlsWhenNoCacheFindingExists()
        {
            var pc = new DemoPc();
            using (pc.Machine)
            {
                // Only TLS is broken: no CAA20002 evidence, so no Teams.Cache finding asks for a clear (the old script then threw).
                pc.Machine.SimulatedRegistry.SetValue(WinHttp32, "DefaultSecureProtocols", RegistryValue.DWord(TlsRegistryLocations.Tls11));
                using var session = new ModuleSession(pc.Machine);

                var run = Run(session, ConfigMgr, mayThrow: true);

                Assert.Equal(string.Empty, run.Thrown);
                Assert.Equal(2, run.ExitCode);
                Assert.Equal(TlsRegistryLocations.Tls11 | TlsRegistryLocations.Tls12,
                    pc.Machine.SimulatedRegistry.GetValue(WinHttp32, "DefaultSecureProtocols")!.AsDWord);
            }
        }
    }
}
