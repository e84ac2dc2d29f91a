using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Journal
{
    public sealed class ChangeJournalTests
    {
        private static readonly RegistryKeyPath Key = new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + @"\Client");


        [Fact]
        public void NothingIsWrittenUntilTheFirstRecord()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;

            var journal = ChangeJournal.Start(machine, JournalScope.EnableTls12);

            Assert.True(journal.IsEmpty);
            Assert.False(File.Exists(journal.Path));
            Assert.StartsWith(ChangeJournal.DefaultFolder(machine), journal.Path);
        }

        [Fact]
        public void EveryValueKindSurvivesTheFileAndEachRecordIsOnDiskAtOnce()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var path = Path.Combine(machine.RootFolder, "kinds.xml");
            var values = new[]
            {
                RegistryValue.DWord(0xFFFFFFFF), RegistryValue.QWord(ulong.MaxValue), RegistryValue.String("1"),
                    RegistryValue.ExpandString("%SystemRoot%\\x"),
                RegistryValue.Binary(new byte[] { 0, 1, 255 }), RegistryValue.MultiString(new[] { "a", string.Empty, "<b>&" }),
            };

            for (var i = 0; i < values.Length; i++)
            {
                var entry = JournalEntry.RegistryChange(Key, "V" + i, before: i == 0 ? null : values[i], after: values[i - (i == 0 ? 0 : 1)]);
                if (i == 0)
                {
                    JournalFile.Create(machine.Files, path, machine.ComputerName, JournalScope.EnableTls12, machine.Clock.UtcNow, entry);
                }
                else
                {
                    JournalFile.Append(machine.Files, path, entry);
                }

                Assert.Equal(i + 1, JournalFile.Read(path).Entries.Count);
            }

            var read = JournalFile.Read(path);
            Assert.Equal(JournalScope.EnableTls12, read.Operation);
            Assert.Null(read.Entries[0].Before);
            for (var i = 1; i < values.Length; i++)
            {
                Assert.Equal(values[i], read.Entries[i].Before);
                Assert.Equal(Key, read.Entries[i].Key);
            }
        }

        [Fact]
        public void RestorePutsTheRegistryBackByteForByteIncludingValuesThatDidNotExist()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var registry = machine.SimulatedRegistry;
            registry.SetValue(Key, "Enabled", RegistryValue.String("1"));
            var before = registry.Export();
            var journal = ChangeJournal.Start(machine, JournalScope.EnableTls12);

            journal.SetRegistryValue(Key, "Enabled", RegistryValue.String("1"), RegistryValue.DWord(1));
            journal.SetRegistryValue(Key, "DisabledByDefault", null, RegistryValue.DWord(0));
            Assert.Equal(RegistryValue.DWord(1), registry.GetValue(Key, "Enabled"));

            var results = new JournalRestorer(machine, new ScriptedHost(machine)).Restore(journal.Path, force: false);

            Assert.All(results, r => Assert.Equal(RestoreStatus.Restored, r.Status));
            Assert.Equal(before, registry.Export());
            Assert.Equal(RegistryValueKind.String, registry.GetValue(Key, "Enabled")!.Kind);
            Assert.Null(registry.GetValue(Key, "DisabledByDefault"));
            Assert.Equal(RestoreStatus.AlreadyRestored, new JournalRestorer(machine, new ScriptedHost(machine)).Restore(journal.Path,
                force: false).First().Status);
        }

        [Fact]
        public void AValueChangedAgainSinceIsAConflictUnlessForced()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var registry = machine.SimulatedRegistry;
            var journal = ChangeJournal.Start(machine, JournalScope.EnableTls12);
            journal.SetRegistryValue(Key, "Enabled", RegistryValue.DWord(0), RegistryValue.DWord(1));
            registry.SetValue(Key, "Enabled", RegistryValue.DWord(5));

            var conflict = Assert.Single(new JournalRestorer(machine, new ScriptedHost(machine)).Restore(journal.Path, force: false));
            Assert.Equal(RestoreStatus.Conflict, conflict.Status);
            Assert.Equal(5u, registry.GetValue(Key, "Enabled")!.AsDWord);

            Assert.Equal(RestoreStatus.Restored, Assert.Single(new JournalRestorer(machine, new ScriptedHost(machine)).Restore(journal.Path,
                force: true)).Status);
            Assert.Equal(0u, registry.GetValue(Key, "Enabled")!.AsDWord);
        }

        [Fact]
        public void WhatIfChangesNothing()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var journal = ChangeJournal.Start(machine, JournalScope.EnableTls12);
            journal.SetRegistryValue(Key, "Enabled", null, RegistryValue.DWord(1));
            var writes = machine.SimulatedRegistry.WriteCount;

            var result = Assert.Single(new JournalRestorer(machine, new ScriptedHost(machine, Consent.WhatIf)).Restore(journal.Path, force: false));

            Assert.Equal(RestoreStatus.WhatIf, result.Status);
            Assert.Equal(writes, machine.SimulatedRegistry.WriteCount);
        }

        [Fact]
        public void AMovedFolderComesBackByteIdenticalAndNewFilesThereAreNotOverwritten()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice");
            var original = Path.Combine(TeamsLayout.NewCacheRoot(alice.Folders), "EBWebView");
            var folder = CacheBackupFolder.Create(machine.Files, new ScriptedHost(machine), Path.Combine(UserBackups.Root(alice.Folders), "run1"));
            var backup = Path.Combine(folder.ContentFolder, "EBWebView");
            Directory.CreateDirectory(Path.Combine(original, "sub"));
            File.WriteAllBytes(Path.Combine(original, "sub", "a.bin"), new byte[] { 1, 2, 3 });
            File.WriteAllText(Path.Combine(original, "b.txt"), "old b");
            var journal = folder.Journal;
            journal.MoveDirectory(original, backup);
            Assert.False(Directory.Exists(original));
            // The client recreated its folder and one file meanwhile.
            Directory.CreateDirectory(original);
            File.WriteAllText(Path.Combine(original, "b.txt"), "new b");

            // The backup sits in alice's profile, where she could edit it: she restores it herself (an elevated Undo refuses).
            pc.RunAs(alice, elevated: false);
            var result = Assert.Single(new JournalRestorer(machine, new ScriptedHost(machine)).Restore(journal.Path, force: false));

            Assert.Equal(RestoreStatus.Conflict, result.Status);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(original, "sub", "a.bin")));
            Assert.Equal("new b", File.ReadAllText(Path.Combine(original, "b.txt")));
            Assert.Equal("old b", File.ReadAllText(Path.Combine(backup, "b.txt")));

            Assert.Equal(RestoreStatus.Restored, Assert.Single(new JournalRestorer(machine, new ScriptedHost(machine)).Restore(journal.Path,
                force: true)).Status);
            Assert.Equal("old b", File.ReadAllText(Path.Combine(original, "b.txt")));
            Assert.False(Directory.Exists(backup));
        }

        [Fact]
        public void AJournalCutShortByACrashIsReadUpToItsLastWholeEntry()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var path = Path.Combine(machine.RootFolder, "cut.xml");
            WriteMoves(machine, path, 3, "from", "to");

            var text = File.ReadAllText(path);
            File.WriteAllText(path, text.Substring(0, text.LastIndexOf("<Move", System.StringComparison.Ordinal) + 12));

            var read = JournalFile.Read(path).Entries;
            Assert.Equal(2, read.Count);
            Assert.EndsWith("1", read[1].OriginalPath);
        }

        [Fact]
        public void ThousandsOfRecordsAppendInPlace()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var path = Path.Combine(machine.RootFolder, "many.xml");
            WriteMoves(machine, path, 3000, "cache", "backup");

            var read = JournalFile.Read(path).Entries;
            Assert.Equal(3000, read.Count);
            Assert.EndsWith("2999", read[2999].OriginalPath);
            Assert.Equal(3002, File.ReadAllLines(path).Length - 1);
        }

        [Fact]
        public void AFileThatIsNotAJournalIsRefusedWithTheReason()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var path = Path.Combine(machine.RootFolder, "notes.xml");
            File.WriteAllText(path, "<notes/>");

            var error = Assert.Throws<InvalidDataException>(() => new JournalRestorer(machine, new ScriptedHost(machine)).Restore(path,
                force: false));
            Assert.Contains("not a TeamsRemediation journal", error.Message);
        }

        private static void WriteMoves(SimulatedMachine machine, string path, int count, string from, string to)
        {
            for (var i = 0; i < count; i++)
            {
                var entry = JournalEntry.Moved(Path.Combine(machine.RootFolder, from, "file" + i), Path.Combine(machine.RootFolder, to, "file" + i));
                if (i == 0)
                {
                    JournalFile.Create(machine.Files, path, machine.ComputerName, JournalScope.ClearCache, machine.Clock.UtcNow, entry);
                }
                else
                {
                    JournalFile.Append(machine.Files, path, entry);
                }
            }
        }
    }
}
