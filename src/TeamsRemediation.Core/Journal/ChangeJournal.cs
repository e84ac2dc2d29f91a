using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// Records what a changing cmdlet did so Undo-TeamsRemediation can put it back exactly: registry values with
    /// their type (absent included) and files or folders moved aside into a backup. Nothing touches the disk
    /// until the first record; each record is saved at once, so a run that dies halfway still restores what it
    /// did. Secrets are never recorded: only registry values and paths.
    /// </summary>
    public sealed class ChangeJournal
    {
        private readonly object gate = new object();
        private int count;
        private readonly string computerName;
        private readonly string operation;
        private readonly DateTimeOffset started;

        private ChangeJournal(string path, string computerName, string operation, DateTimeOffset started)
        {
            Path = path;
            this.computerName = computerName;
            this.operation = operation;
            this.started = started;
        }

        public string Path { get; }

        public bool IsEmpty
        {
            get
            {
                lock (gate)
                {
                    return count == 0;
                }
            }
        }

        /// <summary>The folder journals go to when the caller names no file.</summary>
        public static string DefaultFolder(IMachine machine) => System.IO.Path.Combine(machine.ProgramDataPath, "TeamsRemediation", "Journal");

        public static ChangeJournal Start(IMachine machine, string operation, string? journalPath = null)
        {
            if (string.IsNullOrWhiteSpace(operation) || operation.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
            {
                throw new ArgumentException("The operation names the journal file: one word without path characters.", nameof(operation));
            }

            var now = machine.Clock.UtcNow;
            var path = journalPath ?? System.IO.Path.Combine(
                DefaultFolder(machine),
                now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + operation + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".xml");
            return new ChangeJournal(System.IO.Path.GetFullPath(path), machine.ComputerName, operation, now);
        }

        /// <summary>Records a registry write after it succeeded; null means absent (created or deleted).</summary>
        public void RecordRegistryValue(RegistryKeyPath key, string valueName, RegistryValue? before, RegistryValue? after) =>
            Add(JournalEntry.RegistryChange(key, valueName, before, after));

        /// <summary>Records a file or folder moved aside; a restore moves it back.</summary>
        public void RecordMove(string originalPath, string backupPath) =>
            Add(JournalEntry.Moved(System.IO.Path.GetFullPath(originalPath), System.IO.Path.GetFullPath(backupPath)));

        private void Add(JournalEntry entry)
        {
            lock (gate)
            {
                if (count == 0)
                {
                    JournalFile.Create(Path, computerName, operation, started, entry);
                }
                else
                {
                    JournalFile.Append(Path, entry);
                }

                count++;
            }
        }
    }
}
