using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>Repair-TeamsCaa20002 in a real engine against simulated PCs broken one way each.</summary>
    public sealed class RepairTeamsCaa20002Tests
    {
        private const string Cmd = "TeamsRemediation.Commands.RepairTeamsCaa20002Command";

        private static TeamsRepairSummary Summary(ScriptResult result) => Assert.IsType<TeamsRepairSummary>(result.Output.Last().BaseObject);

        private static TeamsRepairStep Step(ScriptResult result, RepairStepName name) =>
            Assert.Single(result.Objects<TeamsRepairStep>(), s => s.Step == name);

        /// <summary>Microsoft's teamsbootstrapper.exe on the PC's disk, validly signed, answering -p with <paramref name="answer"/>.</summary>
        private static string MicrosoftBootstrapper(SimulatedSession s, CommandResult answer)
        {
            var bootstrapper = Path.Combine(s.Machine.RootFolder, "teamsbootstrapper.exe");
            File.WriteAllText(bootstrapper, "MZ");
            s.Machine.SimulatedSignatures.SignedByMicrosoft(bootstrapper);
            s.Machine.CommandRunner.Record(bootstrapper, answer, "-p");
            return bootstrapper;
        }

        [Fact]
        public void AHealthyPcHasNothingToFixAndGetsOnlyTheSummary()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            var summary = Assert.IsType<TeamsRepairSummary>(Assert.Single(result.Output).BaseObject);
            Assert.Equal(RepairOutcome.NothingToFix, summary.Outcome);
            Assert.Equal(0, summary.ExitCode);
            Assert.Empty(summary.ProblemsBefore);
        }

        [Fact]
        public void TlsOffIsTurnedBackOnTheCheckPassesAfterAndTheRestartIsCarriedIntoTheExitCode()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            Assert.Null(result.Terminating);
            var tls = Step(result, RepairStepName.Tls);
            Assert.Equal(RepairStepStatus.Done, tls.Status);
            Assert.Equal(RepairRung.Machine, tls.Rung);
            Assert.Contains(tls.Before, b => b.StartsWith("Fail Tls.Schannel"));
            Assert.Contains(tls.After, a => a.StartsWith("Pass Tls.Schannel"));
            Assert.True(tls.RebootRequired);
            Assert.StartsWith("writes ", tls.Cost);
            Assert.Equal(1u, s.Machine.SimulatedRegistry.GetValue(BrokenPc.SchannelClient, "Enabled")!.AsDWord);
            Assert.True(File.Exists(tls.JournalPath));
            var summary = Summary(result);
            Assert.Equal(RepairOutcome.NeedsReboot, summary.Outcome);
            Assert.Equal(2, summary.ExitCode);
            Assert.Equal(new[] { tls.JournalPath }, summary.JournalPaths);
            Assert.Contains(result.Warnings, w => w.StartsWith("Restart the computer"));

            // Restorable: the journal puts the disable back.
            var undo = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", tls.JournalPath);
            Assert.Empty(undo.Errors);
            Assert.Equal(0u, s.Machine.SimulatedRegistry.GetValue(BrokenPc.SchannelClient, "Enabled")!.AsDWord);
        }

        [Fact]
        public void WhatIfListsEveryStepWithItsCostAndChangesNothing()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            BrokenPc.AadError(s, alice, "CAA20002");
            var before = TreeSnapshot.Take(s.Machine.RootFolder);

            var result = s.Run("Repair-TeamsCaa20002 -WhatIf");

            Assert.Null(result.Terminating);
            var steps = result.Objects<TeamsRepairStep>().ToList();
            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.Tls, RepairStepName.CacheLight }, steps.Select(x => x.Step));
            Assert.All(steps.Where(x => x.Step != RepairStepName.EvidenceCopy), x => Assert.Equal(RepairStepStatus.WhatIf, x.Status));
            Assert.Contains("removes ", Step(result, RepairStepName.CacheLight).Cost);
            Assert.Contains("keeps backgrounds", Step(result, RepairStepName.CacheLight).Cost);
            Assert.Equal(0u, s.Machine.SimulatedRegistry.GetValue(BrokenPc.SchannelClient, "Enabled")!.AsDWord);
            Assert.True(Directory.Exists(BrokenPc.GpuCache(alice)));
            Assert.Equal(before, TreeSnapshot.Take(s.Machine.RootFolder));
            Assert.Equal(RepairOutcome.WhatIf, Summary(result).Outcome);
        }

        [Fact]
        public void AClassicOnlyUserIsHandedToTheAdminWithNoChange()
        {
            using var s = new SimulatedSession();
            var bob = BrokenPc.ClassicOnly(s);
            BrokenPc.Healthy(s);
            var before = TreeSnapshot.Take(s.Machine.UsersFolder);

            var result = s.Run("Repair-TeamsCaa20002 -UserName bob -Force");

            var reinstall = Step(result, RepairStepName.Reinstall);
            Assert.Equal(RepairStepStatus.NeedsAdmin, reinstall.Status);
            Assert.Contains("-BootstrapperPath", reinstall.Detail);
            Assert.Contains(reinstall.Before, b => b.StartsWith("Fail Teams.Client " + bob.UserName));
            var summary = Summary(result);
            Assert.True(RepairOutcome.NeedsAdmin == summary.Outcome, string.Join("\n", summary.ProblemsAfter));
            Assert.Equal(3, summary.ExitCode);
            Assert.Equal(before, TreeSnapshot.Take(s.Machine.UsersFolder));
        }

        [Fact]
        public void ABootstrapperOnTheWebIsRefusedBeforeAnythingRuns()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);

            var web = s.Run("Repair-TeamsCaa20002 -Force -BootstrapperPath https://go.microsoft.com/fwlink/?linkid=2243204");
            var missing = s.Run("Repair-TeamsCaa20002 -Force -BootstrapperPath $args[0]", Path.Combine(s.Machine.RootFolder, "none.exe"));
            var msix = Path.Combine(s.Machine.RootFolder, "MSTeams-x64.msix");
            File.WriteAllText(msix, "PK");
            var notExe = s.Run("Repair-TeamsCaa20002 -Force -BootstrapperPath $args[0]", msix);

            Assert.Equal("BootstrapperNotLocal," + Cmd, web.TerminatingErrorId);
            Assert.Equal("BootstrapperNotFound," + Cmd, missing.TerminatingErrorId);
            Assert.Equal("BootstrapperNotExecutable," + Cmd, notExe.TerminatingErrorId);
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("bootstrapper", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void ABootstrapperThatIsALinkOrNotMicrosoftsIsRefusedBeforeAnythingRuns()
        {
            using var s = new SimulatedSession();
            BrokenPc.ClassicOnly(s);
            BrokenPc.Healthy(s);
            var signed = Path.Combine(s.Machine.RootFolder, "teamsbootstrapper.exe");
            File.WriteAllText(signed, "MZ");
            s.Machine.SimulatedSignatures.SignedByMicrosoft(signed);
            var link = Path.Combine(s.Machine.RootFolder, "Public", "teamsbootstrapper.exe");
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, signed);
            var unsigned = Path.Combine(s.Machine.RootFolder, "Downloads", "teamsbootstrapper.exe");
            Directory.CreateDirectory(Path.GetDirectoryName(unsigned)!);
            File.WriteAllText(unsigned, "MZ");
            var otherPublisher = Path.Combine(s.Machine.RootFolder, "Tools", "teamsbootstrapper.exe");
            Directory.CreateDirectory(Path.GetDirectoryName(otherPublisher)!);
            File.WriteAllText(otherPublisher, "MZ");
            s.Machine.SimulatedSignatures.SignedBy(otherPublisher, "CN=Contoso Tools, O=Contoso");
            var before = TreeSnapshot.Take(s.Machine.RootFolder);

            var linked = s.Run("Repair-TeamsCaa20002 -UserName bob -Force -BootstrapperPath $args[0]", link);
            var notSigned = s.Run("Repair-TeamsCaa20002 -UserName bob -Force -BootstrapperPath $args[0]", unsigned);
            var notMicrosoft = s.Run("Repair-TeamsCaa20002 -UserName bob -Force -BootstrapperPath $args[0]", otherPublisher);

            Assert.Equal("BootstrapperIsLink," + Cmd, linked.TerminatingErrorId);
            Assert.Equal("BootstrapperNotTrusted," + Cmd, notSigned.TerminatingErrorId);
            Assert.Contains("TRUST_E_NOSIGNATURE", notSigned.Terminating!.Message);
            Assert.Equal("BootstrapperNotTrusted," + Cmd, notMicrosoft.TerminatingErrorId);
            Assert.Contains("signed by CN=Contoso Tools", notMicrosoft.Terminating!.Message);
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("bootstrapper", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(before, TreeSnapshot.Take(s.Machine.RootFolder));
        }

        [Fact]
        public void ABootstrapperSwappedAfterTheCommandCheckedItIsJudgedAgainAndNotRun()
        {
            using var s = new SimulatedSession();
            BrokenPc.ClassicOnly(s);
            BrokenPc.Healthy(s);
            var bootstrapper = MicrosoftBootstrapper(s, CommandResult.Completed(0, "{ \"success\": true }"));

            // While the diagnosis runs (dsregcmd), the file on the share is replaced by one whose signature no longer holds.
            s.Machine.CommandRunner.RecordWithEffect("dsregcmd", CommandResult.Completed(0, Fixture.Text("dsregcmd-status.txt")), "/status",
                () => s.Machine.SimulatedSignatures.Declare(bootstrapper, new FileSignature(FileSignatureVerdict.NotTrusted,
                    "it was changed after it was signed (TRUST_E_BAD_DIGEST, 0x80096010)")));

            var result = s.Run("Repair-TeamsCaa20002 -UserName bob -Force -BootstrapperPath $args[0]", bootstrapper);

            Assert.Null(result.Terminating);
            var reinstall = Step(result, RepairStepName.Reinstall);
            Assert.Equal(RepairStepStatus.Failed, reinstall.Status);
            Assert.Contains("TRUST_E_BAD_DIGEST", reinstall.Detail);
            Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId == "BootstrapperNotTrusted," + Cmd);
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.Contains("teamsbootstrapper.exe -p"));
        }

        [Fact]
        public void WithTheBootstrapperTheClassicOnlyUserGetsNewTeamsProvisionedAndSignsInNext()
        {
            using var s = new SimulatedSession();
            var bob = BrokenPc.ClassicOnly(s);
            BrokenPc.Healthy(s);
            var bootstrapper = MicrosoftBootstrapper(s, CommandResult.Completed(0, "{\r\n  \"success\": true\r\n}\r\n"));

            var result = s.Run("Repair-TeamsCaa20002 -UserName bob -Force -BootstrapperPath $args[0]", bootstrapper);

            var reinstall = Step(result, RepairStepName.Reinstall);
            Assert.Equal(RepairStepStatus.Done, reinstall.Status);
            Assert.Contains("exited 0, success true", reinstall.Detail);
            Assert.Contains(s.Machine.CommandRunner.Calls, c => c.Contains("teamsbootstrapper.exe") && c.EndsWith("-p"));
            Assert.Equal(RepairOutcome.NeedsUser, Summary(result).Outcome);
        }

        [Fact]
        public void AFailingBootstrapperIsAFailedStepWithItsErrorCodeAndANotFixedRepair()
        {
            using var s = new SimulatedSession();
            BrokenPc.ClassicOnly(s);
            BrokenPc.Healthy(s);
            var bootstrapper = MicrosoftBootstrapper(s, CommandResult.Completed(1, "{ \"success\": false, \"errorCode\": \"0x80004001\" }"));

            var result = s.Run("Repair-TeamsCaa20002 -UserName bob -Force -BootstrapperPath $args[0]", bootstrapper);

            var reinstall = Step(result, RepairStepName.Reinstall);
            Assert.Equal(RepairStepStatus.Failed, reinstall.Status);
            Assert.Contains("error 0x80004001", reinstall.Detail);
            Assert.Equal("RepairStepFailed," + Cmd, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal(RepairOutcome.NotFixed, Summary(result).Outcome);
            Assert.Equal(1, Summary(result).ExitCode);
        }

        [Fact]
        public void FindingsFromThePipelineAreRepairedWithoutASecondDiagnosis()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);

            var result = s.Run("Test-TeamsCaa20002 -CheckId Tls.* | Repair-TeamsCaa20002 -Force");

            Assert.Null(result.Terminating);
            Assert.Equal(RepairStepStatus.Done, Step(result, RepairStepName.Tls).Status);
            Assert.Equal(RepairOutcome.NeedsReboot, Summary(result).Outcome);
        }

        [Fact]
        public void AsLineIsOneLineOfAtMost2048CharactersWithTheOutcomeAndExitCode()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);

            var result = s.Run("Repair-TeamsCaa20002 -Force -As Line");

            var line = Assert.IsType<string>(Assert.Single(result.Output).BaseObject);
            Assert.StartsWith("CAA20002/1 Repair PC01 NeedsReboot exit=2 dropped=0 restart=yes ", line);
            Assert.Contains(" | Step Machine/Tls - - - status=Done", line);
            Assert.True(line.Length <= 2048);
            Assert.DoesNotContain("\n", line);
        }

        [Fact]
        public void WithoutForceAHostThatCannotAskStopsBeforeAnyChange()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);

            var result = s.Run("Repair-TeamsCaa20002");

            Assert.Equal("ConfirmationNeedsForce," + Cmd, result.TerminatingErrorId);
            Assert.Equal(0u, s.Machine.SimulatedRegistry.GetValue(BrokenPc.SchannelClient, "Enabled")!.AsDWord);
        }

        [Fact]
        public void ClockSkewIsResyncedThroughTheWindowsTimeServiceAndTheClockCheckPasses()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.ClockSkew(s);

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            var clock = Step(result, RepairStepName.ClockResync);
            Assert.Equal(RepairStepStatus.Done, clock.Status);
            Assert.StartsWith("no one is signed out", clock.Cost);
            Assert.Contains(clock.After, a => a.StartsWith("Pass Network.ClockSkew"));
            Assert.Contains(s.Machine.CommandRunner.Calls, c => c.Contains("w32tm") && c.EndsWith("/resync"));
            Assert.Equal(RepairOutcome.Fixed, Summary(result).Outcome);
            Assert.Equal(0, Summary(result).ExitCode);
        }

        [Fact]
        public void ACachedFailedLookupIsFlushedAndTheEndpointsAnswerAgain()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            s.Machine.SimulatedNetwork.CacheFailedLookup("login.microsoftonline.com");

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            var dns = Step(result, RepairStepName.DnsFlush);
            Assert.Equal(RepairStepStatus.Done, dns.Status);
            Assert.Contains(dns.Before, b => b.StartsWith("Fail Network.Endpoint") && b.Contains("name not resolved"));
            Assert.Contains(dns.After, a => a.StartsWith("Pass Network.Endpoint"));
            Assert.Equal(RepairOutcome.Fixed, Summary(result).Outcome);
        }

        [Fact]
        public void AStaleCacheIsClearedLightlyAfterItsEvidenceIsCopiedIntoTheReportFolder()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20002");

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            Assert.Null(result.Terminating);
            var steps = result.Objects<TeamsRepairStep>().ToList();
            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.CacheLight }, steps.Select(x => x.Step));
            var evidence = steps[0];
            Assert.Equal(RepairStepStatus.Done, evidence.Status);
            Assert.Contains(Directory.GetFiles(evidence.ReportPath, "*", SearchOption.AllDirectories),
                f => Path.GetFileName(f) == alice.NewTeamsLogName);
            Assert.Equal(RepairStepStatus.Done, steps[1].Status);
            Assert.False(File.Exists(Path.Combine(BrokenPc.GpuCache(alice), "data_0")));
            Assert.True(File.Exists(BrokenPc.Background(alice)));
            var summary = Summary(result);
            Assert.Equal(RepairOutcome.Fixed, summary.Outcome);
            Assert.Equal(evidence.ReportPath, summary.ReportPath);
            Assert.Contains(steps[1].JournalPath, summary.JournalPaths);

            // The backup lives in Alice's profile: logged off, SYSTEM refuses to restore it (logged on, it runs in her session);
            // Alice restores it in her own session.
            s.Machine.UserDirectory.RemoveSessions(alice.Sid);
            var asSystem = s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", steps[1].JournalPath);
            Assert.Equal("JournalUntrusted,TeamsRemediation.Commands.UndoTeamsRemediationCommand",
                Assert.Single(asSystem.Errors).FullyQualifiedErrorId);
            s.Pc.RunAs(alice, elevated: false);
            Assert.Empty(s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", steps[1].JournalPath).Errors);
            Assert.True(File.Exists(Path.Combine(BrokenPc.GpuCache(alice), "data_0")));
        }

        [Fact]
        public void ATenantOwnedCodeChangesNothingAndLeavesTheAdminPackInTheReportFolder()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003 correlation 5f0c2a91-3b7e-4d2c-9a61-0d4b8e2f7c11");
            var before = TreeSnapshot.Take(s.Machine.UsersFolder);

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            var pack = Step(result, RepairStepName.AdminPack);
            Assert.Equal(RepairStepStatus.NeedsAdmin, pack.Status);
            var file = Path.Combine(pack.ReportPath, "admin-pack.txt");
            Assert.True(File.Exists(file));
            Assert.Contains("AADSTS53003", File.ReadAllText(file));
            var packObject = Assert.Single(result.Objects<TeamsRemediation.Repair.AdminPack>());
            Assert.Equal(file, packObject.FilePath);
            Assert.Contains(packObject.Codes, c => c.StartsWith("AADSTS53003: ", StringComparison.Ordinal));
            Assert.Contains("AADSTS53003", Assert.Single(packObject.Failures));
            Assert.Equal(new[] { RepairStepName.EvidenceCopy, RepairStepName.AdminPack }, result.Objects<TeamsRepairStep>().Select(x => x.Step));
            Assert.Equal(before, TreeSnapshot.Take(s.Machine.UsersFolder));
            Assert.Equal(3, Summary(result).ExitCode);
        }

        [Fact]
        public void WamDisabledByAPolicyValueIsRemovedJournaledAndASessionThatDoesNotAnswerIsAFailedStep()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.WamDisabledByPolicy(alice);
            var identity = alice.HiveKey(TeamsRemediation.Account.AccountLayout.IdentityKeyPath);

            // Alice's session starts the task but writes no result (as a session that is logged off meanwhile would).
            var result = s.Run("Repair-TeamsCaa20002 -Force");

            var reset = Step(result, RepairStepName.AccountReset);
            Assert.Equal(RepairStepStatus.Failed, reset.Status);
            Assert.Contains("WamOverrides Done: Removed DisableAADWAM", reset.Detail);
            Assert.Contains("WamAccounts Failed", reset.Detail);
            Assert.Contains(s.Machine.TaskScheduler.Runs, r => r.UserSid == alice.Sid);
            Assert.Contains(reset.After, a => a.StartsWith("Pass Account.WamPolicy"));
            Assert.Null(s.Machine.SimulatedRegistry.GetValue(identity, "DisableAADWAM"));
            Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId == "RepairStepFailed," + Cmd);

            // The removed value is journaled: Undo puts it back.
            Assert.True(File.Exists(reset.JournalPath));
            Assert.Empty(s.Run("Undo-TeamsRemediation -Journal $args[0] -Force", reset.JournalPath).Errors);
            Assert.Equal(1u, s.Machine.SimulatedRegistry.GetValue(identity, "DisableAADWAM")!.AsDWord);
        }
    }
}
