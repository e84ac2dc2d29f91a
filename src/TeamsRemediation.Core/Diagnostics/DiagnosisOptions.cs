using System;
using System.Collections.Generic;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>What Test-TeamsCaa20002 was asked to do.</summary>
    public sealed class DiagnosisOptions
    {
        /// <summary>The sign-in endpoints Microsoft 365 needs for Teams sign-in in the commercial cloud (endpoint sets 56, 59, 12).</summary>
        public static IReadOnlyList<ProbeEndpoint> DefaultEndpoints => Clouds.SignInCloud.Commercial.Endpoints;

        private IReadOnlyList<ProbeEndpoint>? endpoints;

        /// <summary>How far back event 1098 and the Teams logs are read.</summary>
        public TimeSpan Since { get; set; } = TimeSpan.FromDays(7);

        /// <summary>
        /// Set by a repair's check after a step: event 1098 errors and Teams log codes whose cause only the user or the tenant admin can change count
        /// from this longer window, not from <see cref="Since"/> (the step's start). No repair of this PC changes them, so an
        /// error logged before the step still stands after it.
        /// </summary>
        public TimeSpan? OutsideThePcSince { get; set; }

        /// <summary>How far back event 1098 is read: the longer of the two windows.</summary>
        internal TimeSpan EventWindow => OutsideThePcSince is TimeSpan outside && outside > Since ? outside : Since;

        public bool SkipNetwork { get; set; }

        /// <summary>The endpoints -Endpoint named; until set, the ones of the cloud the PC signs in to (commercial when unknown).</summary>
        public IReadOnlyList<ProbeEndpoint> Endpoints
        {
            get => endpoints ?? DefaultEndpoints;
            set => endpoints = value;
        }

        /// <summary>True when -Endpoint chose the endpoints: no cloud detection then.</summary>
        public bool EndpointsGiven => endpoints != null;

        /// <summary>One deadline for everything that waits on something outside: all probes together, dsregcmd, wevtutil.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The checks to run; null runs them all.</summary>
        public ISet<string>? CheckIds { get; set; }

        /// <summary>Why there is no user to check (SYSTEM, nobody logged on): each per-user check is then one Skipped finding saying so.</summary>
        public string? NobodyToCheck { get; set; }

        /// <summary>The oldest new Teams version the admin accepts (-MinimumTeamsVersion); null: Teams.Version only reports the version.</summary>
        public Version? MinimumTeamsVersion { get; set; }

        /// <summary>
        /// The oldest machine-wide WebView2 Runtime the admin accepts (-MinimumWebView2Version); null: Teams.WebView2 judges only whether a
        /// working runtime is there (Microsoft documents no minimum runtime for new Teams, so none is assumed).
        /// </summary>
        public Version? MinimumWebView2Version { get; set; }

        /// <summary>
        /// The installed module's manifest, by full path, that a logged-on user's session imports to run the checks that need that
        /// session (<see cref="UserSessionRead"/>) when this runs as SYSTEM or elevated; null keeps them Skipped (-SkipUserSession).
        /// </summary>
        public string? UserSessionModule { get; set; }

        public bool Wants(string checkId) => CheckIds == null || CheckIds.Contains(checkId);
    }
}
