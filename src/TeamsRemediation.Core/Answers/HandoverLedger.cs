using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Answers
{
    /// <summary>
    /// When the problems left were handed over (the admin pack written for the user or the tenant admin), and which: a run that finds
    /// the same problems and nothing the PC can fix repeats no work (no new evidence copy, no new pack) and points at the pack already
    /// written. Which problems is a fingerprint of each one's check, user, owner and codes, so the same Conditional Access block logged
    /// again is the same problem, and a new code or a new user is not. Kept in %ProgramData%\TeamsRemediation\HandedOver like the
    /// answered-evidence records, and trusted only from there.
    /// </summary>
    public static class HandoverLedger
    {
        public const string FolderName = "HandedOver";

        private const string Header = "TeamsRemediation handed-over 1";
        private const string Kind = "handed-over";

        /// <summary>The problems as one value: their checks, users, owners and codes, in a stable order.</summary>
        public static string Fingerprint(IEnumerable<TeamsCaa20002Finding> problems)
        {
            var lines = problems.Select(f => f.CheckId + "|" + f.UserSid.ToUpperInvariant() + "|" + f.Owner + "|"
                    + string.Join(",", CodeCatalog.Extract(f.Summary).OrderBy(c => c, StringComparer.Ordinal)))
                .Distinct().OrderBy(l => l, StringComparer.Ordinal);
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
                return string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        /// <summary>
        /// Records that these problems were handed over with the pack in <paramref name="reportPath"/>. Only SYSTEM or an elevated run
        /// writes; a record that cannot be written is returned as a warning (the pack is written: the next run only writes it again).
        /// </summary>
        public static string? Write(IMachine machine, IEnumerable<TeamsCaa20002Finding> problems, string reportPath)
        {
            if (!AnswerLedger.Writes(machine))
            {
                return null;
            }

            var now = machine.Clock.UtcNow.UtcDateTime;
            var path = Path.Combine(ProtectedRecords.Folder(machine, FolderName), now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)
                + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".txt");
            var text = Header + "\nComputer: " + machine.ComputerName + "\nProblems: " + Fingerprint(problems) + "\nHandedOverUtc: "
                + now.ToString("o", CultureInfo.InvariantCulture) + "\nReport: " + reportPath.Replace('\r', ' ').Replace('\n', ' ') + "\n";
            try
            {
                ProtectedRecords.Write(machine, FolderName, path, text);
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                return "The record that these problems were handed over could not be written to " + path + " (" + e.Message
                    + "): the next run writes the admin pack again.";
            }
        }

        /// <summary>The newest trusted handover of exactly these problems on this PC (when, and the report folder), or null.</summary>
        public static KeyValuePair<DateTime, string>? Find(IMachine machine, IEnumerable<TeamsCaa20002Finding> problems, List<string> warnings)
        {
            var fingerprint = Fingerprint(problems);
            KeyValuePair<DateTime, string>? newest = null;
            foreach (var text in ProtectedRecords.Read(machine, FolderName, Kind, warnings, out _))
            {
                var fields = text.Value.Replace("\r\n", "\n").Split('\n');
                var values = fields.Skip(1).Where(l => l.IndexOf(": ", StringComparison.Ordinal) > 0)
                    .GroupBy(l => l.Substring(0, l.IndexOf(": ", StringComparison.Ordinal)))
                    .ToDictionary(g => g.Key, g => g.First().Substring(g.Key.Length + 2), StringComparer.Ordinal);
                if (fields[0] != Header || !values.TryGetValue("Computer", out var computer) || !values.TryGetValue("Problems", out var problemsSeen)
                    || !values.TryGetValue("HandedOverUtc", out var at) || !values.TryGetValue("Report", out var report)
                    || !DateTime.TryParseExact(at, "o", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
                {
                    warnings.Add(ProtectedRecords.Ignored(Kind, text.Key) + "it is not a handed-over record of version 1.");
                    continue;
                }

                if (computer.Equals(machine.ComputerName, StringComparison.OrdinalIgnoreCase) && problemsSeen == fingerprint
                    && (newest == null || when > newest.Value.Key))
                {
                    newest = new KeyValuePair<DateTime, string>(when, report);
                }
            }

            return newest;
        }
    }
}
