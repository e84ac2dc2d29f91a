using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Codes;
using TeamsRemediation.Inventory;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>Which Teams the user has (through <see cref="TeamsInventory"/>, the same as Get-TeamsInstallation) and its cache.</summary>
    internal sealed class TeamsChecks
    {
        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public TeamsChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        /// <summary>The user's clients; the cache walk stops at the diagnosis deadline and its size is then reported as partial.</summary>
        public IReadOnlyList<TeamsInstallation> Inventory(TargetUser user, DateTime measureUntilUtc) =>
            new TeamsInventory(machine).Find(user, TeamsClientSelection.All, measureCache: true, measureUntilUtc);

        public TeamsCaa20002Finding Client(TargetUser user, IReadOnlyList<TeamsInstallation> found)
        {
            var evidence = found.Select(i => i.Client + ": " + (i.Installed ? "installed" + (i.Version != null ? " " + i.Version : string.Empty)
                : "folder left behind, not installed") + (i.Running ? ", running (" + string.Join(", ", i.Processes) + ")" : ", not running") + ", "
                + i.InstallPath).ToList();
            var installed = found.Where(i => i.Installed).ToList();
            if (installed.Count == 0)
            {
                return findings.Make(CheckIds.TeamsClient, user, FindingStatus.Warning,
                    found.Count == 0 ? "No Teams client in this profile." : "No Teams client is installed for this user (only folders left behind).",
                        evidence, "Install new Teams for the user (the MSTeams package).");
            }

            var newTeams = installed.FirstOrDefault(i => i.Client == TeamsClient.New);
            if (newTeams == null)
            {
                // Classic Teams alone: past end of availability, it no longer signs in whatever else is repaired.
                var retired = machine.Clock.UtcNow.UtcDateTime >= ClassicEndOfAvailability;
                return findings.Make(
                    CheckIds.TeamsClient,
                    user,
                    retired ? FindingStatus.Fail : FindingStatus.Warning,
                    "Only classic Teams" + Version(installed[0]) + " is installed: it " + (retired ? "stopped working" : "stops working")
                        + " on 1 July 2025 (end of availability), so sign-in fails there whatever is repaired on this PC.",
                    evidence,
                    "Install new Teams for the user (the MSTeams package), or use Teams on the web (https://teams.microsoft.com) until then.");
            }

            // A classic install or folder beside new Teams is what every migration leaves: information, not a cause.
            var classic = found.Where(i => i.Client == TeamsClient.Classic).ToList();
            var leftover = classic.Count == 0 ? string.Empty
                : (classic.Any(i => i.Installed) ? " Classic Teams is still installed beside it"
                    : " A classic Teams folder is left behind beside it, not installed")
                    + " (classic Teams is retired; not a cause of sign-in errors in new Teams).";
            var summary = "New Teams" + Version(newTeams) + (newTeams.Running ? " (running)" : " (not running)") + " installed." + leftover;
            return findings.Make(CheckIds.TeamsClient, user, FindingStatus.Pass, summary, evidence);
        }

        /// <summary>Size and age of the cache; a warning with the cache remedy when the evidence shows an account-side code, which a stale cache
        /// causes.</summary>
        public TeamsCaa20002Finding Cache(TargetUser user, IReadOnlyList<TeamsInstallation> found, IReadOnlyList<CodeInfo> codesSeen)
        {
            var caches = found.Where(i => i.CacheFileCount > 0).ToList();
            var now = machine.Clock.UtcNow.UtcDateTime;
            var evidence = caches
                .Select(i => i.Client + " cache " + i.CachePath + ": " + Size(i) + ", last written "
                    + (i.CacheLastWriteTimeUtc.HasValue ? TimeInWords.Of(now - i.CacheLastWriteTimeUtc.Value) + " ago" : "never"))
                .ToList();
            if (caches.Count == 0)
            {
                return findings.Make(CheckIds.TeamsCache, user, FindingStatus.Pass, "No Teams cache in this profile.", evidence);
            }

            var accountSide = codesSeen.Where(c => c.Cause == CodeCause.Request || c.Cause == CodeCause.Account
                || c.Cause == CodeCause.Broker).Select(c => c.Code).Distinct().ToList();
            var total = (caches.All(i => i.CacheMeasuredFully) ? string.Empty : "at least ") + ByteSize.Megabytes(caches.Sum(i => i.CacheSizeBytes));
            if (accountSide.Count > 0)
            {
                var stale = findings.Make(CheckIds.TeamsCache, user, FindingStatus.Warning,
                    "Cache of " + total + " and sign-in errors " + string.Join(", ", accountSide)
                        + ": a stale cache is a known cause; clear it (logs and backgrounds are kept).", evidence, Remedies.ClearCache(user.Sid));
                stale.TopCode = accountSide[0];
                return stale;
            }

            return findings.Make(CheckIds.TeamsCache, user, FindingStatus.Pass, "Cache of " + total + "; no sign-in error points at it.", evidence);
        }

        /// <summary>Classic Teams stopped working on 1 July 2025 (Microsoft's classic Teams end-of-availability page).</summary>
        public static readonly DateTime ClassicEndOfAvailability = new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc);

        private static string Version(TeamsInstallation i) => i.Version != null ? " " + i.Version : string.Empty;

        private static string Size(TeamsInstallation cache) => cache.CacheMeasuredFully
            ? ByteSize.Megabytes(cache.CacheSizeBytes) + " in " + cache.CacheFileCount.ToString(CultureInfo.InvariantCulture) + " files"
            : "partial: at least " + ByteSize.Megabytes(cache.CacheSizeBytes) + " in at least "
                + cache.CacheFileCount.ToString(CultureInfo.InvariantCulture)
                + " files (the walk stopped at the -TimeoutSeconds deadline; the newest write is among the files seen)";
    }
}
