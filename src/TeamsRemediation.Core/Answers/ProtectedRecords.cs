using System;
using System.Collections.Generic;
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
    /// Small text records in a folder of %ProgramData%\TeamsRemediation that only SYSTEM and the Administrators may write: each written
    /// durably and made theirs, and read back only when nobody else could have written or replaced it (a record steers what SYSTEM does
    /// next, so a user must never be able to plant one).
    /// </summary>
    internal static class ProtectedRecords
    {
        /// <summary>A record is a few hundred bytes; anything larger was not written by the module.</summary>
        private const int MaxRecordBytes = 16 * 1024;

        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        public static string Folder(IMachine machine, string folderName) => Path.Combine(JournalStorage.ModuleFolder(machine), folderName);

        /// <summary>Writes one new record file, flushed to disk, then gives it the Administrators' protected descriptor.</summary>
        /// <exception cref="IOException">Not written.</exception>
        /// <exception cref="UnauthorizedAccessException">Not written, or the folder may be changed by others.</exception>
        public static void Write(IMachine machine, string folderName, string path, string text)
        {
            ProtectedFolder.EnsureAdministratorsOnly(machine, folderName);
            using (var stream = machine.Files.OpenJournal(path, createNew: true))
            {
                var bytes = Utf8.GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
                JournalFile.FlushToDisk(stream);
            }

            machine.Storage.Protect(path, JournalStorage.JournalFileSddl);
        }

        /// <summary>
        /// The texts of the records only SYSTEM or the Administrators could have written, by path; every other file is a warning naming
        /// <paramref name="kind"/>. <paramref name="notRead"/> says why nothing was read when this account may not list the folder.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Read(IMachine machine, string folderName, string kind, List<string> warnings,
            out string? notRead)
        {
            notRead = null;
            var folder = Folder(machine, folderName);
            var texts = new List<KeyValuePair<string, string>>();
            if (!Directory.Exists(folder))
            {
                return texts;
            }

            string[] files;
            try
            {
                files = Directory.GetFiles(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                notRead = "The " + kind + " records in " + folder + " could not be read by this account (" + e.Message + ").";
                return texts;
            }

            foreach (var file in files.OrderBy(f => f, StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    var why = JournalStorage.WhyUntrusted(machine, file);
                    var info = new FileInfo(file);
                    if (why == null && (info.Length > MaxRecordBytes || SafeTree.IsLink(info)))
                    {
                        why = "it is not a record the module wrote (a link, or " + info.Length + " bytes)";
                    }

                    if (why != null)
                    {
                        warnings.Add(Ignored(kind, file) + why + "; only a record SYSTEM or an administrator wrote is trusted.");
                        continue;
                    }

                    texts.Add(new KeyValuePair<string, string>(file, File.ReadAllText(file, Utf8)));
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
                {
                    warnings.Add(Ignored(kind, file) + e.Message);
                }
            }

            return texts;
        }

        public static string Ignored(string kind, string file) => "Ignored the " + kind + " record " + file + ": ";
    }
}
