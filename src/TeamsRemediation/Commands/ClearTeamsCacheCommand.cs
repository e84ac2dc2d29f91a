using System;
using System.Management.Automation;
using TeamsRemediation.Cache;
using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Inventory;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Clears the Teams cache of the right user, for classic and new Teams, keeping backgrounds, settings and logs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "TeamsCache", DefaultParameterSetName = ByDefault, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        HelpUri = HelpLinks.ClearTeamsCache)]
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

        protected override void ProcessRecord()
        {
            var options = new CacheClearOptions
            {
                Force = Force,
                IncludeBackgrounds = IncludeBackgrounds,
                IncludeLogs = IncludeLogs,
                Backup = Backup,
                BackupRoot = BackupPath == null ? null : GetUnresolvedProviderPathFromPSPath(BackupPath),
                Restart = Restart,
            };
            var reporter = new CmdletReporter(this);
            var cleaner = new CacheCleaner(Machine, reporter, options);
            var inventory = new TeamsInventory(Machine, WriteVerbose);
            foreach (var user in ResolveTargetUsers())
            {
                var clients = inventory.Find(user, Client, measureCache: false);
                if (clients.Count == 0)
                {
                    WriteVerbose("No " + (Client == TeamsClientSelection.Installed ? "installed Teams client" : Client + " Teams folder") + " for "
                        + user.UserName + "; nothing to clear. Use -Client Classic or New for a client that is no longer installed.");
                }

                foreach (var installation in clients)
                {
                    WriteVerbose("Teams " + installation.Client + " of " + user.UserName + ": cache " + installation.CachePath + ", install folder "
                        + installation.InstallPath + " (never touched).");
                    WriteObject(cleaner.Clear(user, installation, Ask));
                }
            }
        }

        private Consent Ask(string target, string action)
        {
            if (ShouldProcess(action + " (" + target + ").", action + " (" + target + ")?", "Clear-TeamsCache", out var reason))
            {
                return Consent.Yes;
            }

            return reason == ShouldProcessReason.WhatIf ? Consent.WhatIf : Consent.No;
        }

        /// <summary>The service's reports, on the pipeline thread, as the cmdlet's streams.</summary>
        private sealed class CmdletReporter : ICacheClearReporter
        {
            private readonly ClearTeamsCacheCommand cmdlet;
            private readonly int activityId = 4;

            public CmdletReporter(ClearTeamsCacheCommand cmdlet)
            {
                this.cmdlet = cmdlet;
            }

            public void Verbose(string message) => cmdlet.WriteVerbose(message);

            public void Warning(string message) => cmdlet.WriteWarning(message);

            public void Error(ModuleError error) => cmdlet.WriteModuleError(error);

            public void Progress(string activity, string status, bool completed)
            {
                var record = new ProgressRecord(activityId, activity, status);
                if (completed)
                {
                    record.RecordType = ProgressRecordType.Completed;
                }

                cmdlet.WriteProgress(record);
            }
        }
    }
}
