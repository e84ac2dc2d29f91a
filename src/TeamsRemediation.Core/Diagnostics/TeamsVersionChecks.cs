using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// The installed new Teams against the oldest version the admin accepts (-MinimumTeamsVersion). Step 1 of Microsoft's "Resolve sign-in
    /// errors in Teams" is to update the client. Microsoft publishes no list of new Teams versions known to fail sign-in, so none is kept
    /// here: without a minimum the version is reported, not judged.
    /// </summary>
    internal sealed class TeamsVersionChecks
    {
        /// <summary>Microsoft's forced update ("Resolve Teams client update failures"), run in the user's session; it downloads the
        /// package.</summary>
        public const string ForceUpdate = "In the user's session: Add-AppxPackage -Path https://go.microsoft.com/fwlink/?linkid=2196060 "
            + "-ForceUpdateFromAnyVersion -ForceTargetApplicationShutdown (Microsoft's forced update of new Teams; it downloads the package), "
            + "or update Teams through the deployment that installed it.";

        private static readonly System.Text.RegularExpressions.Regex VersionText = new System.Text.RegularExpressions.Regex(
            @"^[0-9]{1,9}(\.[0-9]{1,9}){1,3}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private readonly FindingFactory findings;

        public TeamsVersionChecks(FindingFactory findings)
        {
            this.findings = findings;
        }

        /// <summary>-MinimumTeamsVersion's text as a version: two to four plain numbers (no sign, no spaces, no suffix), else null.</summary>
        public static Version? ParseMinimum(string? text)
        {
            var trimmed = (text ?? string.Empty).Trim();
            return VersionText.IsMatch(trimmed) && System.Version.TryParse(trimmed, out var version) ? version : null;
        }

        public TeamsCaa20002Finding Version(TargetUser user, IReadOnlyList<TeamsInstallation> installations, Version? minimum)
        {
            var newTeams = installations.FirstOrDefault(i => i.Installed && i.Client == TeamsClient.New);
            if (newTeams == null)
            {
                return findings.Skipped(CheckIds.TeamsVersion, user, "new Teams is not installed for this user (Teams.Client reports the client).");
            }

            var evidence = new List<string> { "New Teams " + (newTeams.Version ?? "(no version recorded)") + ", " + newTeams.InstallPath };
            if (minimum != null)
            {
                evidence.Add("Minimum accepted (-MinimumTeamsVersion): " + minimum);
            }

            if (!System.Version.TryParse(newTeams.Version ?? string.Empty, out var installed))
            {
                return findings.Skipped(CheckIds.TeamsVersion, user, "Windows records no readable version of new Teams for this user.", evidence);
            }

            if (minimum == null)
            {
                return findings.Make(CheckIds.TeamsVersion, user, FindingStatus.Pass, "New Teams " + installed
                    + " is installed (no minimum version was given: -MinimumTeamsVersion).", evidence);
            }

            if (installed < minimum)
            {
                return findings.Make(CheckIds.TeamsVersion, user, FindingStatus.Warning, "New Teams " + installed + " is older than the minimum "
                    + minimum + ": update it first, as Microsoft's sign-in guide asks.", evidence, ForceUpdate);
            }

            return findings.Make(CheckIds.TeamsVersion, user, FindingStatus.Pass, "New Teams " + installed + " is at or above the minimum "
                + minimum + ".", evidence);
        }
    }
}
