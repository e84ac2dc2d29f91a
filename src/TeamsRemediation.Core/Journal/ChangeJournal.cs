using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// The one way the module changes anything it can put back: each change is recorded durably first, then made,
    /// then counted. When the record cannot be written, the change is not made and <see cref="JournalWriteException"/>
    /// says why; when the change fails after its record, the record stays and a restore finds the target as it was.
    /// Every record must lie inside the operation's <see cref="JournalScope"/>, the same table Undo enforces. Nothing
    /// touches the disk until the first record. Secrets are never recorded: only registry values and paths.
    /// </summary>
    public sealed class ChangeJournal
    {
        private readonly object gate = new object();
        private readonly IMachine machine;
        private readonly string operation;
        private readonly DateTimeOffset started;
        private IReadOnlyList<UserProfile>? profiles;
        private int recorded;
        private int confirmed;

        private ChangeJournal(IMachine machine, string path, string operation, DateTimeOffset started)
        {
            this.machine = machine;
            Path = path;
            this.operation = operation;
            this.started = started;
        }

        public string Path { get; }

        /// <summary>True until a recorded change has been made.</summary>
        public bool IsEmpty
        {
            get
            {
                lock (gate)
                {
                    return confirmed == 0;
                }
            }
        }

        /// <summary>The folder journals go to when the caller names no file (<see cref="JournalStorage.DefaultFolder"/>).</summary>
        public static string DefaultFolder(IMachine machine) => JournalStorage.DefaultFolder(machine);

        /// <param name="machine">The PC changed: its registry and file seam make the changes, its profiles bound the scope.</param>
        /// <param name="operation">One of <see cref="JournalScope.Operations"/>: it decides what may be recorded.</param>
        /// <param name="journalPath">The file; default a new one in <see cref="DefaultFolder"/>.</param>
        public static ChangeJournal Start(IMachine machine, string operation, string? journalPath = null)
        {
            if (!JournalScope.IsKnown(operation))
            {
                throw new ArgumentException("'" + operation + "' is not an operation of the journal's scope table.", nameof(operation));
            }

            var now = machine.Clock.UtcNow;
            var path = journalPath ?? System.IO.Path.Combine(
                DefaultFolder(machine),
                now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + operation + "-" + Guid.NewGuid().ToString("N").Substring(0, 8)
                    + ".xml");
            return new ChangeJournal(machine, PathScope.Full(path), operation, now);
        }

        /// <summary>Records, then writes a registry value; <paramref name="before"/> null means it was absent.</summary>
        public void SetRegistryValue(RegistryKeyPath key, string valueName, RegistryValue? before, RegistryValue after) =>
            Apply(JournalEntry.RegistryChange(key, valueName, before, after), () => machine.Registry.SetValue(key, valueName, after));

        /// <summary>Records, then deletes a registry value that held <paramref name="before"/>.</summary>
        public void DeleteRegistryValue(RegistryKeyPath key, string valueName, RegistryValue before) =>
            Apply(JournalEntry.RegistryChange(key, valueName, before, null), () => machine.Registry.DeleteValue(key, valueName));

        /// <summary>Records, then moves a file (or a link, as a link) aside; a restore moves it back.</summary>
        public void MoveFile(string originalPath, string backupPath) =>
            Apply(Moved(originalPath, backupPath), () => machine.Files.MoveFile(originalPath, backupPath));

        /// <summary>Records, then moves a whole folder aside in one rename; a restore moves it back.</summary>
        public void MoveDirectory(string originalPath, string backupPath) =>
            Apply(Moved(originalPath, backupPath), () => machine.Files.MoveDirectory(originalPath, backupPath));

        /// <summary>
        /// Records a move (file or folder, as <see cref="MoveFile"/> does), then makes it through <paramref name="move"/>: the caller's
        /// rename by name between folders it holds open, so what moves is what it checked, whatever happened to the paths meanwhile.
        /// </summary>
        public void Move(string originalPath, string backupPath, Action move) => Apply(Moved(originalPath, backupPath), move);

        /// <summary>
        /// Records, then moves a file or folder (a link as the link itself) inside a tree a user controls: the folders of both places
        /// are reached from <paramref name="top"/> (the user's profile, or their redirected folder) one at a time through handles that
        /// never follow a junction, the backup's made on the way, and the rename is made by name between the two. A junction the user
        /// puts anywhere on either way refuses the move (LinkRefusedException, an IOException) instead of redirecting it.
        /// </summary>
        public void MoveInside(string top, string originalPath, string backupPath)
        {
            using (var from = SafeTree.OpenBelow(machine.Files, top, ExtendedLengthPath.ParentOf(originalPath), create: false))
            using (var to = SafeTree.OpenBelow(machine.Files, top, ExtendedLengthPath.ParentOf(backupPath), create: true))
            {
                Move(originalPath, backupPath,
                    () => from.Move(System.IO.Path.GetFileName(originalPath), to, System.IO.Path.GetFileName(backupPath)));
            }
        }

        private static JournalEntry Moved(string originalPath, string backupPath) =>
            JournalEntry.Moved(PathScope.Full(originalPath), PathScope.Full(backupPath));

        /// <summary>
        /// Record, change, confirm, under one lock so the "not made" mark always follows its own entry. A run killed
        /// between the record and the change leaves an entry whose target is still as it was: a restore reports it as
        /// already restored.
        /// </summary>
        private void Apply(JournalEntry entry, Action change)
        {
            lock (gate)
            {
                Record(entry);
                try
                {
                    change();
                }
                catch
                {
                    MarkNotMade();
                    throw;
                }

                confirmed++;
            }
        }

        private void MarkNotMade()
        {
            try
            {
                JournalFile.AppendNotMade(machine.Files, Path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                // The entry stays: its target is unchanged, which a restore reports as already restored.
            }
        }

        private void Record(JournalEntry entry)
        {
            profiles = profiles ?? machine.Users.GetProfiles();
            if (!JournalScope.Allows(operation, entry, Path, profiles, out _))
            {
                // A bug in a service, never user input: refuse to make a change Undo would refuse to put back.
                throw new InvalidOperationException(entry.Target + " is outside what " + operation + " may change: "
                    + JournalScope.Describe(operation) + ".");
            }

            try
            {
                if (recorded == 0)
                {
                    JournalStorage.PrepareFolder(machine, ExtendedLengthPath.ParentOf(Path));
                    JournalFile.Create(machine.Files, Path, machine.ComputerName, operation, started, entry);
                    JournalStorage.ProtectNewJournal(machine, Path);
                }
                else
                {
                    JournalFile.Append(machine.Files, Path, entry);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                throw new JournalWriteException(Path, e);
            }

            recorded++;
        }
    }
}
