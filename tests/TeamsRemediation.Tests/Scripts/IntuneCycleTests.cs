using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Answers;
using TeamsRemediation.Platform;
using TeamsRemediation.Demo;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Scripts.DeploymentScriptTests;

namespace TeamsRemediation.Tests.Scripts
{
    /// <summary>
    /// The whole cycle as Intune and ConfigMgr run it, the shipped scripts unmodified (only their Import-Module line points at the
    /// built module), as SYSTEM, on a PC broken one way each: detect, remediate, detect (Intune), discover, remediate, discover
    /// (ConfigMgr). The detection after a repair says fixed wherever the PC's part was fixed, and a second remediation does nothing.
    /// </summary>
    public sealed class IntuneCycleTests
    {
        internal static readonly string Detect = Path.Combine("scripts", "Intune", "Detect-TeamsCaa20002.ps1");
        internal static readonly string Remediate = Path.Combine("scripts", "Intune", "Remediate-TeamsCaa20002.ps1");
        internal static readonly string Discover = Path.Combine("scripts", "ConfigMgr", "Discover-TeamsCaa20002.ps1");
        internal static readonly string Remediate2 = Path.Combine("scripts", "ConfigMgr", "Remediate-TeamsCaa20002.ps1");

        /// <summary>The ways the PC is broken, each alone; Alice is logged on and Intune runs as SYSTEM.</summary>
        internal static void Break(string how, SimulatedSession s, SimulatedUser alice)
        {
            switch (how)
            {
                case "StaleCache":
                    // CAA20002 two hours ago in event 1098 and in the Teams log, beside a cache: the demo's broken PC.
                    alice.AddNewTeamsCache();
                    BrokenPc.AadError(s, alice, "CAA20002", "AADSTS90014");
                    BrokenPc.TeamsLogError(s, alice, "CAA20002", TimeSpan.FromHours(2));
                    break;
                case "TlsOff":
                    BrokenPc.TlsOff(s);
                    BrokenPc.AadError(s, alice, "CAA82F7D");
                    break;
                case "WamDisabled":
                    BrokenPc.WamDisabledByPolicy(alice);
                    new UserSessionPlayer(s.Machine, alice).Play(s.Machine);
                    break;
                case "ClockSkew":
                    BrokenPc.ClockSkew(s);
                    BrokenPc.AadError(s, alice, "CAA20003");
                    break;
                case "DnsFailure":
                    BrokenPc.DnsFailure(s);
                    break;
                case "CaBlock":
                    BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003");
                    break;
                case "Healthy":
                    break;
                default:
                    throw new ArgumentException(how);
            }
        }

        private static SimulatedSession BrokenOneWay(string how, out SimulatedUser alice)
        {
            var s = new SimulatedSession();
            alice = BrokenPc.Healthy(s);
            Break(how, s, alice);
            return s;
        }

        [Theory]
        [InlineData("StaleCache", 1, 0, 0)]
        [InlineData("TlsOff", 1, 2, 0)]
        [InlineData("WamDisabled", 1, 0, 0)]
        [InlineData("ClockSkew", 1, 0, 0)]
        [InlineData("DnsFailure", 1, 1, 1)]
        [InlineData("CaBlock", 1, 3, 1)]
        [InlineData("Healthy", 0, 0, 0)]
        public void TheIntuneOrderDetectRemediateDetectSaysFixedWhereThePcsPartWasFixed(string how, int detected, int remediated,
            int detectedAfter)
        {
            using var s = BrokenOneWay(how, out var alice);

            var before = Run(s.Shell, Detect);
            var repair = Run(s.Shell, Remediate);
            var after = Run(s.Shell, Detect);

            Assert.Equal(detected, before.ExitCode);
            Assert.Equal(remediated, repair.ExitCode);
            Assert.True(detectedAfter == after.ExitCode, how + ": " + after.LastLine);
            Assert.InRange(after.LastLine.Length, 1, 2048);
            if (how == "CaBlock")
            {
                // The tenant's: still NonCompliant after the repair, and the line says whose it is.
                var line = TeamsRemediation.Lines.SummaryLine.Parse(after.LastLine);
                Assert.Contains(line.Items, i => i.Status == "Warning" && i.CheckId == "Evidence.AadEvents" && i.Owner == "TenantAdmin"
                    && i.Code == "AADSTS53003" && i.User == alice.UserName);
            }
        }

        [Theory]
        [InlineData("StaleCache", 0)]
        [InlineData("TlsOff", 0)]
        [InlineData("ClockSkew", 0)]
        [InlineData("DnsFailure", 1)]
        [InlineData("CaBlock", 1)]
        [InlineData("Healthy", 0)]
        public void TheConfigMgrOrderDiscoverRemediateDiscoverSaysCompliantWhereThePcsPartWasFixed(string how, int stillBroken)
        {
            using var s = BrokenOneWay(how, out _);

            var before = Run(s.Shell, Discover);
            Run(s.Shell, Remediate2, mayThrow: true);
            var after = Run(s.Shell, Discover);

            Assert.Equal(how == "Healthy" ? "Compliant" : "NonCompliant", before.LastLine == "Compliant" ? "Compliant" : "NonCompliant");
            Assert.Equal(stillBroken == 0, after.LastLine == "Compliant");
        }

        [Theory]
        [InlineData("StaleCache")]
        [InlineData("TlsOff")]
        [InlineData("WamDisabled")]
        [InlineData("ClockSkew")]
        public void ARemediationRunAgainOnAFixedPcIsANoOpThatOnlyReads(string how)
        {
            using var s = BrokenOneWay(how, out var alice);
            Run(s.Shell, Remediate);
            var second = Run(s.Shell, Remediate);
            var files = WithoutTheModuleLog(TreeSnapshot.Take(s.Machine.RootFolder));
            var registry = s.Machine.SimulatedRegistry.Export();
            var writes = s.Machine.SimulatedRegistry.WriteCount;
            var tasks = s.Machine.TaskScheduler.Runs.Count;
            var started = s.Machine.ProcessTable.Started.Count;
            var processes = s.Machine.ProcessTable.List().Count;

            var third = Run(s.Shell, Remediate);

            Assert.Equal(0, second.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 NothingToFix exit=0 dropped=0 restart=no report=- || no step", second.LastLine);
            Assert.Equal(0, third.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 NothingToFix exit=0 dropped=0 restart=no report=- || no step", third.LastLine);
            Assert.Equal(files, WithoutTheModuleLog(TreeSnapshot.Take(s.Machine.RootFolder)));
            Assert.Equal(registry, s.Machine.SimulatedRegistry.Export());
            Assert.Equal(writes, s.Machine.SimulatedRegistry.WriteCount);
            Assert.Equal(started, s.Machine.ProcessTable.Started.Count);
            Assert.Equal(processes, s.Machine.ProcessTable.List().Count);

            // What the diagnosis reads in Alice's own session: one read-only task, gone again.
            var read = Assert.Single(s.Machine.TaskScheduler.Runs.Skip(tasks));
            Assert.Equal((alice.Sid, "Test-TeamsCaa20002"), (read.UserSid, read.Parameter("CommandName")));
            Assert.Empty(s.Machine.TaskScheduler.Present);
        }

        [Fact]
        public void ARemediationWithSkipUserSessionRegistersNoTask()
        {
            using var s = BrokenOneWay("StaleCache", out _);
            Run(s.Shell, Remediate);
            var tasks = s.Machine.TaskScheduler.Runs.Count;

            var line = s.Run("Repair-TeamsCaa20002 -SkipNetwork -SkipUserSession -Force -As Line").Output.Single().BaseObject.ToString();

            Assert.StartsWith("CAA20002/1 Repair PC01 NothingToFix exit=0", line);
            Assert.Equal(tasks, s.Machine.TaskScheduler.Runs.Count);
        }

        /// <summary>The module's own log grows with every run, reads included; everything else on the PC is compared.</summary>
        private static System.Collections.Generic.SortedDictionary<string, string> WithoutTheModuleLog(
            System.Collections.Generic.SortedDictionary<string, string> files)
        {
            files.Remove(Path.Combine("ProgramData", "TeamsRemediation", "Logs", "TeamsRemediation.log"));
            return files;
        }

        [Fact]
        public void ATenantOwnedBlockStaysTheAdminsAndTheRemediationRunAgainRepeatsNoWork()
        {
            using var s = BrokenOneWay("CaBlock", out var alice);
            var first = Run(s.Shell, Remediate);
            var files = WithoutTheModuleLog(TreeSnapshot.Take(s.Machine.RootFolder));

            var second = Run(s.Shell, Remediate);
            var line = TeamsRemediation.Lines.SummaryLine.Parse(second.LastLine);

            Assert.Equal(3, first.ExitCode);
            Assert.Equal(3, second.ExitCode);
            Assert.Equal("NeedsAdmin", line.State);
            Assert.Equal(TeamsRemediation.Lines.SummaryLine.Parse(first.LastLine).ReportPath, line.ReportPath);
            Assert.Equal(new[] { "NothingThePcCanFix/AdminPack" }, line.Items.Where(i => i.Status == "Step").Select(i => i.CheckId));
            Assert.Equal("NeedsAdmin", line.Items.Single(i => i.Status == "Step")["status"]);
            Assert.Contains(line.Items, i => i.Owner == "TenantAdmin" && i.User == alice.UserName);
            Assert.Equal(files, WithoutTheModuleLog(TreeSnapshot.Take(s.Machine.RootFolder)));

            // A problem that was not handed over (a new code) is: a new evidence copy and a new pack.
            BrokenPc.AadError(s, alice, "CAA2000C", "AADSTS50076");
            var third = TeamsRemediation.Lines.SummaryLine.Parse(Run(s.Shell, Remediate).LastLine);
            Assert.NotEqual(line.ReportPath, third.ReportPath);
            Assert.Contains(third.Items, i => i.CheckId == "Evidence/EvidenceCopy" && i["status"] == "Done");
        }

        [Fact]
        public void TheCacheIsNeverClearedTwiceForTheSameEvidence()
        {
            using var s = BrokenOneWay("StaleCache", out var alice);
            var lightClears = Path.Combine(alice.Folders.LocalAppData, "TeamsRemediation", "Backups", "LightClear");

            Run(s.Shell, Remediate);
            var afterFirst = Directory.GetDirectories(lightClears).Length;
            alice.AddNewTeamsCache();
            Run(s.Shell, Remediate);

            Assert.Equal(1, afterFirst);
            Assert.Single(Directory.GetDirectories(lightClears));
        }

        [Fact]
        public void TheDetectionAfterTheRepairSaysWhatWasAnsweredAndWhen()
        {
            using var s = BrokenOneWay("StaleCache", out var alice);

            Run(s.Shell, Remediate);
            var after = Run(s.Shell, Detect);
            var findings = s.Run("Test-TeamsCaa20002 -SkipNetwork").Objects<TeamsCaa20002Finding>().ToList();

            Assert.Equal(0, after.ExitCode);
            Assert.Contains("CAA20002", after.LastLine);
            Assert.Contains("Repair-TeamsCaa20002", after.LastLine);
            var events = findings.Single(f => f.CheckId == "Evidence.AadEvents");
            Assert.Equal(FindingStatus.Pass, events.Status);
            var answered = Assert.Single(events.Answered);
            Assert.StartsWith("CAA20002 at ", answered);
            Assert.Contains(" answered by Repair-TeamsCaa20002 Cache/CacheLight at ", answered);
            Assert.Contains(", report ", answered);
            Assert.Contains(events.Evidence, e => e.StartsWith("Not counted: CAA20002 at ", StringComparison.Ordinal));
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == "Teams.Cache").Status);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == "Evidence.TeamsLogs").Status);
            Assert.Equal(alice.UserName, events.User);
        }

        [Fact]
        public void ACaa20002LoggedAfterTheRepairMakesItNonCompliantAgainAtOnce()
        {
            using var s = BrokenOneWay("StaleCache", out var alice);
            Run(s.Shell, Remediate);
            Assert.Equal(0, Run(s.Shell, Detect).ExitCode);

            s.Machine.SimulatedEvents.Add(new AadEvent(s.Machine.Clock.UtcNow.AddSeconds(1), alice.Sid,
                "Error: 0xCAA20002 AADSTS90014\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));
            var again = Run(s.Shell, Detect);

            Assert.Equal(1, again.ExitCode);
            Assert.Contains("CAA20002", again.LastLine);
        }

        [Fact]
        public void AForgedRecordInAUserWritablePlaceChangesNothing()
        {
            using var s = BrokenOneWay("StaleCache", out var alice);
            var detectedBefore = Run(s.Shell, Detect);

            // Users may create folders in ProgramData\TeamsRemediation: Alice makes the record folder herself before any repair and plants
            // a record that says her CAA20002 was answered an hour from now.
            var module = Path.Combine(s.Machine.ProgramDataPath, "TeamsRemediation");
            Directory.CreateDirectory(module);
            s.Machine.StorageSecurity.Declare(module, TeamsRemediation.Journal.JournalStorage.ModuleFolderSddl);
            var folder = AnswerLedger.Folder(s.Machine);
            Directory.CreateDirectory(folder);
            s.Machine.StorageSecurity.Declare(folder, "O:" + alice.Sid + "D:(A;OICI;FA;;;" + alice.Sid + ")(A;OICI;FA;;;SY)");
            var forged = new AnswerRecord("PC01", alice.Sid, alice.UserName, TeamsRemediation.Codes.CodeCause.Request,
                "Repair-TeamsCaa20002 Cache/CacheLight", s.Machine.Clock.UtcNow.UtcDateTime.AddHours(1));
            File.WriteAllText(Path.Combine(folder, "forged.txt"), forged.ToText());
            // And one in her own profile, where a user's run keeps its files.
            var own = Path.Combine(alice.Folders.LocalAppData, "TeamsRemediation", AnswerLedger.FolderName);
            Directory.CreateDirectory(own);
            File.WriteAllText(Path.Combine(own, "forged.txt"), forged.ToText());

            var detected = Run(s.Shell, Detect);
            var test = s.Run("Test-TeamsCaa20002 -SkipNetwork");

            Assert.Equal(1, detected.ExitCode);
            Assert.Equal(detectedBefore.LastLine, detected.LastLine);
            Assert.Contains(test.Warnings, w => w.StartsWith("Ignored the answered-evidence record ", StringComparison.Ordinal)
                && w.Contains("forged.txt") && w.Contains(alice.Sid));
            Assert.Empty(test.Objects<TeamsCaa20002Finding>().SelectMany(f => f.Answered));
        }
    }
}
