using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Answers
{
    /// <summary>
    /// Where the module keeps what its changes answered: %ProgramData%\TeamsRemediation\Answered, SYSTEM's and the Administrators'
    /// alone, like the journals. A record is written before its change, by an elevated run or SYSTEM only, and read back only from
    /// there and only when nobody but SYSTEM and the Administrators could have written it: a record hides evidence, so a user must
    /// never be able to plant one. A user's own run writes none (that folder is not theirs), and the evidence keeps counting.
    /// </summary>
    public static class AnswerLedger
    {
        public const string FolderName = "Answered";

        public static string Folder(IMachine machine) => ProtectedRecords.Folder(machine, FolderName);

        /// <summary>True when this caller writes records: SYSTEM or an elevated administrator.</summary>
        public static bool Writes(IMachine machine) => JournalStorage.IsPrivileged(machine.Users.GetCurrentIdentity());

        /// <summary>
        /// Writes the records, each durably and protected, before the change they announce. Returns false, writing nothing, for a
        /// caller that is not privileged.
        /// </summary>
        /// <exception cref="AnswerRecordException">A record could not be written (or the folder may be changed by others): make no
        /// change.</exception>
        public static bool Write(IMachine machine, IEnumerable<AnswerRecord> records)
        {
            var list = records.ToList();
            if (list.Count == 0 || !Writes(machine))
            {
                return false;
            }

            foreach (var record in list)
            {
                var path = Path.Combine(Folder(machine), record.AnsweredUtc.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + "-"
                    + record.Cause + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".txt");
                try
                {
                    ProtectedRecords.Write(machine, FolderName, path, record.ToText());
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
                {
                    throw new AnswerRecordException(path, e);
                }
            }

            Prune(machine, list);
            return true;
        }

        /// <summary>
        /// Only the newest record of a user and cause decides, so the older ones of the same user and cause are removed once a newer one
        /// is written: the folder stays as small as the causes it answers, and each detection reads few files. Best effort: a record
        /// left behind changes nothing.
        /// </summary>
        private static void Prune(IMachine machine, IReadOnlyList<AnswerRecord> written)
        {
            foreach (var text in ProtectedRecords.Read(machine, FolderName, Kind, new List<string>(), out _))
            {
                AnswerRecord old;
                try
                {
                    old = AnswerRecord.Parse(text.Value);
                }
                catch (InvalidDataException)
                {
                    continue;
                }

                if (written.Any(w => w.Cause == old.Cause && w.UserSid.Equals(old.UserSid, StringComparison.OrdinalIgnoreCase)
                    && w.ComputerName.Equals(old.ComputerName, StringComparison.OrdinalIgnoreCase) && old.AnsweredUtc < w.AnsweredUtc))
                {
                    try
                    {
                        machine.Files.DeleteFile(text.Key);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
                    {
                        // Left behind: an older record of the same cause decides nothing beside the newer one.
                    }
                }
            }
        }

        /// <summary>
        /// The records of this PC that only SYSTEM or the Administrators could have written. Any other file there (planted, edited,
        /// damaged, from another PC) is left out with a warning; a folder this account may not read gives no records and a note.
        /// </summary>
        public static AnswerLedgerReading Read(IMachine machine)
        {
            var records = new List<AnswerRecord>();
            var warnings = new List<string>();
            var texts = ProtectedRecords.Read(machine, FolderName, Kind, warnings, out var notRead);
            var now = machine.Clock.UtcNow.UtcDateTime;
            foreach (var text in texts)
            {
                try
                {
                    var record = AnswerRecord.Parse(text.Value);
                    if (!record.ComputerName.Equals(machine.ComputerName, StringComparison.OrdinalIgnoreCase))
                    {
                        warnings.Add(ProtectedRecords.Ignored(Kind, text.Key) + "it was written on " + record.ComputerName + ", not on "
                            + machine.ComputerName + ".");
                        continue;
                    }

                    // A record from a clock that ran ahead answers evidence up to now, not what is logged until then.
                    records.Add(record.AnsweredUtc > now
                        ? new AnswerRecord(record.ComputerName, record.UserSid, record.UserName, record.Cause, record.AnsweredBy, now,
                            record.ReportPath)
                        : record);
                }
                catch (InvalidDataException e)
                {
                    warnings.Add(ProtectedRecords.Ignored(Kind, text.Key) + e.Message);
                }
            }

            return new AnswerLedgerReading(records, warnings, notRead == null ? null : notRead + " Evidence a repair has answered still counts.");
        }

        private const string Kind = "answered-evidence";
    }
}
