using System.IO;
using System.Linq;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using Xunit;

namespace TeamsRemediation.Tests.Journal
{
    public sealed class ChangeJournalTests
    {
        private static readonly RegistryKeyPath Key = new RegistryKeyPath(RegistryHive.LocalMachine, @"SOFTWARE\Contoso\Test", RegistryView.Registry32);

        private static bool Yes(string target, string action) => true;

        [Fact]
        public void NothingIsWrittenUntilTheFirstRecord()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;

            var journal = ChangeJournal.Start(machine, "EnableTls12");

            Assert.True(journal.IsEmpty);
            Assert.False(File.Exists(journal.Path));
            Assert.StartsWith(ChangeJournal.DefaultFolder(machine), journal.Path);
        }

        [Fact]
        public void EveryValueKindSurvivesTheFileAndEachRecordIsOnDiskAtOnce()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var journal = ChangeJournal.Start(machine, "Test");
            var values = new[]
            {
                RegistryValue.DWord(0xFFFFFFFF), RegistryValue.QWord(ulong.MaxValue), RegistryValue.String("1"), RegistryValue.ExpandString("%SystemRoot%\\x"),
                RegistryValue.Binary(new byte[] { 0, 1, 255 }), RegistryValue.MultiString(new[] { "a", string.Empty, "<b>&" }),
            };

            for (var i = 0; i < values.Length; i++)
            {
                journal.RecordRegistryValue(Key, "V" + i, before: i == 0 ? null : values[i], after: values[i - (i == 0 ? 0 : 1)]);
                Assert.Equal(i + 1, JournalFile.Read(journal.Path).Count);
            }

            var read = JournalFile.Read(journal.Path);
            Assert.Null(read[0].Before);
            for (var i = 1; i < values.Length; i++)
            {
                Assert.Equal(values[i], read[i].Before);
                Assert.Equal(Key, read[i].Key);
            }
        }

        [Fact]
        public void RestorePutsTheRegistryBackByteForByteIncludingValuesThatDidNotExist()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var registry = machine.SimulatedRegistry;
            registry.SetValue(Key, "Typed", RegistryValue.String("1"));
            var before = registry.Export();
            var journal = ChangeJournal.Start(machine, "Test");

            registry.SetValue(Key, "Typed", RegistryValue.DWord(1));
            journal.RecordRegistryValue(Key, "Typed", RegistryValue.String("1"), RegistryValue.DWord(1));
            registry.SetValue(Key, "New", RegistryValue.DWord(0x800));
            journal.RecordRegistryValue(Key, "New", null, RegistryValue.DWord(0x800));

            var results = new JournalRestorer(machine).Restore(journal.Path, Yes, force: false);

            Assert.All(results, r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, registry.Export());
            Assert.Equal(RegistryValueKind.String, registry.GetValue(Key, "Typed")!.Kind);
            Assert.Equal(RestoreStatus.AlreadyRestored, new JournalRestorer(machine).Restore(journal.Path, Yes, force: false).First().Status);
        }

        [Fact]
        public void AValueChangedAgainSinceIsAConflictUnlessForced()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var registry = machine.SimulatedRegistry;
            var journal = ChangeJournal.Start(machine, "Test");
            registry.SetValue(Key, "Enabled", RegistryValue.DWord(1));
            journal.RecordRegistryValue(Key, "Enabled", RegistryValue.DWord(0), RegistryValue.DWord(1));
            registry.SetValue(Key, "Enabled", RegistryValue.DWord(5));

            var conflict = Assert.Single(new JournalRestorer(machine).Restore(journal.Path, Yes, force: false));
            Assert.Equal(RestoreStatus.Conflict, conflict.Status);
            Assert.Equal(5u, registry.GetValue(Key, "Enabled")!.AsDWord);

            Assert.Equal(RestoreStatus.Restored, Assert.Single(new JournalRestorer(machine).Restore(journal.Path, Yes, force: true)).Status);
            Assert.Equal(0u, registry.GetValue(Key, "Enabled")!.AsDWord);
        }

        [Fact]
        public void WhatIfChangesNothing()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var journal = ChangeJournal.Start(machine, "Test");
            machine.SimulatedRegistry.SetValue(Key, "Enabled", RegistryValue.DWord(1));
            journal.RecordRegistryValue(Key, "Enabled", null, RegistryValue.DWord(1));
            var writes = machine.SimulatedRegistry.WriteCount;

            var result = Assert.Single(new JournalRestorer(machine).Restore(journal.Path, (t, a) => false, force: false, whatIf: true));

            Assert.Equal(RestoreStatus.WhatIf, result.Status);
            Assert.Equal(writes, machine.SimulatedRegistry.WriteCount);
        }

        [Fact]
        public void AMovedFolderComesBackByteIdenticalAndNewFilesThereAreNotOverwritten()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var original = Path.Combine(machine.RootFolder, "Users", "alice", "cache");
            var backup = Path.Combine(machine.RootFolder, "backup", "cache");
            Directory.CreateDirectory(Path.Combine(original, "sub"));
            File.WriteAllBytes(Path.Combine(original, "sub", "a.bin"), new byte[] { 1, 2, 3 });
            File.WriteAllText(Path.Combine(original, "b.txt"), "old b");
            Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
            Directory.Move(original, backup);
            var journal = ChangeJournal.Start(machine, "Test");
            journal.RecordMove(original, backup);
            // The client recreated its folder and one file meanwhile.
            Directory.CreateDirectory(original);
            File.WriteAllText(Path.Combine(original, "b.txt"), "new b");

            var result = Assert.Single(new JournalRestorer(machine).Restore(journal.Path, Yes, force: false));

            Assert.Equal(RestoreStatus.Conflict, result.Status);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(original, "sub", "a.bin")));
            Assert.Equal("new b", File.ReadAllText(Path.Combine(original, "b.txt")));
            Assert.Equal("old b", File.ReadAllText(Path.Combine(backup, "b.txt")));

            Assert.Equal(RestoreStatus.Restored, Assert.Single(new JournalRestorer(machine).Restore(journal.Path, Yes, force: true)).Status);
            Assert.Equal("old b", File.ReadAllText(Path.Combine(original, "b.txt")));
            Assert.False(Directory.Exists(backup));
        }

        [Fact]
        public void AJournalCutShortByACrashIsReadUpToItsLastWholeEntry()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var journal = ChangeJournal.Start(machine, "Test");
            for (var i = 0; i < 3; i++)
            {
                journal.RecordMove("/from/" + i, "/to/" + i);
            }

            var text = File.ReadAllText(journal.Path);
            File.WriteAllText(journal.Path, text.Substring(0, text.LastIndexOf("<Move", System.StringComparison.Ordinal) + 12));

            var read = JournalFile.Read(journal.Path);
            Assert.Equal(2, read.Count);
            Assert.EndsWith("1", read[1].OriginalPath);
        }

        [Fact]
        public void ThousandsOfRecordsAppendInPlace()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var journal = ChangeJournal.Start(machine, "Test");
            for (var i = 0; i < 3000; i++)
            {
                journal.RecordMove("/cache/file" + i, "/backup/file" + i);
            }

            var read = JournalFile.Read(journal.Path);
            Assert.Equal(3000, read.Count);
            Assert.EndsWith("file2999", read[2999].OriginalPath);
            Assert.Equal(3002, File.ReadAllLines(journal.Path).Length - 1);
        }

        [Fact]
        public void AFileThatIsNotAJournalIsRefusedWithTheReason()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var path = Path.Combine(machine.RootFolder, "notes.xml");
            File.WriteAllText(path, "<notes/>");

            var error = Assert.Throws<InvalidDataException>(() => new JournalRestorer(machine).Restore(path, Yes, force: false));
            Assert.Contains("not a TeamsRemediation journal", error.Message);
        }
    }
}
