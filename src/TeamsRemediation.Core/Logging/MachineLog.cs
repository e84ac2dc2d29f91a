using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Logging
{
    /// <summary>
    /// The per-machine log of unattended runs: one line per decision and per change, in
    /// %ProgramData%\TeamsRemediation\Logs\TeamsRemediation.log (SYSTEM and Administrators only), rotated at
    /// <see cref="MaximumBytes"/> into .1 ... .<see cref="KeptFiles"/>. Lines carry ids, SIDs, sessions, paths and
    /// outcomes; callers never pass secrets, and line breaks are flattened so one entry is always one line.
    /// A log that cannot be written never stops the work it describes: <see cref="Write"/> then returns false.
    /// Each line also goes to the Application event log under <see cref="EventLogSource"/>, registered on first use
    /// when this caller may register it, and skipped quietly when not.
    /// </summary>
    public sealed class MachineLog
    {
        public const string FolderName = "Logs";
        public const string FileName = "TeamsRemediation.log";
        public const long MaximumBytes = 1024 * 1024;
        public const int KeptFiles = 5;

        /// <summary>The event id of every line copied to the Application log.</summary>
        public const int EventId = 1000;

        /// <summary>
        /// One writer at a time across the processes of this machine (two scheduled runs may overlap): a file opened with
        /// FileShare.None in the protected Logs folder, which no user can open. Not a named mutex: any user can create and hold
        /// a mutex in Global\ (Kernel Object Namespaces), and SYSTEM would wait on it for every line.
        /// </summary>
        public const string LockFileName = FileName + ".lock";

        // Rotation is quick; a writer that holds the lock longer has hung, and one lost ordering is better than a stuck run.
        private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly IMachine machine;
        private readonly object gate = new object();
        private bool? eventSourceReady;

        public MachineLog(IMachine machine)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
        }

        public string FilePath => Path.Combine(JournalStorage.ModuleFolder(machine), FolderName, FileName);

        /// <summary>Appends "time computer pid [source] message" (and an event of that level); false when the file could not be written.</summary>
        public bool Write(string source, string message, EventLogLevel level = EventLogLevel.Information)
        {
            var line = machine.Clock.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + " " + machine.ComputerName + " "
                + System.Diagnostics.Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture) + " [" + source + "] "
                + Flatten(message) + "\r\n";
            lock (gate)
            {
                try
                {
                    // Judged again for every line: the folder is trusted for this write, not for the life of the process.
                    var folder = ProtectedFolder.EnsureAdministratorsOnly(machine, FolderName);
                    using (AcquireLock(Path.Combine(folder, LockFileName)))
                    {
                        RotateIfFull();
                        using (var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                        {
                            var bytes = Utf8.GetBytes(line);
                            stream.Write(bytes, 0, bytes.Length);
                        }
                    }

                    return true;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    return false;
                }
                finally
                {
                    WriteEvent("[" + source + "] " + Flatten(message), level);
                }
            }
        }

        private void WriteEvent(string text, EventLogLevel level)
        {
            eventSourceReady = eventSourceReady ?? EventLogSource.TryEnsureRegistered(machine);
            if (eventSourceReady != true)
            {
                return;
            }

            try
            {
                machine.EventLog.Write(EventLogSource.Name, level, EventId, text);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // The event log service may be stopped or full: the file keeps the line.
            }
        }

        /// <summary>The lock file, or null (write anyway) when another writer held it past <see cref="LockWait"/>.</summary>
        private static IDisposable? AcquireLock(string path)
        {
            // Real time, not the machine's clock: this waits for another process, whatever time the PC (or a test) says it is.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (waited.Elapsed < LockWait)
                {
                    Thread.Sleep(20);
                }
                catch (IOException)
                {
                    return null;
                }
            }
        }

        private void RotateIfFull()
        {
            var current = new FileInfo(FilePath);
            if (!current.Exists || current.Length < MaximumBytes)
            {
                return;
            }

            var oldest = FilePath + "." + KeptFiles;
            if (File.Exists(oldest))
            {
                machine.Files.DeleteFile(oldest);
            }

            for (var index = KeptFiles - 1; index >= 1; index--)
            {
                var from = FilePath + "." + index;
                if (File.Exists(from))
                {
                    machine.Files.MoveFile(from, FilePath + "." + (index + 1));
                }
            }

            machine.Files.MoveFile(FilePath, FilePath + ".1");
        }

        /// <summary>One line, and nothing a caller let slip that could be a token, cookie or password (the log and the event are readable
        /// by every administrator, and collected with the report).</summary>
        private static string Flatten(string message) => Repair.SecretText.Redact((message ?? string.Empty).Replace("\r", " ").Replace("\n", " "));
    }
}
