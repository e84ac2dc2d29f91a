using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using Xunit;

namespace TeamsRemediation.Tests.UserBridge
{
    /// <summary>The per-machine log: its protected folder, rotation, one line per entry, and its copy in the Application log.</summary>
    public sealed class MachineLogTests
    {
        [Fact]
        public void TheLogRotatesAtItsSizeAndKeepsABoundedNumberOfOldFiles()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                var log = new MachineLog(pc);
                // Words, not one unbroken run: that would be redacted as an opaque token.
                var filler = string.Concat(Enumerable.Repeat("filler ", 64 * 1024 / 7));
                for (var i = 0; i < (MachineLog.KeptFiles + 3) * 17; i++)
                {
                    Assert.True(log.Write("Test", i + " " + filler));
                }

                var folder = Path.GetDirectoryName(log.FilePath)!;
                var files = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != MachineLog.LockFileName).OrderBy(n => n).ToList();
                var rotated = Enumerable.Range(1, MachineLog.KeptFiles).Select(n => MachineLog.FileName + "." + n);
                var expected = new[] { MachineLog.FileName }.Concat(rotated);
                Assert.Equal(expected, files);
                Assert.All(Directory.GetFiles(folder).Where(f => !f.EndsWith(MachineLog.LockFileName, StringComparison.Ordinal)),
                    f => Assert.True(new FileInfo(f).Length <= MachineLog.MaximumBytes + filler.Length + 100));
                Assert.Contains(((MachineLog.KeptFiles + 3) * 17 - 1) + " ", File.ReadAllText(log.FilePath));
                Assert.Equal(TeamsRemediation.Journal.JournalStorage.JournalFolderSddl, pc.StorageSecurity.ReadSddl(folder));
            }
        }

        [Fact]
        public void AMessageWithLineBreaksStaysOneLine()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                var log = new MachineLog(pc);

                log.Write("Test", "first\r\nsecond\nthird");

                var lines = File.ReadAllLines(log.FilePath);
                Assert.EndsWith("[Test] first  second third", Assert.Single(lines));
            }
        }

        [Fact]
        public void AsSYSTEMTheEventSourceIsRegisteredAndEveryLineIsAnEvent()
        {
            using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
            {
                var log = new MachineLog(pc);

                log.Write("UserBridge", "Registered a task.");
                log.Write("UserBridge", "A task timed out.", EventLogLevel.Warning);

                Assert.Equal(RegistryValue.ExpandString(@"%SystemRoot%\Microsoft.NET\Framework\v4.0.30319\EventLogMessages.dll"),
                    pc.SimulatedRegistry.GetValue(EventLogSource.Key, "EventMessageFile"));
                Assert.Equal(RegistryValue.DWord(7), pc.SimulatedRegistry.GetValue(EventLogSource.Key, "TypesSupported"));
                Assert.Equal(
                    new[] { (EventLogSource.Name, EventLogLevel.Information, MachineLog.EventId, "[UserBridge] Registered a task."),
                        (EventLogSource.Name, EventLogLevel.Warning, MachineLog.EventId, "[UserBridge] A task timed out.") },
                    pc.EventLogWriter.Entries);
            }
        }

        [Fact]
        public void ACallerThatMayNotRegisterTheSourceWritesTheFileOnly()
        {
            var pc = SimulatedPc.Create();
            using (pc.Machine)
            {
                var alice = pc.AddUser("alice", loggedOn: true);
                pc.RunAs(alice, elevated: false);
                var log = new MachineLog(pc.Machine);

                Assert.True(log.Write("Test", "a line"));

                Assert.Null(pc.Machine.SimulatedRegistry.GetValue(EventLogSource.Key, "EventMessageFile"));
                Assert.Empty(pc.Machine.EventLogWriter.Entries);
                Assert.Single(File.ReadAllLines(log.FilePath));
            }
        }

        [Fact]
        public void ALogFolderAUserMadeFirstIsMovedAsideAndTheirHeldLockFileDoesNotSlowTheLog()
        {
            var pc = SimulatedPc.Create().RunAsSystem();
            using (pc.Machine)
            {
                var alice = pc.AddUser("alice");
                var log = new MachineLog(pc.Machine);
                var folder = Path.GetDirectoryName(log.FilePath)!;
                Directory.CreateDirectory(folder);
                pc.Machine.StorageSecurity.Declare(folder, "O:" + alice.Sid + "D:(A;OICI;FA;;;" + alice.Sid + ")");
                using var held = new FileStream(Path.Combine(folder, MachineLog.LockFileName), FileMode.OpenOrCreate, FileAccess.Read,
                    FileShare.None);
                var watch = System.Diagnostics.Stopwatch.StartNew();

                Assert.True(log.Write("Test", "a line"));
                Assert.True(log.Write("Test", "another line"));

                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
                Assert.Equal(TeamsRemediation.Journal.JournalStorage.JournalFolderSddl, pc.Machine.StorageSecurity.ReadSddl(folder));
                Assert.Equal(2, File.ReadAllLines(log.FilePath).Length);
            }
        }

        [Fact]
        public void ALogFolderAUserMadeAsALinkIsNotWrittenThrough()
        {
            var pc = SimulatedPc.Create().RunAsSystem();
            using (pc.Machine)
            using (var target = new TeamsRemediation.Tests.Support.TempFolder())
            {
                var log = new MachineLog(pc.Machine);
                var folder = Path.GetDirectoryName(log.FilePath)!;
                Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
                Directory.CreateSymbolicLink(folder, target.Path);

                Assert.False(log.Write("Test", "a line"));

                Assert.Empty(Directory.GetFileSystemEntries(target.Path));
            }
        }

        [Fact]
        public void AUserHoldingTheGlobalMutexOfEarlierVersionsDoesNotSlowASYSTEMRun()
        {
            // Any user can create and hold a named mutex in Global\; earlier versions waited 5 s on it for every line.
            using var ownedByUser = new System.Threading.ManualResetEventSlim();
            using var release = new System.Threading.ManualResetEventSlim();
            var holder = new System.Threading.Thread(() =>
            {
                using var mutex = new System.Threading.Mutex(true, @"Global\TeamsRemediation.MachineLog");
                ownedByUser.Set();
                release.Wait();
                mutex.ReleaseMutex();
            });
            holder.Start();
            Assert.True(ownedByUser.Wait(TimeSpan.FromSeconds(30)));
            try
            {
                using (var pc = SimulatedPc.Create().RunAsSystem().Machine)
                {
                    var log = new MachineLog(pc);
                    var watch = System.Diagnostics.Stopwatch.StartNew();

                    for (var i = 0; i < 4; i++)
                    {
                        Assert.True(log.Write("Test", "line " + i));
                    }

                    // Four lines took 20 s behind the user's mutex; a generous bound far below that.
                    Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
                    Assert.Equal(4, File.ReadAllLines(log.FilePath).Length);
                }
            }
            finally
            {
                release.Set();
                holder.Join();
            }
        }
    }
}
