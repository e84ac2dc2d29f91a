using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using TeamsRemediation.FileSystem;
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

        /// <summary>A record is a few hundred bytes; anything larger was not written by the module.</summary>
        private const int MaxRecordBytes = 16 * 1024;

        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        public static string Folder(IMachine machine) => Path.Combine(JournalStorage.ModuleFolder(machine), FolderName);

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

            var folder = Folder(machine);
            foreach (var record in list)
            {
                var path = Path.Combine(folder, record.AnsweredUtc.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + "-"
                    + record.Cause + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".txt");
                try
                {
                    ProtectedFolder.EnsureAdministratorsOnly(machine, FolderName);
                    using (var stream = machine.Files.OpenJournal(path, createNew: true))
                    {
                        var bytes = Utf8.GetBytes(record.ToText());
                        stream.Write(bytes, 0, bytes.Length);
                        JournalFile.FlushToDisk(stream);
                    }

                    machine.Storage.Protect(path, JournalStorage.JournalFileSddl);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
                {
                    throw new AnswerRecordException(path, e);
                }
            }

            return true;
        }

        /// <summary>
        /// The records of this PC that only SYSTEM or the Administrators could have written. Any other file there (planted, edited,
        /// damaged, from another PC) is left out with a warning; a folder this account may not read gives no records and a note.
        /// </summary>
        public static AnswerLedgerReading Read(IMachine machine)
        {
            var folder = Folder(machine);
            var records = new List<AnswerRecord>();
            var warnings = new List<string>();
            if (!Directory.Exists(folder))
            {
                return new AnswerLedgerReading(records, warnings, null);
            }

            string[] files;
            try
            {
                files = Directory.GetFiles(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                return new AnswerLedgerReading(records, warnings, "The answered-evidence records in " + folder
                    + " could not be read by this account (" + e.Message + "): evidence a repair has answered still counts.");
            }

            var now = machine.Clock.UtcNow.UtcDateTime;
            foreach (var file in files.OrderBy(f => f, StringComparer.OrdinalIgnoreCase))
            {
                var ignored = "Ignored the answered-evidence record " + file + ": ";
                try
                {
                    var why = JournalStorage.WhyUntrusted(machine, file);
                    if (why != null)
                    {
                        warnings.Add(ignored + why + "; only a record SYSTEM or an administrator wrote is trusted, so the evidence it names still "
                            + "counts.");
                        continue;
                    }

                    var info = new FileInfo(file);
                    if (info.Length > MaxRecordBytes || SafeTree.IsLink(info))
                    {
                        warnings.Add(ignored + "it is not a record the module wrote (a link, or " + info.Length + " bytes).");
                        continue;
                    }

                    var record = AnswerRecord.Parse(File.ReadAllText(file, Utf8));
                    if (!record.ComputerName.Equals(machine.ComputerName, StringComparison.OrdinalIgnoreCase))
                    {
                        warnings.Add(ignored + "it was written on " + record.ComputerName + ", not on " + machine.ComputerName + ".");
                        continue;
                    }

                    records.Add(record.AnsweredUtc > now
                        ? new AnswerRecord(record.ComputerName, record.UserSid, record.UserName, record.Cause, record.AnsweredBy, now,
                            record.ReportPath)
                        : record);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException
                    || e is InvalidDataException)
                {
                    warnings.Add(ignored + e.Message);
                }
            }

            return new AnswerLedgerReading(records, warnings, null);
        }
    }
}
