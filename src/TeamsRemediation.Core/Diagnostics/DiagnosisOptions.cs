using System;
using System.Collections.Generic;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>What Test-TeamsCaa20002 was asked to do.</summary>
    public sealed class DiagnosisOptions
    {
        /// <summary>The sign-in endpoints Microsoft 365 needs for Teams sign-in (endpoint sets 56, 59, 12).</summary>
        public static IReadOnlyList<ProbeEndpoint> DefaultEndpoints { get; } = new[]
        {
            new ProbeEndpoint("login.microsoftonline.com", 443, ProbeEndpoint.OpenIdConfigurationPath, true),
            new ProbeEndpoint("login.microsoft.com", 443, ProbeEndpoint.OpenIdConfigurationPath, true),
            new ProbeEndpoint("login.windows.net", 443, ProbeEndpoint.OpenIdConfigurationPath, true),
            new ProbeEndpoint("enterpriseregistration.windows.net", 443, "/", false),
            new ProbeEndpoint("teams.microsoft.com", 443, "/", false),
            new ProbeEndpoint("teams.cloud.microsoft", 443, "/", false),
        };

        /// <summary>How far back event 1098 and the Teams logs are read.</summary>
        public TimeSpan Since { get; set; } = TimeSpan.FromDays(7);

        public bool SkipNetwork { get; set; }

        public IReadOnlyList<ProbeEndpoint> Endpoints { get; set; } = DefaultEndpoints;

        /// <summary>One deadline for everything that waits on something outside: all probes together, dsregcmd, wevtutil.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The checks to run; null runs them all.</summary>
        public ISet<string>? CheckIds { get; set; }

        /// <summary>Why there is no user to check (SYSTEM, nobody logged on): each per-user check is then one Skipped finding saying so.</summary>
        public string? NobodyToCheck { get; set; }

        public bool Wants(string checkId) => CheckIds == null || CheckIds.Contains(checkId);
    }
}
