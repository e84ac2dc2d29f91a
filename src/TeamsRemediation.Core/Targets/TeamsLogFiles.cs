using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TeamsRemediation.Targets
{
    /// <summary>
    /// Which Teams log files of a user count for a period, for both that read them: the log scan of Test-TeamsCaa20002
    /// (EvidenceChecks.TeamsLogs) and the evidence copy made before a repair (EvidenceCollector). A file counts when it was last
    /// written at or after the cutoff: the classic client's logs.txt, and the files of new Teams' Logs folder. The copy takes every
    /// file of that folder in the period; the scan reads only the MSTeams_*.log files among them, the ones that carry the sign-in
    /// codes it counts. The others there (WebView2, crash and update logs) mean nothing to the scan but may to whoever reads the
    /// copied evidence, so the copy is a superset of what the scan read, never a different set.
    /// </summary>
    public static class TeamsLogFiles
    {
        /// <summary>The new Teams logs the scan reads, as a search pattern for messages (the scan matches by <see cref="IsScanned"/>).</summary>
        public const string ScannedPattern = "MSTeams_*.log";

        private const string ScannedPrefix = "MSTeams_";
        private const string ScannedExtension = ".log";

        public static bool InPeriod(DateTime lastWriteTimeUtc, DateTime cutoffUtc) => lastWriteTimeUtc >= cutoffUtc;

        /// <summary>True for a file name the scan reads (any case, as Windows matches names).</summary>
        public static bool IsScanned(string fileName) =>
            fileName.StartsWith(ScannedPrefix, StringComparison.OrdinalIgnoreCase)
            && fileName.EndsWith(ScannedExtension, StringComparison.OrdinalIgnoreCase);

        /// <summary>The classic client's log when it was written in the period, else null.</summary>
        public static string? Classic(UserFolders folders, DateTime cutoffUtc)
        {
            var classic = TeamsLayout.ClassicLogPath(folders);
            return File.Exists(classic) && InPeriod(File.GetLastWriteTimeUtc(classic), cutoffUtc) ? classic : null;
        }

        /// <summary>
        /// Every file of a new Teams Logs folder written in the period, newest first (the name breaks ties): what the evidence copy
        /// takes. None for a missing folder; IOException or UnauthorizedAccessException when it cannot be listed.
        /// </summary>
        public static IReadOnlyList<FileInfo> InNewTeamsFolder(string logFolder, DateTime cutoffUtc)
        {
            var folder = new DirectoryInfo(logFolder);
            if (!folder.Exists)
            {
                return new FileInfo[0];
            }

            return folder.EnumerateFiles().Where(f => InPeriod(f.LastWriteTimeUtc, cutoffUtc)).OrderByDescending(f => f.LastWriteTimeUtc)
                .ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>
        /// The files the scan reads, in name order: the classic log and the MSTeams_*.log files of the period, a subset of what
        /// <see cref="Classic"/> and <see cref="InNewTeamsFolder"/> give the copy.
        /// </summary>
        public static IReadOnlyList<string> Scanned(UserFolders folders, DateTime cutoffUtc)
        {
            var files = new List<string>();
            var classic = Classic(folders, cutoffUtc);
            if (classic != null)
            {
                files.Add(classic);
            }

            files.AddRange(InNewTeamsFolder(TeamsLayout.NewLogFolder(folders), cutoffUtc).Where(f => IsScanned(f.Name))
                .Select(f => f.FullName).OrderBy(f => f, StringComparer.OrdinalIgnoreCase));
            return files;
        }
    }
}
