using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Logs;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Text;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Rung 1, before any change: copies what a repair may destroy into the run's report folder (see
    /// <see cref="RepairReportFolder"/>): each target user's Teams logs (classic logs.txt, new Teams' Logs folder), the
    /// newest collected-log archive in Downloads, and the events 1098 of the period. Never follows a junction or symbolic
    /// link (on the way from the profile or the file itself), never reads back what it wrote, and stops at a byte and a
    /// file budget: newer evidence first, a log longer than the limit for one file keeps its newest part.
    /// </summary>
    public sealed class EvidenceCollector
    {
        /// <summary>Bytes copied in one run, all users together.</summary>
        public const long DefaultMaxBytes = 512L << 20;

        /// <summary>Bytes of one file: a longer log is cut to its newest part, a longer archive is left.</summary>
        public const long DefaultMaxFileBytes = 64L << 20;

        /// <summary>Files copied in one run (a new Teams Logs folder holds a few dozen).</summary>
        public const int DefaultMaxFiles = 400;

        public const string EvidenceFolderName = "Evidence";
        public const string EventsFileName = "events-1098.txt";

        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly IMachine machine;
        private readonly long maxBytes;
        private readonly long maxFileBytes;
        private readonly int maxFiles;

        public EvidenceCollector(IMachine machine, long maxBytes = DefaultMaxBytes, long maxFileBytes = DefaultMaxFileBytes,
            int maxFiles = DefaultMaxFiles)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            if (maxBytes <= 0 || maxFileBytes <= 0 || maxFiles <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxBytes), "The evidence budgets must be positive.");
            }

            this.maxBytes = maxBytes;
            this.maxFileBytes = maxFileBytes;
            this.maxFiles = maxFiles;
        }

        /// <summary>
        /// Copies the evidence of the last <paramref name="since"/> for <paramref name="users"/> into
        /// <paramref name="reportFolder"/>\Evidence. What could not be copied is in the result with the reason, never thrown.
        /// </summary>
        /// <param name="reportFolder">The run's folder from <see cref="RepairReportFolder.Create"/>.</param>
        /// <param name="users">The target users.</param>
        /// <param name="since">The period: logs written and events raised since then.</param>
        /// <param name="eventTimeout">How long the event log may take.</param>
        public EvidenceCollection Collect(string reportFolder, IReadOnlyList<TargetUser> users, TimeSpan since, TimeSpan eventTimeout)
        {
            if (string.IsNullOrEmpty(reportFolder) || !Directory.Exists(reportFolder))
            {
                throw new ArgumentException("The report folder must exist (RepairReportFolder.Create makes it).", nameof(reportFolder));
            }

            var run = new Run(Path.Combine(reportFolder, EvidenceFolderName), maxBytes, maxFiles);
            Directory.CreateDirectory(run.Folder);
            var cutoff = machine.Clock.UtcNow.UtcDateTime - since;
            var events = CopyEvents(run, users ?? new TargetUser[0], since, eventTimeout);
            foreach (var user in users ?? new TargetUser[0])
            {
                var into = Path.Combine(run.Folder, FileNames.Safe(user.UserName));
                foreach (var source in Sources(user, cutoff))
                {
                    CopyOne(run, user, source.Path, Path.Combine(into, source.Kind), source.IsArchive);
                }
            }

            return new EvidenceCollection(reportFolder, run.Files, run.Skipped, events);
        }

        /// <summary>A user's evidence, newest first within each kind: classic log, new Teams logs, the newest collected archive.</summary>
        private IEnumerable<(string Path, string Kind, bool IsArchive)> Sources(TargetUser user, DateTime cutoff)
        {
            var classic = TeamsLogFiles.Classic(user.Folders, cutoff);
            if (classic != null)
            {
                yield return (classic, "Classic", false);
            }

            var newLogs = TeamsLayout.LogPath(TeamsClient.New, user.Folders);
            foreach (var file in NewestFirst(newLogs, cutoff))
            {
                yield return (file, "New", false);
            }

            string? archive = null;
            try
            {
                archive = WebLogsArchiveScanner.Newest(TeamsLayout.Downloads(user.Folders), cutoff);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Reported below like any other unreadable source.
                archive = TeamsLayout.Downloads(user.Folders);
            }

            if (archive != null)
            {
                yield return (archive, "Downloads", true);
            }
        }

        private static IEnumerable<string> NewestFirst(string folder, DateTime cutoff)
        {
            var info = new DirectoryInfo(folder);
            if (!info.Exists || SafeTree.IsLink(info))
            {
                // A linked Logs folder is reported by CopyOne for the folder itself.
                return info.Exists ? new[] { folder } : new string[0];
            }

            try
            {
                // Every file of the period, not only the ones the scan reads (TeamsLogFiles says why).
                return TeamsLogFiles.InNewTeamsFolder(folder, cutoff).Select(f => f.FullName).ToList();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return new[] { folder };
            }
        }

        private void CopyOne(Run run, TargetUser user, string source, string destinationFolder, bool isArchive)
        {
            // The user's own folder that holds the source: the profile, or a redirected Downloads or AppData.
            var link = FirstLink(user.Folders.TopFolderOf(source) ?? user.ProfilePath, source);
            if (link != null)
            {
                run.Skip(user.Sid, source, EvidenceSkipReason.Link, link + " is a junction or symbolic link: not followed.");
                return;
            }

            if (!File.Exists(source))
            {
                run.Skip(user.Sid, source, EvidenceSkipReason.Unreadable, "it is not a file that can be listed or read.");
                return;
            }

            long length;
            try
            {
                length = new FileInfo(source).Length;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                run.Skip(user.Sid, source, EvidenceSkipReason.Unreadable, e.Message);
                return;
            }

            if (isArchive && length > maxFileBytes)
            {
                run.Skip(user.Sid, source, EvidenceSkipReason.TooLarge, ByteSize.Megabytes(length) + " is more than the "
                    + ByteSize.Megabytes(maxFileBytes) + " one file may take (a collection of Teams logs is a few MB).");
                return;
            }

            var wanted = Math.Min(length, maxFileBytes);
            if (run.FilesLeft == 0 || wanted > run.BytesLeft)
            {
                run.Skip(user.Sid, source, EvidenceSkipReason.BudgetSpent, "the run's evidence budget of " + ByteSize.Megabytes(maxBytes)
                    + " and " + maxFiles + " files went to newer evidence.");
                return;
            }

            var destination = Path.Combine(destinationFolder, Path.GetFileName(source));
            try
            {
                Directory.CreateDirectory(destinationFolder);
                var copy = isArchive
                    ? RedactedCopy.Archive(source, destination, WebLogsArchiveScanner.DefaultMaxBytes)
                    : RedactedCopy.Text(source, destination, wanted);
                File.SetLastWriteTimeUtc(destination, File.GetLastWriteTimeUtc(source));
                run.Add(new EvidenceFile(user.Sid, source, destination, copy.BytesWritten, !isArchive && copy.BytesRead < length,
                    copy.ValuesRemoved, copy.EntriesLeftOut));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // InvalidDataException (a damaged zip) is an IOException too.
                TryDelete(destination);
                run.Skip(user.Sid, source, EvidenceSkipReason.Unreadable, e.Message);
            }
        }

        private int CopyEvents(Run run, IReadOnlyList<TargetUser> users, TimeSpan since, TimeSpan timeout)
        {
            var read = machine.Events.ReadAadTokenErrors(since, timeout);
            if (!read.Succeeded)
            {
                run.Skip(string.Empty, "Microsoft-Windows-AAD/Operational", EvidenceSkipReason.EventLogUnreadable, read.Error);
                return 0;
            }

            var sids = new HashSet<string>(users.Select(u => u.Sid), StringComparer.OrdinalIgnoreCase);
            var mine = read.Events.Where(e => sids.Contains(e.UserSid)).ToList();
            var removed = 0;
            string Line(string? value)
            {
                var clean = SecretText.Redact(Diagnostics.FindingText.Clean(value), out var count);
                removed += count;
                return clean;
            }

            var text = new StringBuilder();
            text.Append("# Events 1098 (Microsoft-Windows-AAD/Operational) of ").Append(machine.ComputerName).Append(" since ")
                .Append(Utc(machine.Clock.UtcNow - since)).Append(", target users only. Values that could be secrets are replaced by ")
                .Append(SecretText.Removed).Append(".\r\n");
            foreach (var e in mine)
            {
                text.Append("\r\n").Append(Utc(e.TimeCreated)).Append(" user ").Append(Line(e.UserSid)).Append("\r\n");
                foreach (var line in e.Message.Replace("\r\n", "\n").Split('\n'))
                {
                    text.Append("    ").Append(Line(line)).Append("\r\n");
                }

                foreach (var field in e.Data)
                {
                    text.Append("    data ").Append(Line(field.Name)).Append(" = ").Append(Line(field.Value)).Append("\r\n");
                }
            }

            var bytes = Utf8.GetBytes(text.ToString());
            var path = Path.Combine(run.Folder, EventsFileName);
            if (bytes.Length > run.BytesLeft || run.FilesLeft == 0)
            {
                run.Skip(string.Empty, "Microsoft-Windows-AAD/Operational", EvidenceSkipReason.BudgetSpent,
                    Wording.Count(mine.Count, "event") + " would take " + ByteSize.Megabytes(bytes.Length) + ", more than the evidence budget.");
                return 0;
            }

            try
            {
                using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    output.Write(bytes, 0, bytes.Length);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                TryDelete(path);
                run.Skip(string.Empty, "Microsoft-Windows-AAD/Operational", EvidenceSkipReason.Unreadable, "the events file could not be written: "
                    + e.Message);
                return 0;
            }

            run.Add(new EvidenceFile(string.Empty, "Microsoft-Windows-AAD/Operational", path, bytes.Length, false, removed, 0));
            return mine.Count;
        }

        /// <summary>The first link from the profile down to the file (the profile folder itself included), or null.</summary>
        private string? FirstLink(string profilePath, string path)
        {
            if (!PathScope.IsSameOrInside(path, profilePath))
            {
                return path;
            }

            var onTheWay = SafeTree.FirstLinkOnTheWay(machine.Files, profilePath, path);
            if (onTheWay != null)
            {
                return onTheWay;
            }

            var file = new FileInfo(path);
            return file.Exists && SafeTree.IsLink(file) ? path : null;
        }

        private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A half-written copy that cannot be removed is named in the skip reason's source.
            }
        }

        /// <summary>The budgets and the tally of one Collect call.</summary>
        private sealed class Run
        {
            private readonly List<EvidenceFile> files = new List<EvidenceFile>();
            private readonly List<EvidenceSkip> skipped = new List<EvidenceSkip>();
            private readonly int maxFiles;

            public Run(string folder, long maxBytes, int maxFiles)
            {
                Folder = folder;
                BytesLeft = maxBytes;
                this.maxFiles = maxFiles;
            }

            public string Folder { get; }

            public long BytesLeft { get; private set; }

            public int FilesLeft => maxFiles - files.Count;

            public IReadOnlyList<EvidenceFile> Files => files;

            public IReadOnlyList<EvidenceSkip> Skipped => skipped;

            public void Add(EvidenceFile file)
            {
                files.Add(file);
                BytesLeft -= file.Bytes;
            }

            public void Skip(string userSid, string source, EvidenceSkipReason reason, string detail) =>
                skipped.Add(new EvidenceSkip(userSid, source, reason, detail));
        }
    }
}
