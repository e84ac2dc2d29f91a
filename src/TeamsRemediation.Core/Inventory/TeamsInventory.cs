using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Inventory
{
    /// <summary>Finds the Teams clients of a user: installed or only left behind, running or not, and how big their cache is.</summary>
    public sealed class TeamsInventory
    {
        private readonly IMachine machine;
        private readonly Action<string> notice;

        /// <summary>The notice is told when the owner SID alone decided which processes are the user's (see <see cref="UserProcesses"/>).</summary>
        public TeamsInventory(IMachine machine, Action<string>? notice = null)
        {
            this.machine = machine;
            this.notice = notice ?? (_ => { });
        }

        /// <summary>How many entries the cache walk passes between two looks at its deadline.</summary>
        public const int DeadlineCheckEvery = 1024;

        /// <summary>The user's clients matching the selection. <see cref="TeamsClientSelection.Installed"/> keeps installed clients only; the others
        /// also return leftover folders.</summary>
        /// <remarks>
        /// With <paramref name="measureCache"/>, the cache walk stops at <paramref name="measureUntilUtc"/> even if unfinished
        /// (<see cref="TeamsInstallation.CacheMeasuredFully"/> then says so); null: no limit.
        /// </remarks>
        public IReadOnlyList<TeamsInstallation> Find(
            TargetUser user, TeamsClientSelection selection, bool measureCache, DateTime? measureUntilUtc = null)
        {
            var userProcesses = UserProcesses.Of(machine, user);
            if (userProcesses.Notice != null)
            {
                notice(userProcesses.Notice);
            }

            var processes = userProcesses.Processes;
            var found = new List<TeamsInstallation>();
            foreach (TeamsClient client in Enum.GetValues(typeof(TeamsClient)))
            {
                if (selection == TeamsClientSelection.Classic && client != TeamsClient.Classic || selection == TeamsClientSelection.New
                    && client != TeamsClient.New)
                {
                    continue;
                }

                var installation = Describe(user, client, processes, measureCache, measureUntilUtc);
                var wanted = selection == TeamsClientSelection.Installed ? installation.Installed : installation.Installed
                    || installation.FolderPresent;
                if (wanted)
                {
                    found.Add(installation);
                }
            }

            return found;
        }

        private TeamsInstallation Describe(
            TargetUser user, TeamsClient client, IReadOnlyList<ProcessInfo> userProcesses, bool measureCache, DateTime? measureUntilUtc)
        {
            var profile = user.Folders;
            var install = TeamsLayout.InstallPath(client, profile);
            var cache = TeamsLayout.CacheRoot(client, profile);
            var running = userProcesses.Where(p => TeamsLayout.IsClientProcess(p, client, profile)).Select(p => p.ToString()).ToArray();
            var version = client == TeamsClient.Classic ? ClassicVersion(user) : NewTeamsVersion(user);
            var installed = client == TeamsClient.Classic
                ? File.Exists(Path.Combine(install, "Update.exe")) && File.Exists(Path.Combine(install, "current", "Teams.exe"))
                : version != null;

            var result = new TeamsInstallation
            {
                ComputerName = machine.ComputerName,
                User = user.UserName,
                UserSid = user.Sid,
                Client = client,
                Version = version,
                Installed = installed,
                FolderPresent = Directory.Exists(install) || Directory.Exists(cache),
                Running = running.Length > 0,
                Processes = running,
                ProfilePath = user.ProfilePath,
                InstallPath = install,
                CachePath = cache,
                LogPath = TeamsLayout.LogPath(client, profile),
                UserLoggedOn = user.LoggedOn,
            };

            if (measureCache)
            {
                long bytes = 0, files = 0, seen = 0;
                DateTime? newest = null;
                foreach (var entry in SafeTree.Walk(machine.Files, cache))
                {
                    // A huge cache must not hold a diagnosis past its deadline: its size is then a lower bound, and said so.
                    if (measureUntilUtc.HasValue && ++seen % DeadlineCheckEvery == 0 && DateTime.UtcNow >= measureUntilUtc.Value)
                    {
                        result.CacheMeasuredFully = false;
                        break;
                    }

                    if (entry.IsDirectory || entry.IsLink)
                    {
                        continue;
                    }

                    bytes += entry.Length;
                    files++;
                    var written = entry.LastWriteTimeUtc;
                    if (newest == null || written > newest)
                    {
                        newest = written;
                    }
                }

                result.CacheSizeBytes = bytes;
                result.CacheFileCount = files;
                result.CacheLastWriteTimeUtc = newest;
            }

            return result;
        }

        private string? ClassicVersion(TargetUser user)
        {
            if (!user.HiveLoaded)
            {
                return null;
            }

            var key = new RegistryKeyPath(RegistryHive.Users, user.Sid + "\\" + TeamsLayout.ClassicUninstallKey);
            try
            {
                return machine.Registry.GetValue(key, "DisplayVersion")?.AsString;
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                // Another user's hive, read by a standard user: the version is unknown, as for a hive not loaded.
                return null;
            }
        }

        /// <summary>Registered package full names of the user, from HKLM, so it works for users who are not logged on.</summary>
        private string? NewTeamsVersion(TargetUser user)
        {
            var store = new RegistryKeyPath(RegistryHive.LocalMachine, TeamsLayout.AppxAllUserStorePath + "\\" + user.Sid);
            return machine.Registry.GetSubKeyNames(store)
                .Select(TeamsLayout.NewTeamsVersionFromPackageFullName)
                .Where(v => v != null)
                .OrderByDescending(v => Version.Parse(v!))
                .FirstOrDefault();
        }
    }
}
