using System;
using System.Management.Automation;
using TeamsRemediation.Cache;
using TeamsRemediation.Inventory;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Clears the Teams cache of the right user, for classic and new Teams, keeping backgrounds, settings and logs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "TeamsCache", DefaultParameterSetName = ByDefault, SupportsShouldProcess = true,
        ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.ClearTeamsCache)]
    [OutputType(typeof(TeamsCacheClearResult))]
    public sealed class ClearTeamsCacheCommand : UserTargetCmdletBase
    {
        /// <summary>Installed (default: the clients installed for the user), Classic, New or All (also folders left by an uninstalled
        /// client).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public TeamsClientSelection Client { get; set; } = TeamsClientSelection.Installed;

        /// <summary>Stop the user's running Teams (and its WebView2 children) first.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter IncludeBackgrounds { get; set; }

        [Parameter]
        public SwitchParameter IncludeLogs { get; set; }

        /// <summary>Move what is removed into a backup in the user's profile instead of deleting it.</summary>
        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary>Move what is removed into a backup below this folder instead of deleting it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BackupPath { get; set; }

        [Parameter]
        public SwitchParameter Restart { get; set; }

        /// <summary>
        /// Full or Light. Without it, virtual desktop hosts (multi-session, FSLogix, Azure Virtual Desktop) and a cache on a network
        /// share get Light, where Microsoft advises against routine deletion; every other PC gets Full. The result says which and why.
        /// </summary>
        [Parameter]
        public CacheScope? Scope { get; set; }

        protected override void ProcessRecord()
        {
            var options = new CacheClearOptions
            {
                Force = Force,
                IncludeBackgrounds = IncludeBackgrounds,
                IncludeLogs = IncludeLogs,
                Backup = Backup,
                BackupRoot = ProviderPath(BackupPath),
                Restart = Restart,
                Scope = Scope,
            };
            var cleaner = new CacheCleaner(Machine, RemediationHost, options);
            var inventory = new TeamsInventory(Machine, WriteVerbose);
            foreach (var user in ResolveTargetUsers())
            {
                var clients = inventory.Find(user, Client, measureCache: false);
                if (clients.Count == 0)
                {
                    WriteVerbose("No " + (Client == TeamsClientSelection.Installed ? "installed Teams client" : Client + " Teams folder") + " for "
                        + user.UserName + "; nothing to clear. Use -Client Classic or New for a client that is no longer installed.");
                }

                // A clear answers the stale-cache evidence of this user logged before it (written at the first approved clear).
                AnswerOnApproval(Answers.AnsweredCauses.CacheClear, new[] { user });
                foreach (var installation in clients)
                {
                    WriteVerbose("Teams " + installation.Client + " of " + user.UserName + ": cache " + installation.CachePath + ", install folder "
                        + installation.InstallPath + " (never touched).");
                    WriteObject(cleaner.Clear(user, installation));
                }
            }
        }

        /// <summary>Worded as one sentence about the cache: "What if: Clear the New Teams cache of alice (path)."</summary>
        protected override bool ShouldProcessChange(string target, string action) =>
            ShouldProcess(action + " (" + target + ").", action + " (" + target + ")?", "Clear-TeamsCache");
    }
}
