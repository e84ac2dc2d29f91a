using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Completion;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Errors;
using TeamsRemediation.Platform;
using TeamsRemediation.Text;

namespace TeamsRemediation.Commands
{
    /// <summary>The forms Test-TeamsCaa20002 can answer in.</summary>
    public enum DiagnosisOutput
    {
        /// <summary>One TeamsCaa20002Finding per check (the default).</summary>
        Findings,

        /// <summary>One boolean: $true when nothing failed (the same as -Quiet).</summary>
        Boolean,

        /// <summary>
        /// One line of at most 2048 characters for Intune's detection output, in the versioned grammar of TeamsRemediation.Lines.SummaryLine
        /// (read it back with [TeamsRemediation.Lines.SummaryLine]::Parse).
        /// </summary>
        Line,

        /// <summary>The same content as one line of compact JSON with a schema version (at most 2048 characters).</summary>
        Json,

        /// <summary>"Compliant" or "NonCompliant" for a ConfigMgr configuration item.</summary>
        Compliance,
    }

    /// <summary>
    /// <para type="synopsis">Finds why Teams sign-in fails with CAA20002 on this PC, per user, with evidence. Changes nothing.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TeamsCaa20002", DefaultParameterSetName = ByDefault, HelpUri = HelpLinks.TestTeamsCaa20002)]
    [OutputType(typeof(TeamsCaa20002Finding), typeof(bool), typeof(string))]
    public sealed class TestTeamsCaa20002Command : UserTargetCmdletBase
    {
        private readonly List<Targets.TargetUser> users = new List<Targets.TargetUser>();
        private ISet<string>? checkIds;
        private IReadOnlyList<ProbeEndpoint>? endpoints;
        private Version? minimumTeamsVersion;
        private Version? minimumWebView2Version;

        /// <summary>How far back event 1098 and the Teams logs are read (default: 7 days).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>No endpoint probes (Network.Endpoint and Network.ClockSkew are Skipped).</summary>
        [Parameter]
        public SwitchParameter SkipNetwork { get; set; }

        /// <summary>Replaces the sign-in endpoints probed: host, host:port or https://host[:port]/path.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Endpoint { get; set; }

        /// <summary>One deadline for all probes together, dsregcmd and wevtutil.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSeconds { get; set; } = 10;

        /// <summary>Only these checks (wildcards allowed, e.g. 'Tls.*').</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        public string[]? CheckId { get; set; }

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
        /// As SYSTEM or elevated: do not run the checks that need a logged-on user's own session (Account.Prt) in that session; they are
        /// Skipped for other users, as before.
        /// </summary>
        [Parameter]
        public SwitchParameter SkipUserSession { get; set; }

        /// <summary>One boolean: $true when no check failed.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        [Parameter]
        public DiagnosisOutput As { get; set; } = DiagnosisOutput.Findings;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            minimumTeamsVersion = MinimumVersion(MinimumTeamsVersion, Errors.ModuleErrors.InvalidTeamsVersion);
            minimumWebView2Version = MinimumVersion(MinimumWebView2Version, Errors.ModuleErrors.InvalidWebView2Version);

            if (Quiet && MyInvocation.BoundParameters.ContainsKey(nameof(As)) && As != DiagnosisOutput.Boolean)
            {
                ThrowModuleError(ModuleErrors.ConflictingOutputForm(As.ToString()));
            }

            if (CheckId != null)
            {
                checkIds = ResolveCheckIds(CheckId);
            }

            if (Endpoint != null)
            {
                var parsed = new List<ProbeEndpoint>();
                foreach (var text in Endpoint)
                {
                    if (!ProbeEndpoint.TryParse(text, out var endpoint, out var problem))
                    {
                        ThrowModuleError(ModuleErrors.InvalidEndpoint(text, problem));
                    }

                    parsed.Add(endpoint!);
                }

                endpoints = parsed;
            }
        }

        protected override void ProcessRecord()
        {
            // Piped installations arrive one by one; the diagnosis runs once for all of them in EndProcessing.
            // SYSTEM on a PC where nobody is logged on still has machine checks to run: the per-user ones are Skipped with the reason.
            foreach (var user in ResolveTargetUsers(nobodyIsFine: true,
                nobodyConsequence: "The machine checks run; the per-user checks are Skipped."))
            {
                if (!users.Any(u => u.Sid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase)))
                {
                    users.Add(user);
                }
            }
        }

        protected override void EndProcessing()
        {
            var options = new DiagnosisOptions
            {
                SkipNetwork = SkipNetwork,
                Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
                MinimumTeamsVersion = minimumTeamsVersion,
                MinimumWebView2Version = minimumWebView2Version,
                CheckIds = checkIds,
                NobodyToCheck = users.Count == 0 && NobodyLoggedOn != null ? NobodyLoggedOn.Message : null,
            };
            var manifest = ModuleManifest();
            if (!SkipUserSession && manifest.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
            {
                options.UserSessionModule = manifest;
            }

            if (endpoints != null)
            {
                options.Endpoints = endpoints;
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(Since)))
            {
                var window = Machine.Clock.UtcNow - new DateTimeOffset(Since.Kind == DateTimeKind.Unspecified
                    ? DateTime.SpecifyKind(Since, DateTimeKind.Local) : Since);
                options.Since = window > TimeSpan.Zero ? window : TimeSpan.Zero;
            }

            WriteVerbose("Checking " + Wording.Count(users.Count, "user") + " on " + Machine.ComputerName
                + (SkipNetwork ? " without network probes."
                    : ", probing " + Wording.Count(options.Endpoints.Count, "endpoint") + " within " + TimeoutSeconds + " s."));
            var diagnosis = new Caa20002Diagnosis(Machine, options, RemediationHost);
            var findings = diagnosis.Run(users);
            ReportAnswers(diagnosis.Answers);

            // Written here, on the pipeline thread: the probes ran in the background and only returned values.
            switch (Quiet ? DiagnosisOutput.Boolean : As)
            {
                case DiagnosisOutput.Boolean:
                    WriteObject(DiagnosisSummary.IsHealthy(findings));
                    break;
                case DiagnosisOutput.Line:
                    WriteObject(DiagnosisSummary.Line(Machine.ComputerName, findings));
                    break;
                case DiagnosisOutput.Json:
                    WriteObject(DiagnosisSummary.Json(Machine.ComputerName, findings));
                    break;
                case DiagnosisOutput.Compliance:
                    WriteObject(DiagnosisSummary.Compliance(findings));
                    break;
                default:
                    foreach (var finding in findings)
                    {
                        WriteObject(finding);
                    }

                    break;
            }
        }

        private ISet<string> ResolveCheckIds(IEnumerable<string> requested)
        {
            var chosen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var text in requested)
            {
                var pattern = new WildcardPattern(text, WildcardOptions.IgnoreCase);
                var matches = CheckIds.All.Where(id => pattern.IsMatch(id)).ToList();
                if (matches.Count == 0)
                {
                    ThrowModuleError(ModuleErrors.InvalidCheckId(text, CheckIds.All));
                }

                chosen.UnionWith(matches);
            }

            return chosen;
        }
    }
}
