using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Processes;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// Clears one user's cache of one Teams client: checks that the cache is reached without links, stops that
    /// user's Teams when allowed, takes the user's lock, checks once more for a relaunch, then removes (or backs
    /// up) everything but the user's backgrounds, settings and logs. Failures are values in the result and
    /// errors through the host; nothing is thrown for one user's trouble.
    /// </summary>
    public sealed class CacheCleaner
    {
        private readonly IMachine machine;
        private readonly IRemediationHost host;
        private readonly CacheClearOptions options;

        public CacheCleaner(IMachine machine, IRemediationHost host, CacheClearOptions options)
        {
            this.machine = machine;
            this.host = host;
            this.options = options;
        }

        /// <param name="user">From the target resolver.</param>
        /// <param name="installation">From the inventory: its CachePath and InstallPath are the only paths used.</param>
        /// <remarks>The host is asked once, with (cache path, action).</remarks>
        public TeamsCacheClearResult Clear(TargetUser user, TeamsInstallation installation)
        {
            var watch = Stopwatch.StartNew();
            var client = installation.Client;
            var result = new TeamsCacheClearResult
            {
                ComputerName = machine.ComputerName,
                User = user.UserName,
                UserSid = user.Sid,
                Client = client,
                CachePath = installation.CachePath,
                Status = CacheClearStatus.Skipped,
            };

            try
            {
                Run(user, installation, result);
            }
            finally
            {
                result.Duration = watch.Elapsed;
            }

            return result;
        }

        private void Run(TargetUser user, TeamsInstallation installation, TeamsCacheClearResult result)
        {
            var client = installation.Client;
            var cacheRoot = PathScope.Full(installation.CachePath);

            // From the folder that holds the cache (the profile, or a redirected AppData) down: a link anywhere there is refused.
            var link = SafeTree.FirstLinkOnTheWay(machine.Files, user.Folders.TopFolderOf(cacheRoot) ?? cacheRoot, cacheRoot);
            if (link != null)
            {
                host.Error(ModuleErrors.CacheRootIsLink(user.UserName, link));
                return;
            }

            var untrusted = RedirectedFolderTrust.WhyNotTheUsers(machine, user, cacheRoot);
            if (untrusted != null)
            {
                host.Error(untrusted);
                return;
            }

            var scope = CacheScopePolicy.Decide(machine, user, client, options.Scope);
            result.Scope = scope.Scope;
            result.ScopeReason = scope.Reason;
            host.Verbose("Scope " + scope.Scope + " for the " + client + " Teams cache of " + user.UserName + ": " + scope.Reason);
            if (scope.Refusal != null)
            {
                host.Error(scope.Refusal);
                return;
            }

            var backupRoot = options.BackupRoot == null ? null : PathScope.Full(options.BackupRoot);
            if (backupRoot != null && PathScope.IsSameOrInside(backupRoot, cacheRoot))
            {
                host.Error(ModuleErrors.BackupPathInsideCache(backupRoot, cacheRoot));
                return;
            }

            if (user.Folders.RoamingProfile != null && !user.LoggedOn && client == TeamsClient.Classic
                && user.Folders.RoamingAppDataSource == FolderSource.Default)
            {
                // A roaming profile copies AppData\Roaming back from the server at the next logon when the server copy is newer.
                host.Warning(user.UserName + " has a roaming profile (" + user.Folders.RoamingProfile + ") and is not logged on: the classic Teams "
                    + "cache cleared here can come back from the server copy at the next logon. Clear it while the user is logged on.");
            }

            var stopper = new TeamsProcessStopper(machine, host.Verbose, host.Warning)
            {
                WebViewGrace = options.WebViewGrace,
                KillTimeout = options.KillTimeout,
            };
            var running = stopper.Find(user, client);
            if (running.Count > 0 && !options.Force)
            {
                host.Error(ModuleErrors.TeamsRunning(user.UserName, client.ToString(), running.Select(p => p.ToString())));
                return;
            }

            var plan = Plan(user, installation, cacheRoot, scope.Scope, out var backupPath);
            var action = "Clear the " + client + " Teams cache of " + user.UserName
                + (scope.Scope == CacheScope.Light ? " lightly (" + LightNames(client) + " only)" : string.Empty)
                + (running.Count > 0 ? ", stopping " + string.Join(", ", running.Select(p => p.ToString())) : string.Empty)
                + (plan.Default == CacheItemDisposition.Backup ? ", moving it into a backup" : string.Empty);
            var consent = host.Ask(cacheRoot, action);
            if (consent == Consent.WhatIf)
            {
                var would = new CacheTreeRemover(machine.Files).Run(plan, countOnly: true);
                Fill(result, would);
                result.Status = CacheClearStatus.WhatIf;
                host.Verbose("What if: " + would.FilesRemoved.ToString("N0", CultureInfo.InvariantCulture) + " files ("
                    + ByteSize.Megabytes(would.BytesFreed) + ") would be removed from " + cacheRoot + ", "
                    + Text.Wording.Count(would.Preserved.Count, "item") + " kept"
                        + (running.Count > 0 ? "; " + Text.Wording.Count(running.Count, "process", "processes") + " would be stopped." : "."));
                return;
            }

            if (consent == Consent.No)
            {
                host.Verbose("Declined: " + cacheRoot + " was left alone.");
                return;
            }

            UserCacheLock? userLock;
            string holder;
            try
            {
                userLock = UserCacheLock.TryAcquire(machine, user.Sid, options.LockWait, out holder);
            }
            catch (UntrustedFolderException e)
            {
                host.Error(e.Error);
                return;
            }

            using (userLock)
            {
                if (userLock == null)
                {
                    host.Error(ModuleErrors.CacheClearInProgress(user.UserName, holder));
                    return;
                }

                var stopped = new List<string>();
                if (!StopTeams(stopper, running, user, client, stopped, afterRelaunch: false))
                {
                    result.ProcessesStopped = stopped.ToArray();
                    return;
                }

                // The last moment before deleting: Teams (or its auto-start) may have come back meanwhile.
                var relaunched = stopper.Find(user, client);
                if (relaunched.Count > 0)
                {
                    if (!options.Force)
                    {
                        host.Error(ModuleErrors.TeamsRunning(user.UserName, client.ToString(), relaunched.Select(p => p.ToString())));
                        return;
                    }

                    host.Verbose("Teams started again for " + user.UserName + ": " + string.Join(", ", relaunched.Select(p => p.ToString()))
                        + ". Stopping it once more.");
                    if (!StopTeams(stopper, relaunched, user, client, stopped, afterRelaunch: true))
                    {
                        result.ProcessesStopped = stopped.ToArray();
                        return;
                    }
                }

                result.ProcessesStopped = stopped.ToArray();

                // Never delete under a running Teams of this user, whatever session it runs in: it holds the cache open
                // and writes it back.
                var alive = stopper.FindAlive(user, client);
                if (alive.Count > 0)
                {
                    host.Error(ModuleErrors.TeamsRunningOutsideSessions(user.UserName, client.ToString(), alive.Select(p => p.ToString())));
                    return;
                }

                Remove(user, plan, backupPath, result);
            }

            if (options.Restart && result.Status != CacheClearStatus.Skipped)
            {
                Restart(user, installation);
            }
        }

        private bool StopTeams(TeamsProcessStopper stopper, IReadOnlyList<ProcessInfo> processes, TargetUser user, TeamsClient client,
            List<string> stopped, bool afterRelaunch)
        {
            if (processes.Count == 0)
            {
                return true;
            }

            var outcome = stopper.Stop(processes);
            stopped.AddRange(outcome.Stopped.Select(p => p.ToString()));
            foreach (var process in outcome.Stopped)
            {
                host.Verbose("Stopped " + process + ".");
            }

            if (outcome.StillRunning.Count == 0)
            {
                return true;
            }

            var names = outcome.StillRunning.Select(p => p.ToString());
            host.Error(afterRelaunch ? ModuleErrors.TeamsRelaunched(user.UserName, client.ToString(), names)
                : ModuleErrors.TeamsStillRunning(user.UserName, client.ToString(), names));
            return false;
        }

        private void Remove(TargetUser user, CacheRemovalPlan plan, string? backupPath, TeamsCacheClearResult result)
        {
            CacheBackupFolder? backup = null;
            if (backupPath != null)
            {
                try
                {
                    backup = CacheBackupFolder.Create(machine.Files, host, backupPath);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    host.Error(ModuleErrors.BackupUnavailable(backupPath, e));
                    return;
                }

                host.Verbose("Backing up into " + backup.Path + " (restore: Undo-TeamsRemediation -Journal '" + backup.Journal.Path + "').");
            }

            var activity = "Clearing the " + result.Client + " Teams cache of " + user.UserName;
            var remover = new CacheTreeRemover(
                machine.Files,
                backup?.Journal,
                (files, bytes) => host.Progress(activity, files.ToString("N0", CultureInfo.InvariantCulture) + " files, "
                    + ByteSize.Megabytes(bytes) + " removed", completed: false),
                host.Verbose);
            CacheRemovalTally tally;
            try
            {
                tally = remover.Run(plan, countOnly: false);
            }
            catch (JournalWriteException e)
            {
                // Each move is recorded before it is made: the move that could not be recorded, and all after it, were not made.
                host.Progress(activity, "Stopped", completed: true);
                host.Error(e.Error);
                result.Status = backup!.RemoveIfUnused() ? CacheClearStatus.Skipped : CacheClearStatus.PartiallyCleared;
                result.BackupPath = result.Status == CacheClearStatus.Skipped ? string.Empty : backup.Path;
                return;
            }

            host.Progress(activity, "Done", completed: true);
            Fill(result, tally);
            if (backup != null && !backup.RemoveIfUnused())
            {
                result.BackupPath = backup.Path;
            }

            if (tally.FailedCount > 0)
            {
                result.Status = CacheClearStatus.PartiallyCleared;
                host.Error(ModuleErrors.CacheFilesNotRemoved(user.UserName, result.Client.ToString(), tally.FailedCount, tally.Failed.Take(3)));
            }
            else
            {
                result.Status = tally.FilesRemoved > 0 ? CacheClearStatus.Cleared : CacheClearStatus.NothingToClear;
            }

            host.Verbose(result.Status + ": " + tally.FilesRemoved.ToString("N0", CultureInfo.InvariantCulture) + " files ("
                + ByteSize.Megabytes(tally.BytesFreed) + ") removed from " + plan.Root + (backup != null && result.BackupPath.Length > 0
                    ? ", kept in " + result.BackupPath : string.Empty) + ".");
        }

        /// <summary>What stays, what goes, what is backed up first; every path from <see cref="TeamsLayout"/>.</summary>
        private CacheRemovalPlan Plan(TargetUser user, TeamsInstallation installation, string cacheRoot, CacheScope scope, out string? backupPath)
        {
            var client = installation.Client;
            var folders = user.Folders;
            var backupAll = options.Backup || options.BackupRoot != null;
            var needsBackup = backupAll || options.IncludeBackgrounds;
            backupPath = needsBackup ? CacheBackupFolder.PathFor(machine, user, client, options.BackupRoot == null ? null
                : PathScope.Full(options.BackupRoot)) : null;
            var removed = backupAll ? CacheItemDisposition.Backup : CacheItemDisposition.Delete;
            var plan = new CacheRemovalPlan(cacheRoot, scope == CacheScope.Light ? CacheItemDisposition.Keep : removed,
                backupPath == null ? null : Path.Combine(backupPath, "Cache"));
            if (scope == CacheScope.Light)
            {
                foreach (var light in TeamsLayout.LightClearPaths(client, folders))
                {
                    plan.Set(light, removed);
                    host.Verbose("Light clear: " + light + " goes; everything else in the cache stays.");
                }
            }

            var backgrounds = TeamsLayout.BackgroundUploadsPath(client, folders);
            plan.Set(backgrounds, options.IncludeBackgrounds ? CacheItemDisposition.Backup : CacheItemDisposition.Keep);
            host.Verbose(options.IncludeBackgrounds
                ? "Custom backgrounds (" + backgrounds + ") go, backed up first because the user made them."
                : "Keeping custom backgrounds (" + backgrounds + "); -IncludeBackgrounds removes them, backed up.");

            foreach (var settings in TeamsLayout.SettingsPaths(client, folders))
            {
                plan.Set(settings, CacheItemDisposition.Keep);
                host.Verbose("Keeping the user's settings " + settings + ".");
            }

            var logs = TeamsLayout.LogPath(client, folders);
            plan.Set(logs, options.IncludeLogs ? removed : CacheItemDisposition.Keep);
            host.Verbose(options.IncludeLogs ? "Logs (" + logs + ") go too (-IncludeLogs)." : "Keeping the logs (" + logs
                + ") so the sign-in can still be diagnosed; -IncludeLogs removes them.");

            // Never the install folder or the package root, whatever the layout: if one were inside the root, it stays.
            foreach (var protectedPath in new[] { installation.InstallPath, TeamsLayout.InstallPath(client, folders) })
            {
                if (!string.IsNullOrEmpty(protectedPath) && PathScope.IsSameOrInside(protectedPath, cacheRoot))
                {
                    plan.Set(protectedPath, CacheItemDisposition.Keep);
                }
            }

            if (backupAll)
            {
                host.Verbose("Everything removed is moved into " + backupPath + ", not deleted.");
            }

            return plan;
        }

        private static string LightNames(TeamsClient client) => string.Join(" and ",
            client == TeamsClient.Classic ? TeamsLayout.ClassicLightClearFolders : TeamsLayout.NewLightClearFolders);

        private void Restart(TargetUser user, TeamsInstallation installation)
        {
            var launcher = new TeamsLauncher(machine);
            var whyNot = launcher.WhyNotHere(user);
            if (whyNot != null)
            {
                host.Warning("Teams was not restarted for " + user.UserName + ": " + whyNot
                    + ". Teams starts again when the user opens it or signs in.");
                return;
            }

            var command = launcher.CommandFor(user, installation.Client);
            if (installation.Client == TeamsClient.Classic && !File.Exists(command.Program))
            {
                host.Warning("Classic Teams was not restarted for " + user.UserName + ": " + command.Program
                    + " is missing (the client is not installed).");
                return;
            }

            if (launcher.TryStart(command, out var id, out var problem))
            {
                host.Verbose("Started Teams again: " + command + " (process " + id + ").");
            }
            else
            {
                host.Warning("Teams could not be started again for " + user.UserName + ": " + problem);
            }
        }

        private static void Fill(TeamsCacheClearResult result, CacheRemovalTally tally)
        {
            result.FilesRemoved = tally.FilesRemoved;
            result.BytesFreed = tally.BytesFreed;
            result.Preserved = tally.Preserved.ToArray();
            result.Failed = tally.FailedForReport();
        }
    }
}
