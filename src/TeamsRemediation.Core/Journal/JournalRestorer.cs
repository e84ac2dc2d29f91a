using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Hosting;
using TeamsRemediation.Platform;
using TeamsRemediation.Text;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// Puts back what a journal recorded, newest change first. A target changed again since the run is a
    /// conflict and left alone unless forced: a restore never silently undoes somebody else's later fix.
    /// The journal is untrusted input: the whole file is checked against <see cref="JournalScope"/> before the
    /// first entry is put back, so a forged or edited journal changes nothing at all.
    /// </summary>
    public sealed class JournalRestorer
    {
        private const string Absent = "(absent)";
        private readonly IMachine machine;
        private readonly IRemediationHost host;

        // Per move entry of the journal being restored: the top folders its two places are reached from (the owner's profile or
        // redirected folder, or the journal's own folder for a backup root outside the profile), found while validating.
        private readonly Dictionary<JournalEntry, (string OriginalTop, string BackupTop)> moveTops =
            new Dictionary<JournalEntry, (string OriginalTop, string BackupTop)>();

        /// <param name="machine">The PC the journal's changes are put back on.</param>
        /// <param name="host">Asked once per entry before it is put back.</param>
        public JournalRestorer(IMachine machine, IRemediationHost host)
        {
            this.machine = machine;
            this.host = host;
        }

        /// <param name="journalPath">A journal written by <see cref="ChangeJournal"/>.</param>
        /// <param name="force">Also put back targets changed again since.</param>
        /// <exception cref="JournalRefusedException">The journal is outside its operation's scope; nothing was changed.</exception>
        public IReadOnlyList<RestoreResult> Restore(string journalPath, bool force)
        {
            var journal = JournalFile.Read(journalPath);
            Validate(journalPath, journal);
            var results = new List<RestoreResult>();
            var caller = machine.Users.GetCurrentIdentity();
            foreach (var entry in journal.Entries.Reverse())
            {
                var result = new RestoreResult
                {
                    ComputerName = machine.ComputerName,
                    Journal = journalPath,
                    Kind = entry.Kind.ToString(),
                    Target = entry.Target,
                    RanAs = caller.UserName,
                    SessionId = caller.SessionId,
                };
                try
                {
                    if (entry.Kind == JournalEntryKind.RegistryValue)
                    {
                        RestoreValue(entry, result, force);
                    }
                    else
                    {
                        RestoreMove(entry, result, force);
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

        /// <summary>Every entry first: one foreign entry means the file was edited, and then none of it is trusted.</summary>
        private void Validate(string journalPath, JournalDocument journal)
        {
            if (!JournalScope.IsKnown(journal.Operation))
            {
                throw new JournalRefusedException(ModuleErrors.JournalOperationUnknown(journalPath, journal.Operation));
            }

            var profiles = machine.Users.GetProfiles();
            var caller = machine.Users.GetCurrentIdentity();
            var onlyCallersOwn = true;
            foreach (var entry in journal.Entries)
            {
                if (!JournalScope.Allows(journal.Operation, entry, journalPath, profiles, out var userSid))
                {
                    throw new JournalRefusedException(
                        ModuleErrors.JournalEntryOutOfScope(journalPath, journal.Operation, entry.Target, JournalScope.Describe(journal.Operation)));
                }

                onlyCallersOwn &= userSid != null && userSid.Equals(caller.Sid, StringComparison.OrdinalIgnoreCase);
                if (entry.Kind == JournalEntryKind.Move)
                {
                    CheckNoLinks(journalPath, entry, profiles.First(p => p.Sid.Equals(userSid, StringComparison.OrdinalIgnoreCase)));
                }
            }

            // An elevated restore writes where the journal says: the file must be one only administrators could have written,
            // unless everything in it is the caller's own data (which the caller could change anyway).
            if (JournalStorage.IsPrivileged(caller) && !onlyCallersOwn)
            {
                var why = JournalStorage.WhyUntrusted(machine, journalPath);
                if (why != null)
                {
                    throw new JournalRefusedException(ModuleErrors.JournalUntrusted(journalPath, why));
                }
            }
        }

        /// <summary>A user can swap a folder of their profile for a junction after the run: a move back must not follow it.</summary>
        private void CheckNoLinks(string journalPath, JournalEntry entry, UserProfile owner)
        {
            var backupTop = owner.Folders.TopFolderOf(entry.BackupPath) ?? ExtendedLengthPath.ParentOf(PathScope.Full(journalPath));
            var originalFolder = ExtendedLengthPath.ParentOf(entry.OriginalPath);
            var originalTop = owner.Folders.TopFolderOf(originalFolder) ?? owner.ProfilePath;
            moveTops[entry] = (originalTop, backupTop);
            var link = SafeTree.FirstLinkOnTheWay(machine.Files, originalTop, originalFolder)
                ?? SafeTree.FirstLinkOnTheWay(machine.Files, backupTop, ExtendedLengthPath.ParentOf(entry.BackupPath));
            if (link != null)
            {
                throw new JournalRefusedException(ModuleErrors.JournalPathThroughLink(journalPath, entry.OriginalPath, link));
            }
        }

        private void RestoreValue(JournalEntry entry, RestoreResult result, bool force)
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
                result.Detail = "Changed since the run: now " + (current?.ToString() ?? Absent) + ", the run had set "
                    + (entry.After?.ToString() ?? Absent) + ". Left alone; use -Force to put back " + result.Restored + ".";
                return;
            }

            var action = entry.Before == null ? "Delete the value (it did not exist before)" : "Set the value back to " + result.Restored;
            if (!Approved(result.Target, action, result))
            {
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

        private void RestoreMove(JournalEntry entry, RestoreResult result, bool force)
        {
            result.Restored = entry.OriginalPath;
            // A link in the backup (planted there, the run never moves links) is moved back as a link, never entered. Everything here goes
            // through the file seam: a backup of a deep cache is as deep as the cache, past what System.IO reaches in Windows PowerShell 5.1.
            var backup = machine.Files.Find(entry.BackupPath);
            if (backup == null)
            {
                var back = machine.Files.Find(entry.OriginalPath) != null;
                result.Status = back ? RestoreStatus.AlreadyRestored : RestoreStatus.Failed;
                result.Detail = back ? "The backup was already moved back." : "Neither the backup " + entry.BackupPath
                    + " nor the original exists any more.";
                return;
            }

            var action = "Move " + entry.BackupPath + " back to " + entry.OriginalPath;
            if (!Approved(entry.OriginalPath, action, result))
            {
                return;
            }

            // The check above was by path; the moves go through handles reached from the two tops, so a junction a user puts on
            // either way since is refused (an IOException: Failed), never followed.
            var conflicts = new List<string>();
            var tops = moveTops[entry];
            using (var from = SafeTree.OpenBelow(machine.Files, tops.BackupTop, ExtendedLengthPath.ParentOf(entry.BackupPath), create: false))
            using (var to = SafeTree.OpenBelow(machine.Files, tops.OriginalTop, ExtendedLengthPath.ParentOf(entry.OriginalPath), create: true))
            {
                MoveBack(from, Path.GetFileName(entry.BackupPath), to, Path.GetFileName(entry.OriginalPath), IsRealFolder(backup.Value), force,
                    conflicts);
            }
            if (conflicts.Count == 0)
            {
                result.Status = RestoreStatus.Restored;
                result.Detail = action + ".";
            }
            else
            {
                result.Status = RestoreStatus.Conflict;
                result.Detail = Wording.Count(conflicts.Count, "item") + (conflicts.Count == 1 ? " exists" : " exist")
                    + " again at the original place and were left alone (the backup keeps them; -Force overwrites): "
                    + string.Join(", ", conflicts.Take(5)) + (conflicts.Count > 5 ? ", ..." : string.Empty);
            }
        }

        /// <summary>
        /// Moves the whole backup back when the place is free, else item by item so nothing new there is overwritten; every step by
        /// name between open folders.
        /// </summary>
        private static void MoveBack(IFolderHandle from, string fromName, IFolderHandle to, string toName, bool isFolder, bool force,
            List<string> conflicts)
        {
            var there = to.List().Where(e => string.Equals(e.Name, toName, StringComparison.OrdinalIgnoreCase)).Cast<FolderEntry?>()
                .FirstOrDefault();
            if (!isFolder)
            {
                if (there != null && !there.Value.IsDirectory)
                {
                    if (!force)
                    {
                        conflicts.Add(there.Value.FullName);
                        return;
                    }

                    to.DeleteFile(toName);
                }

                from.Move(fromName, to, toName);
                return;
            }

            if (there == null)
            {
                try
                {
                    from.Move(fromName, to, toName);
                    return;
                }
                catch (IOException)
                {
                    // Another volume: fall through to moving item by item.
                }
            }

            bool empty;
            using (var source = from.OpenFolder(fromName))
            using (var target = to.OpenOrCreateFolder(toName))
            {
                foreach (var item in source.List().ToList())
                {
                    MoveBack(source, item.Name, target, item.Name, IsRealFolder(item), force, conflicts);
                }

                empty = !source.List().Any();
            }

            if (conflicts.Count == 0 && empty)
            {
                from.DeleteFolder(fromName);
            }
        }

        private static bool IsRealFolder(FolderEntry entry) => entry.IsDirectory && !entry.IsLink;

        /// <summary>Asks once; a declined entry is reported as WhatIf (with -WhatIf) or Skipped.</summary>
        private bool Approved(string target, string action, RestoreResult result)
        {
            var consent = host.Ask(target, action);
            if (consent == Consent.Yes)
            {
                return true;
            }

            var whatIf = consent == Consent.WhatIf;
            result.Status = whatIf ? RestoreStatus.WhatIf : RestoreStatus.Skipped;
            result.Detail = (whatIf ? "What if: " : "Declined: ") + action + ".";
            return false;
        }
    }
}
