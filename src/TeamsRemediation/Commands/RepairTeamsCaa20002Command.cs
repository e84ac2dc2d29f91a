using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Errors;
using TeamsRemediation.Repair;
using TeamsRemediation.Targets;
using TeamsRemediation.Text;

namespace TeamsRemediation.Commands
{
    /// <summary>The forms Repair-TeamsCaa20002 can answer in.</summary>
    public enum RepairOutput
    {
        /// <summary>One TeamsRepairStep per step and user, the AdminPack when one was written, then one TeamsRepairSummary (the default).</summary>
        Results,

        /// <summary>
        /// One line of at most 2048 characters for Intune's remediation output, in the versioned grammar of TeamsRemediation.Lines.SummaryLine.
        /// </summary>
        Line,

        /// <summary>The same content as one line of compact JSON with a schema version (at most 2048 characters).</summary>
        Json,
    }

    /// <summary>
    /// <para type="synopsis">Repairs what Test-TeamsCaa20002 found, least disruptive first, only where a finding calls for it, and checks again after
    /// each step.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "TeamsCaa20002", DefaultParameterSetName = ByDefault, SupportsShouldProcess = true,
        ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.RepairTeamsCaa20002)]
    [OutputType(typeof(TeamsRepairStep), typeof(AdminPack), typeof(TeamsRepairSummary), typeof(string))]
    public sealed class RepairTeamsCaa20002Command : UserTargetCmdletBase
    {
        private const string ByFinding = "ByFinding";

        private readonly List<TargetUser> users = new List<TargetUser>();
        private readonly List<TeamsCaa20002Finding> piped = new List<TeamsCaa20002Finding>();
        private string? bootstrapper;
        private string? webView2Installer;
        private Version? minimumTeamsVersion;
        private Version? minimumWebView2Version;

        /// <summary>Findings of Test-TeamsCaa20002 to repair from, instead of running the diagnosis here.</summary>
        [Parameter(ParameterSetName = ByFinding, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public TeamsCaa20002Finding[]? Finding { get; set; }

        /// <summary>The highest rung that may change anything (default Cache); Disruptive allows the broker repair, the app reset and the
        /// reinstall.</summary>
        [Parameter]
        public RepairRung MaximumRung { get; set; } = RepairRung.Cache;

        /// <summary>Allows the CAA50021 broker repair alone (rung 6) when the evidence shows CAA50021.</summary>
        [Parameter]
        public SwitchParameter RepairBroker { get; set; }

        /// <summary>Allows Reset-AppxPackage of new Teams alone (rung 6) when clearing the cache did not help.</summary>
        [Parameter]
        public SwitchParameter ResetApp { get; set; }

        /// <summary>The Teams bootstrapper (teamsbootstrapper.exe) to provision new Teams with when no working client is installed; never
        /// downloaded.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BootstrapperPath { get; set; }

        /// <summary>The WebView2 Runtime installer (MicrosoftEdgeWebView2RuntimeInstallerX64.exe or MicrosoftEdgeWebview2Setup.exe) to install
        /// the runtime for the whole PC with when Teams.WebView2 finds it missing, broken or per user only; never downloaded.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WebView2InstallerPath { get; set; }

        /// <summary>No endpoint probes in the diagnosis (Network.Endpoint and Network.ClockSkew are Skipped, so the clock and DNS steps do not
        /// run).</summary>
        [Parameter]
        public SwitchParameter SkipNetwork { get; set; }

        /// <summary>One deadline for the probes, dsregcmd and wevtutil of each diagnosis.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSeconds { get; set; } = 10;

        /// <summary>The oldest new Teams version accepted: Teams.Version is a Warning below it (two to four numbers, e.g. 25122.1415).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MinimumTeamsVersion { get; set; }

        /// <summary>
        /// The oldest machine-wide WebView2 Runtime accepted: Teams.WebView2 is a Warning for the device admin below it (e.g. 131.0.2903.70).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MinimumWebView2Version { get; set; }

        /// <summary>
        /// As SYSTEM or elevated: do not read Account.Prt, Account.WamAccounts and Network.UserProxy in each logged-on user's own session
        /// (a one-shot task per session, as Test-TeamsCaa20002 does); they are Skipped for other users and nothing is repaired or handed
        /// over for them. -WhatIf never reads the sessions: registering the task is a change.
        /// </summary>
        [Parameter]
        public SwitchParameter SkipUserSession { get; set; }

        /// <summary>Also repairs .NET Framework's TLS values, which the diagnosis reports as a Warning that does not stop Teams (a restart
        /// follows); without it they are left alone.</summary>
        [Parameter]
        public SwitchParameter IncludeDotNetTls { get; set; }

        [Parameter]
        public RepairOutput As { get; set; } = RepairOutput.Results;

        /// <summary>Answers the confirmation ConfirmImpact High asks for (unattended runs); -WhatIf and an explicit -Confirm still apply.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override SwitchParameter? ConfirmingForce => Force;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            minimumTeamsVersion = MinimumVersion(MinimumTeamsVersion, Errors.ModuleErrors.InvalidTeamsVersion);
            minimumWebView2Version = MinimumVersion(MinimumWebView2Version, Errors.ModuleErrors.InvalidWebView2Version);

            if (BootstrapperPath != null)
            {
                bootstrapper = BootstrapperPath.IndexOf("://", StringComparison.Ordinal) > 0 ? BootstrapperPath : ProviderPath(BootstrapperPath);
                var problem = TeamsBootstrapper.Validate(Machine.Files, Machine.Signatures, bootstrapper!);
                if (problem != null)
                {
                    ThrowModuleError(problem);
                }
            }

            if (WebView2InstallerPath != null)
            {
                webView2Installer = WebView2InstallerPath.IndexOf("://", StringComparison.Ordinal) > 0 ? WebView2InstallerPath
                    : ProviderPath(WebView2InstallerPath);
                var problem = WebView2Installer.Validate(Machine.Files, Machine.Signatures, webView2Installer!);
                if (problem != null)
                {
                    ThrowModuleError(problem);
                }
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByFinding)
            {
                piped.AddRange(Finding!.Where(f => f != null));
                return;
            }

            foreach (var user in ResolveTargetUsers(nobodyIsFine: true, nobodyConsequence: "Only the machine is checked and repaired."))
            {
                AddUser(user);
            }
        }

        protected override void EndProcessing()
        {
            var diagnosis = new DiagnosisOptions
            {
                SkipNetwork = SkipNetwork,
                Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
                MinimumTeamsVersion = minimumTeamsVersion,
                MinimumWebView2Version = minimumWebView2Version,
                NobodyToCheck = users.Count == 0 && NobodyLoggedOn != null ? NobodyLoggedOn.Message : null,
            };
            var manifest = ModuleManifest();
            if (!SkipUserSession && !IsWhatIf && manifest.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
            {
                diagnosis.UserSessionModule = manifest;
            }

            IReadOnlyList<TeamsCaa20002Finding> findings;
            if (ParameterSetName == ByFinding)
            {
                var sids = piped.Select(f => f.UserSid).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                foreach (var user in sids.Length > 0 ? ResolveUsers(null, sids, allUsers: false) : new TargetUser[0])
                {
                    AddUser(user);
                }

                findings = piped.Where(f => f.UserSid.Length == 0 || users.Any(u => u.Sid.Equals(f.UserSid, StringComparison.OrdinalIgnoreCase)))
                    .ToList();
                WriteVerbose("Repairing from " + Wording.Count(findings.Count, "piped finding") + " for " + Wording.Count(users.Count, "user") + ".");
            }
            else
            {
                WriteVerbose("Diagnosing " + Wording.Count(users.Count, "user") + " on " + Machine.ComputerName + " before repairing.");
                var first = new Caa20002Diagnosis(Machine, diagnosis, RemediationHost);
                findings = first.Run(users);
                ReportAnswers(first.Answers);
            }

            var options = new RepairOptions
            {
                MaximumRung = MaximumRung,
                RepairBroker = RepairBroker,
                ResetApp = ResetApp,
                BootstrapperPath = bootstrapper,
                WebView2InstallerPath = webView2Installer,
                IncludeDotNetTls = IncludeDotNetTls,
                EvidenceWindow = diagnosis.Since,
            };
            var services = RepairWiring.Services(Machine, diagnosis, users, options.EvidenceWindow, manifest);
            var ladder = new RepairLadder(Machine, RemediationHost, options, services, new DiagnosisRecheck(Machine, diagnosis).Run);
            foreach (var step in ladder.Climb(users, findings))
            {
                if (As == RepairOutput.Results)
                {
                    WriteObject(step);
                }

                if (step.Status == RepairStepStatus.Failed)
                {
                    WriteModuleError(ModuleErrors.RepairStepFailed(step.User, step.Step.ToString(), step.Detail));
                }
            }

            var summary = ladder.Summary!;
            if (ladder.AdminPack != null && As == RepairOutput.Results)
            {
                WriteObject(ladder.AdminPack);
            }

            foreach (var journal in summary.JournalPaths)
            {
                WriteVerbose("Changes recorded in " + journal + "; Undo-TeamsRemediation -Journal '" + journal + "' puts them back.");
            }

            if (summary.RebootRequired)
            {
                WriteWarning("Restart the computer: a repair of this run takes effect only after Windows starts again.");
            }

            WriteObject(As == RepairOutput.Line ? RepairVerdict.Line(summary)
                : As == RepairOutput.Json ? RepairVerdict.Json(summary) : (object)summary);
        }

        private void AddUser(TargetUser user)
        {
            if (!users.Any(u => u.Sid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase)))
            {
                users.Add(user);
            }
        }
    }
}
