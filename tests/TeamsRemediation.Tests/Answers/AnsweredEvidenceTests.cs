using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Answers;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Answers
{
    /// <summary>
    /// The changing cmdlets run by hand record, before their change, which causes they answered, for whom and when, in the protected
    /// folder; the diagnosis then leaves out evidence logged before, and only trusts records nobody but SYSTEM and the Administrators
    /// could have written.
    /// </summary>
    public sealed class AnsweredEvidenceTests
    {
        private static SimulatedSession StaleCache(out SimulatedUser alice)
        {
            var s = new SimulatedSession();
            alice = BrokenPc.Healthy(s);
            alice.AddNewTeamsCache();
            BrokenPc.AadError(s, alice, "CAA20002", "AADSTS90014");
            BrokenPc.TeamsLogError(s, alice, "CAA20002", TimeSpan.FromHours(2));
            return s;
        }

        private static TeamsCaa20002Finding Check(SimulatedSession s, string checkId) =>
            s.Run("Test-TeamsCaa20002 -SkipNetwork").Objects<TeamsCaa20002Finding>().Single(f => f.CheckId == checkId);

        [Fact]
        public void ClearTeamsCacheAsSystemAnswersTheUsersStaleCacheEvidence()
        {
            using var s = StaleCache(out var alice);
            Assert.Equal(FindingStatus.Warning, Check(s, "Teams.Cache").Status);

            var clear = s.Run("Clear-TeamsCache -Force -Scope Light");

            Assert.Empty(clear.Errors);
            var record = AnswerRecord.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(AnswerLedger.Folder(s.Machine), "*-Request-*"))));
            Assert.Equal(alice.Sid, record.UserSid);
            Assert.Equal("Clear-TeamsCache", record.AnsweredBy);
            Assert.Single(Directory.GetFiles(AnswerLedger.Folder(s.Machine), "*-Account-*"));
            Assert.Null(JournalStorage.WhyUntrusted(s.Machine, Directory.GetFiles(AnswerLedger.Folder(s.Machine))[0]));
            Assert.Equal(FindingStatus.Pass, Check(s, "Teams.Cache").Status);
            var events = Check(s, "Evidence.AadEvents");
            Assert.Equal(FindingStatus.Pass, events.Status);
            Assert.Contains(" answered by Clear-TeamsCache at ", Assert.Single(events.Answered));
            Assert.Equal(FindingStatus.Pass, Check(s, "Evidence.TeamsLogs").Status);
        }

        [Fact]
        public void EnableTls12InHklmAnswersEveryUsersTlsErrorsAndANewOneCountsAgain()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            BrokenPc.AadError(s, alice, "CAA82F7D");
            Assert.Equal(FindingStatus.Fail, Check(s, "Evidence.AadEvents").Status);

            Assert.Empty(s.Run("Enable-Tls12").Errors);

            var record = AnswerRecord.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(AnswerLedger.Folder(s.Machine)))));
            Assert.Equal(string.Empty, record.UserSid);
            Assert.Equal(TeamsRemediation.Codes.CodeCause.Tls, record.Cause);
            Assert.Equal(FindingStatus.Pass, Check(s, "Evidence.AadEvents").Status);

            BrokenPc.AadErrorAt(s, alice, "CAA82F7D", s.Machine.Clock.UtcNow.AddSeconds(1));
            Assert.Equal(FindingStatus.Fail, Check(s, "Evidence.AadEvents").Status);
        }

        [Fact]
        public void SinceStillNarrowsTheWindowAndWhatIfRecordsNothing()
        {
            using var s = StaleCache(out _);

            Assert.Empty(s.Run("Clear-TeamsCache -Force -Scope Light -WhatIf").Errors);
            Assert.False(Directory.Exists(AnswerLedger.Folder(s.Machine)));

            var since = s.Run("Test-TeamsCaa20002 -SkipNetwork -Since $args[0]", s.Machine.Clock.UtcNow.AddMinutes(-30).UtcDateTime)
                .Objects<TeamsCaa20002Finding>().Single(f => f.CheckId == "Evidence.AadEvents");
            Assert.Equal(FindingStatus.Pass, since.Status);
            Assert.Empty(since.Answered);
        }

        [Fact]
        public void AUsersOwnClearWritesNoRecordSoTheirEvidenceStillCounts()
        {
            using var s = StaleCache(out var alice);
            s.Pc.RunAs(alice, elevated: false);

            var clear = s.Run("Clear-TeamsCache -Force -Scope Light -Verbose");

            Assert.Empty(clear.Errors);
            Assert.False(Directory.Exists(AnswerLedger.Folder(s.Machine)));
            Assert.Equal(FindingStatus.Fail, Check(s, "Evidence.AadEvents").Status);
        }

        [Fact]
        public void ARecordFolderAUserMadeStopsTheChangeBeforeItIsMade()
        {
            using var s = StaleCache(out var alice);
            var module = Path.Combine(s.Machine.ProgramDataPath, "TeamsRemediation");
            Directory.CreateDirectory(AnswerLedger.Folder(s.Machine));
            s.Machine.StorageSecurity.Declare(module, JournalStorage.ModuleFolderSddl);
            s.Machine.StorageSecurity.Declare(AnswerLedger.Folder(s.Machine), "O:" + alice.Sid + "D:(A;OICI;FA;;;" + alice.Sid + ")");
            var cache = TreeSnapshot.Take(TeamsRemediation.Targets.TeamsLayout.NewCacheRoot(alice.Folders));

            var clear = s.Run("Clear-TeamsCache -Force -Scope Light");
            var repair = s.Run("Repair-TeamsCaa20002 -Force");

            Assert.Equal("AnswerRecordFailed,TeamsRemediation.Commands.ClearTeamsCacheCommand", clear.TerminatingErrorId);
            Assert.Contains(repair.Errors, e => e.FullyQualifiedErrorId == "AnswerRecordFailed,TeamsRemediation.Commands.RepairTeamsCaa20002Command");
            var step = repair.Objects<TeamsRepairStep>().Single(x => x.Step == RepairStepName.CacheLight);
            Assert.Equal(RepairStepStatus.Failed, step.Status);
            Assert.Equal(cache, TreeSnapshot.Take(TeamsRemediation.Targets.TeamsLayout.NewCacheRoot(alice.Folders)));
        }

        [Fact]
        public void ADamagedOrForeignRecordInTheProtectedFolderIsIgnoredWithAWarning()
        {
            using var s = StaleCache(out var alice);
            Assert.Empty(s.Run("Clear-TeamsCache -Force -Scope Light").Errors);
            foreach (var file in Directory.GetFiles(AnswerLedger.Folder(s.Machine)))
            {
                File.WriteAllText(file, File.ReadAllText(file).Replace("Cause: ", "Cause: 1").Replace("Computer: PC01", "Computer: PC02"));
            }

            var test = s.Run("Test-TeamsCaa20002 -SkipNetwork");

            Assert.Equal(FindingStatus.Fail, test.Objects<TeamsCaa20002Finding>().Single(f => f.CheckId == "Evidence.AadEvents").Status);
            Assert.Equal(2, test.Warnings.Count(w => w.StartsWith("Ignored the answered-evidence record ", StringComparison.Ordinal)
                && w.Contains("the cause '1")));
        }

        [Fact]
        public void ARecordReadsBackAsWrittenAndRefusesWhatItDidNotWrite()
        {
            var record = new AnswerRecord("PC01", "S-1-5-21-1", "CONTOSO\\alice", TeamsRemediation.Codes.CodeCause.Clock, "Enable-Tls12",
                new DateTime(2000, 1, 2, 3, 4, 5, DateTimeKind.Utc), "C:\\r");

            var back = AnswerRecord.Parse(record.ToText());

            Assert.Equal(record.ToText(), back.ToText());
            Assert.Throws<InvalidDataException>(() => AnswerRecord.Parse(record.ToText().Replace("Cause: Clock", "Cause: Unknown")));
            Assert.Throws<InvalidDataException>(() => AnswerRecord.Parse(record.ToText().Replace("Cause: Clock", "Cause: Tls, Clock")));
            Assert.Throws<InvalidDataException>(() => AnswerRecord.Parse("TeamsRemediation answered-evidence 2\n"));
            Assert.Throws<InvalidDataException>(() => AnswerRecord.Parse(record.ToText().Replace("AnsweredUtc: ", "AnsweredUtc: x")));
        }
    }
}
