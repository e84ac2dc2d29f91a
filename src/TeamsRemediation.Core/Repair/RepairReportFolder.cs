using System;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The folder of one repair run that keeps its evidence and the admin pack. An elevated run or SYSTEM keeps it in
    /// %ProgramData%\TeamsRemediation\Reports\&lt;run&gt;, SYSTEM's and the Administrators' alone like the journals (the logs
    /// and events copied there are other users' data); a user's own run keeps it in that user's profile, where only
    /// their own logs can come from. The run folder is created new, with its DACL in the same call: nothing already
    /// there is reused.
    /// </summary>
    public static class RepairReportFolder
    {
        public const string FolderName = "Reports";

        /// <summary>Creates the run's folder: under <paramref name="root"/> when given, else in the default place.</summary>
        /// <exception cref="RepairReportException">The folder could not be created, or the protected folder above it may be changed by
        /// others.</exception>
        public static string Create(IMachine machine, string? root = null)
        {
            if (machine is null)
            {
                throw new ArgumentNullException(nameof(machine));
            }

            var name = machine.Clock.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-"
                + Guid.NewGuid().ToString("N").Substring(0, 8);
            var parent = root ?? DefaultParent(machine);
            var folder = Path.Combine(PathScope.Full(parent), name);
            try
            {
                if (root == null && JournalStorage.IsPrivileged(machine.Users.GetCurrentIdentity()))
                {
                    ProtectedFolder.EnsureAdministratorsOnly(machine, FolderName);
                    machine.Storage.CreateFolder(folder, JournalStorage.JournalFolderSddl);
                }
                else
                {
                    Directory.CreateDirectory(parent);
                    if (Directory.Exists(folder))
                    {
                        throw new IOException(folder + " already exists.");
                    }

                    Directory.CreateDirectory(folder);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                throw new RepairReportException(ModuleErrors.RepairReportFolderFailed(folder, e), e);
            }

            return folder;
        }

        /// <summary>The folder the run folders go to when the caller names none.</summary>
        public static string DefaultParent(IMachine machine)
        {
            var caller = machine.Users.GetCurrentIdentity();
            if (JournalStorage.IsPrivileged(caller))
            {
                return Path.Combine(JournalStorage.ModuleFolder(machine), FolderName);
            }

            var profile = machine.Users.GetProfiles().FirstOrDefault(p => p.Sid.Equals(caller.Sid, StringComparison.OrdinalIgnoreCase));
            return profile == null ? Path.Combine(JournalStorage.ModuleFolder(machine), FolderName)
                : Path.Combine(profile.Folders.LocalAppData, "TeamsRemediation", FolderName);
        }
    }
}
