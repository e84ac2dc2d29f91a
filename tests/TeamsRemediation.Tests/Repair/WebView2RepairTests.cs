using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// Repair-TeamsCaa20002 -WebView2InstallerPath on a simulated PC whose WebView2 Runtime is missing: installed from the admin's file
    /// only, only when Teams.WebView2 calls for it, recorded before it runs, checked again after, and never twice.
    /// </summary>
    public sealed class WebView2RepairTests
    {
        private const string Cmd = "TeamsRemediation.Commands.RepairTeamsCaa20002Command";

        private static readonly RegistryKeyPath MachineRuntime =
            new RegistryKeyPath(RegistryHive.LocalMachine, WebView2Checks.ClientKey, RegistryView.Registry32);

        private static TeamsRepairStep Step(ScriptResult result) =>
            Assert.Single(result.Objects<TeamsRepairStep>(), s => s.Step == RepairStepName.WebView2Install);

        private static TeamsRepairSummary Summary(ScriptResult result) => Assert.IsType<TeamsRepairSummary>(result.Output.Last().BaseObject);

        /// <summary>A healthy PC but for the runtime, and the Evergreen Standalone Installer on its disk.</summary>
        private static string NoRuntime(SimulatedSession s) => NoRuntime(s, out _);

        private static string NoRuntime(SimulatedSession s, out SimulatedUser alice)
        {
            alice = BrokenPc.Healthy(s);
            s.Pc.WebView2Runtime(null);
            var installer = Path.Combine(s.Machine.RootFolder, "MicrosoftEdgeWebView2RuntimeInstallerX64.exe");
            File.WriteAllText(installer, "MZ");
            s.Machine.SimulatedSignatures.SignedByMicrosoft(installer);
            return installer;
        }

        /// <summary>The installer as Windows runs it elevated: exit 0, and the runtime registered for the whole PC with its files.</summary>
        private static void InstallerWorks(SimulatedSession s, string installer) =>
            s.Machine.CommandRunner.RecordWithEffect(installer, CommandResult.Completed(0, string.Empty), "^/silent /install$",
                () => s.Pc.WebView2Runtime(SimulatedPc.DefaultWebView2Version));

        private static int InstallerCalls(SimulatedSession s) =>
            s.Machine.CommandRunner.Calls.Count(c => c.IndexOf("WebView2", StringComparison.OrdinalIgnoreCase) >= 0);

        [Fact]
        public void WithoutAPathTheMissingRuntimeIsHandedToTheDeviceAdminWithTheParameterToPassAndNothingRuns()
        {
            using var s = new SimulatedSession();
            NoRuntime(s);

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            var step = Step(result);
            Assert.Equal(RepairStepStatus.NeedsAdmin, step.Status);
            Assert.Contains("-WebView2InstallerPath", step.Detail);
            Assert.Contains(step.Before, b => b.StartsWith("Fail Teams.WebView2"));
            Assert.Equal(RepairOutcome.NeedsAdmin, Summary(result).Outcome);
            Assert.Equal(0, InstallerCalls(s));

            var finding = Assert.Single(s.Run("Test-TeamsCaa20002 -CheckId Teams.WebView2 -SkipNetwork").Objects<TeamsCaa20002Finding>());
            Assert.Contains("Repair-TeamsCaa20002 -WebView2InstallerPath", finding.Remedy);
        }

        [Fact]
        public void WithThePathTheRuntimeIsInstalledSilentlyRecordedFirstTheCheckPassesAfterAndASecondRunDoesNothing()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s);
            InstallerWorks(s, installer);

            var result = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", installer);

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            var step = Step(result);
            Assert.Equal(RepairStepStatus.Done, step.Status);
            Assert.Equal(RepairRung.Machine, step.Rung);
            Assert.Contains("exited 0", step.Detail);
            Assert.Contains(step.After, a => a.StartsWith("Pass Teams.WebView2"));
            Assert.Equal(string.Empty, step.JournalPath);
            Assert.Contains(s.Machine.CommandRunner.Calls, c => c.Contains(installer) && c.EndsWith("/silent /install"));
            Assert.Equal(RepairOutcome.Fixed, Summary(result).Outcome);

            // The decision is on record before the outcome.
            var log = File.ReadAllLines(new MachineLog(s.Machine).FilePath).Where(l => l.Contains("WebView2 Runtime install")).ToList();
            Assert.Equal(2, log.Count);
            Assert.Contains("running '" + installer + " /silent /install' because Fail Teams.WebView2", log[0]);
            Assert.Contains(": Done (", log[1]);

            var again = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", installer);

            Assert.DoesNotContain(again.Objects<TeamsRepairStep>(), x => x.Step == RepairStepName.WebView2Install);
            Assert.Equal(RepairOutcome.NothingToFix, Summary(again).Outcome);
            Assert.Equal(1, InstallerCalls(s));
        }

        [Fact]
        public void AHealthyRuntimeRunsNoInstallerEvenWithAPath()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s);
            s.Pc.WebView2Runtime(SimulatedPc.DefaultWebView2Version);
            InstallerWorks(s, installer);

            var result = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", installer);

            Assert.Empty(result.Objects<TeamsRepairStep>());
            Assert.Equal(RepairOutcome.NothingToFix, Summary(result).Outcome);
            Assert.Equal(0, InstallerCalls(s));
        }

        [Fact]
        public void APerUserOnlyRuntimeIsInstalledForTheWholePc()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s, out var alice);
            s.Pc.WebView2RuntimeForUser(alice, "131.0.2903.70");
            InstallerWorks(s, installer);

            var result = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", installer);

            var step = Step(result);
            Assert.Contains(step.Before, b => b.StartsWith("Warning Teams.WebView2"));
            Assert.Equal(RepairStepStatus.Done, step.Status);
            Assert.Contains(step.After, a => a.StartsWith("Pass Teams.WebView2"));
            var machineVersion = s.Machine.SimulatedRegistry.GetValue(MachineRuntime, WebView2Checks.VersionValue);
            Assert.Equal(SimulatedPc.DefaultWebView2Version, machineVersion!.AsString);
        }

        [Fact]
        public void APathThatIsNotMicrosoftsSignedLocalExeFileIsRefusedWithItsIdBeforeAnythingRuns()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s);
            InstallerWorks(s, installer);
            var link = Path.Combine(s.Machine.RootFolder, "linked.exe");
            File.CreateSymbolicLink(link, installer);
            var cab = Path.Combine(s.Machine.RootFolder, "Microsoft.WebView2.FixedVersionRuntime.cab");
            File.WriteAllText(cab, "MSCF");
            var unsigned = Path.Combine(s.Machine.RootFolder, "Downloads", "MicrosoftEdgeWebview2Setup.exe");
            Directory.CreateDirectory(Path.GetDirectoryName(unsigned)!);
            File.WriteAllText(unsigned, "MZ");
            var otherPublisher = Path.Combine(s.Machine.RootFolder, "Tools", "MicrosoftEdgeWebview2Setup.exe");
            Directory.CreateDirectory(Path.GetDirectoryName(otherPublisher)!);
            File.WriteAllText(otherPublisher, "MZ");
            s.Machine.SimulatedSignatures.SignedBy(otherPublisher, "CN=Contoso Tools, O=Contoso");
            var before = TreeSnapshot.Take(s.Machine.RootFolder);

            var web = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath https://go.microsoft.com/fwlink/p/?LinkId=2124703");
            var missing = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", Path.Combine(s.Machine.RootFolder, "none.exe"));
            var folder = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", s.Machine.RootFolder);
            var linked = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", link);
            var notExe = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", cab);
            var notSigned = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", unsigned);
            var notMicrosoft = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", otherPublisher);

            Assert.Equal("WebView2InstallerNotLocal," + Cmd, web.TerminatingErrorId);
            Assert.Equal("WebView2InstallerNotFound," + Cmd, missing.TerminatingErrorId);
            Assert.Equal("WebView2InstallerNotFound," + Cmd, folder.TerminatingErrorId);
            Assert.Equal("WebView2InstallerIsLink," + Cmd, linked.TerminatingErrorId);
            Assert.Equal("WebView2InstallerNotExecutable," + Cmd, notExe.TerminatingErrorId);
            Assert.Equal("WebView2InstallerNotTrusted," + Cmd, notSigned.TerminatingErrorId);
            Assert.Contains("TRUST_E_NOSIGNATURE", notSigned.Terminating!.Message);
            Assert.Equal("WebView2InstallerNotTrusted," + Cmd, notMicrosoft.TerminatingErrorId);
            Assert.Contains("signed by CN=Contoso Tools", notMicrosoft.Terminating!.Message);
            Assert.Equal(0, InstallerCalls(s));
            Assert.Equal(before, TreeSnapshot.Take(s.Machine.RootFolder));
            Assert.Null(s.Machine.SimulatedRegistry.GetValue(MachineRuntime, WebView2Checks.VersionValue));
        }

        [Fact]
        public void AnInstallerSwappedAfterTheCommandCheckedItIsJudgedAgainAndNotRun()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s);
            InstallerWorks(s, installer);

            // While the diagnosis runs (dsregcmd), the file on the share is replaced by one whose signature no longer holds.
            s.Machine.CommandRunner.RecordWithEffect("dsregcmd", CommandResult.Completed(0, Fixture.Text("dsregcmd-status.txt")), "/status",
                () => s.Machine.SimulatedSignatures.Declare(installer, new FileSignature(FileSignatureVerdict.NotTrusted,
                    "it was changed after it was signed (TRUST_E_BAD_DIGEST, 0x80096010)")));

            var result = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", installer);

            Assert.Null(result.Terminating);
            var step = Step(result);
            Assert.Equal(RepairStepStatus.Failed, step.Status);
            Assert.Contains("TRUST_E_BAD_DIGEST", step.Detail);
            Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId == "WebView2InstallerNotTrusted," + Cmd);
            Assert.Equal(0, InstallerCalls(s));
            Assert.Null(s.Machine.SimulatedRegistry.GetValue(MachineRuntime, WebView2Checks.VersionValue));
        }

        [Fact]
        public void WhatIfSaysWhatWouldRunAndChangesNothing()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s);
            InstallerWorks(s, installer);
            var before = TreeSnapshot.Take(s.Machine.RootFolder);

            var result = s.Run("Repair-TeamsCaa20002 -WhatIf -WebView2InstallerPath $args[0]", installer);

            var step = Step(result);
            Assert.Equal(RepairStepStatus.WhatIf, step.Status);
            Assert.Contains(installer + " /silent /install", step.Action);
            Assert.Contains("not undone by Undo-TeamsRemediation", step.Cost);
            Assert.Equal(0, InstallerCalls(s));
            Assert.Null(s.Machine.SimulatedRegistry.GetValue(MachineRuntime, WebView2Checks.VersionValue));
            Assert.Equal(before, TreeSnapshot.Take(s.Machine.RootFolder));
        }

        [Fact]
        public void AFailingInstallerIsAFailedStepWithItsExitCodeAndTheRuntimeStillMissing()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s);
            s.Machine.CommandRunner.Record(installer, CommandResult.Completed(unchecked((int)0x80040C01), string.Empty), "^/silent /install$");

            var result = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", installer);

            var step = Step(result);
            Assert.Equal(RepairStepStatus.Failed, step.Status);
            Assert.Contains("exited 0x80040C01", step.Detail);
            Assert.Equal("RepairStepFailed," + Cmd, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal(RepairOutcome.NotFixed, Summary(result).Outcome);
        }

        [Fact]
        public void WhenTheRecordCannotBeWrittenTheInstallerDoesNotRun()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s);
            InstallerWorks(s, installer);
            // The protected log folder as the module makes it, with a folder where the log file belongs: no line can be appended.
            TeamsRemediation.FileSystem.ProtectedFolder.EnsureAdministratorsOnly(s.Machine, MachineLog.FolderName);
            Directory.CreateDirectory(new MachineLog(s.Machine).FilePath);

            var result = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", installer);

            var step = Step(result);
            Assert.Equal(RepairStepStatus.Failed, step.Status);
            Assert.Contains("machine log could not be written", step.Detail);
            Assert.Equal(0, InstallerCalls(s));
            Assert.Null(s.Machine.SimulatedRegistry.GetValue(MachineRuntime, WebView2Checks.VersionValue));
        }

        [Fact]
        public void WithoutElevationTheInstallerIsNotRunBecauseItWouldInstallForOneUserOnly()
        {
            using var s = new SimulatedSession();
            var installer = NoRuntime(s, out var alice);
            InstallerWorks(s, installer);
            s.Pc.RunAs(alice, elevated: false);

            var result = s.Run("Repair-TeamsCaa20002 -Force -WebView2InstallerPath $args[0]", installer);

            var step = Step(result);
            Assert.Equal(RepairStepStatus.Failed, step.Status);
            Assert.Contains("run elevated or as SYSTEM", step.Detail);
            Assert.Equal(0, InstallerCalls(s));
        }
    }
}
