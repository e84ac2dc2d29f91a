using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// Puts back what a journal recorded, newest change first. A target changed again since the run is a
    /// conflict and left alone unless forced: a restore never silently undoes somebody else's later fix.
    /// </summary>
    public sealed class JournalRestorer
    {
        private const string Absent = "(absent)";
        private readonly IMachine machine;

        public JournalRestorer(IMachine machine)
        {
            this.machine = machine;
        }

        /// <param name="journalPath">A journal written by <see cref="ChangeJournal"/>.</param>
        /// <param name="shouldProcess">Asked once per entry with (target, action); false means WhatIf or declined.</param>
        /// <param name="whatIf">When true, a false answer from <paramref name="shouldProcess"/> is reported as WhatIf rather than Skipped.</param>
        /// <param name="force">Also put back targets changed again since.</param>
        public IReadOnlyList<RestoreResult> Restore(string journalPath, Func<string, string, bool> shouldProcess, bool force, bool whatIf = false)
        {
            var entries = JournalFile.Read(journalPath);
            var results = new List<RestoreResult>();
            foreach (var entry in entries.Reverse())
            {
                var result = new RestoreResult
                {
                    ComputerName = machine.ComputerName,
                    Journal = journalPath,
                    Kind = entry.Kind.ToString(),
                    Target = entry.Target,
                };
                try
                {
                    if (entry.Kind == JournalEntryKind.RegistryValue)
                    {
                        RestoreValue(entry, result, shouldProcess, force, whatIf);
                    }
                    else
                    {
                        RestoreMove(entry, result, shouldProcess, force, whatIf);
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    result.Status = RestoreStatus.Failed;
                    result.Detail = e.Message;
                }

                results.Add(result);
            }

            return results;
        }

        private void RestoreValue(JournalEntry entry, RestoreResult result, Func<string, string, bool> shouldProcess, bool force, bool whatIf)
        {
            var current = machine.Registry.GetValue(entry.Key, entry.ValueName);
            result.Restored = entry.Before?.ToString() ?? Absent;
            if (Equals(current, entry.Before))
            {
                result.Status = RestoreStatus.AlreadyRestored;
                result.Detail = "Already " + result.Restored + ".";
                return;
            }

            if (!Equals(current, entry.After) && !force)
            {
                result.Status = RestoreStatus.Conflict;
                result.Detail = "Changed since the run: now " + (current?.ToString() ?? Absent) + ", the run had set " + (entry.After?.ToString() ?? Absent) + ". Left alone; use -Force to put back " + result.Restored + ".";
                return;
            }

            var action = entry.Before == null ? "Delete the value (it did not exist before)" : "Set the value back to " + result.Restored;
            if (!shouldProcess(result.Target, action))
            {
                Declined(result, whatIf, action);
                return;
            }

            if (entry.Before == null)
            {
                machine.Registry.DeleteValue(entry.Key, entry.ValueName);
            }
            else
            {
                machine.Registry.SetValue(entry.Key, entry.ValueName, entry.Before);
            }

            result.Status = RestoreStatus.Restored;
            result.Detail = action + ".";
        }

        private static void RestoreMove(JournalEntry entry, RestoreResult result, Func<string, string, bool> shouldProcess, bool force, bool whatIf)
        {
            result.Restored = entry.OriginalPath;
            var backupIsFolder = Directory.Exists(entry.BackupPath);
            if (!backupIsFolder && !File.Exists(entry.BackupPath))
            {
                var back = File.Exists(entry.OriginalPath) || Directory.Exists(entry.OriginalPath);
                result.Status = back ? RestoreStatus.AlreadyRestored : RestoreStatus.Failed;
                result.Detail = back ? "The backup was already moved back." : "Neither the backup " + entry.BackupPath + " nor the original exists any more.";
                return;
            }

            var action = "Move " + entry.BackupPath + " back to " + entry.OriginalPath;
            if (!shouldProcess(entry.OriginalPath, action))
            {
                Declined(result, whatIf, action);
                return;
            }

            var conflicts = new List<string>();
            MoveBack(entry.BackupPath, entry.OriginalPath, backupIsFolder, force, conflicts);
            if (conflicts.Count == 0)
            {
                result.Status = RestoreStatus.Restored;
                result.Detail = action + ".";
            }
            else
            {
                result.Status = RestoreStatus.Conflict;
                result.Detail = conflicts.Count + " item(s) exist again at the original place and were left alone (the backup keeps them; -Force overwrites): " + string.Join(", ", conflicts.Take(5)) + (conflicts.Count > 5 ? ", ..." : string.Empty);
            }
        }

        /// <summary>Moves the whole backup back when the place is free, else item by item so nothing new there is overwritten.</summary>
        private static void MoveBack(string backup, string original, bool isFolder, bool force, List<string> conflicts)
        {
            if (!isFolder)
            {
                if (File.Exists(original))
                {
                    if (!force)
                    {
                        conflicts.Add(original);
                        return;
                    }

                    File.Delete(original);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(original)!);
                File.Move(backup, original);
                return;
            }

            if (!Directory.Exists(original) && !File.Exists(original))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(original)!);
                try
                {
                    Directory.Move(backup, original);
                    return;
                }
                catch (IOException)
                {
                    // Another volume: fall through to moving item by item.
                }
            }

            Directory.CreateDirectory(original);
            foreach (var file in Directory.GetFiles(backup))
            {
                MoveBack(file, Path.Combine(original, Path.GetFileName(file)), isFolder: false, force, conflicts);
            }

            foreach (var folder in Directory.GetDirectories(backup))
            {
                MoveBack(folder, Path.Combine(original, Path.GetFileName(folder)), isFolder: true, force, conflicts);
            }

            if (conflicts.Count == 0 && !Directory.EnumerateFileSystemEntries(backup).Any())
            {
                Directory.Delete(backup);
            }
        }

        private static void Declined(RestoreResult result, bool whatIf, string action)
        {
            result.Status = whatIf ? RestoreStatus.WhatIf : RestoreStatus.Skipped;
            result.Detail = (whatIf ? "What if: " : "Declined: ") + action + ".";
        }
    }
}
