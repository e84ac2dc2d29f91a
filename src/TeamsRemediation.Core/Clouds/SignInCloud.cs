using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Clouds
{
    /// <summary>
    /// A Microsoft 365 cloud and the endpoints Teams sign-in needs in it. Commercial and GCC share the public
    /// endpoints; GCC High and DoD sign in at login.microsoftonline.us (their Teams hosts differ:
    /// gov.teams.microsoft.us, dod.teams.microsoft.us); the China cloud operated by 21Vianet at
    /// login.partner.microsoftonline.cn. Device registration follows the same split (Microsoft Entra's device
    /// registration network requirements list enterpriseregistration.microsoftonline.us and
    /// enterpriseregistration.partner.microsoftonline.cn as the sovereign counterparts).
    /// </summary>
    public sealed class SignInCloud
    {
        public static readonly SignInCloud Commercial = new SignInCloud(
            "Commercial or GCC",
            new[] { "microsoftonline.com", "login.microsoft.com", "login.windows.net" },
            new[]
            {
                Login("login.microsoftonline.com"),
                Login("login.microsoft.com"),
                Login("login.windows.net"),
                Site("enterpriseregistration.windows.net"),
                Site("teams.microsoft.com"),
                Site("teams.cloud.microsoft"),
            },
            "login.microsoftonline.com, login.microsoft.com, login.windows.net, *.msauth.net, *.msftauth.net",
            "Microsoft 365 endpoint sets 56, 59, 12");

        /// <summary>
        /// GCC High and DoD: the sign-in authority does not tell them apart, so only the hosts they share are probed;
        /// a Teams host of the other one would fail where it is not needed.
        /// </summary>
        public static readonly SignInCloud UsGovernment = new SignInCloud(
            "GCC High or DoD",
            new[] { "microsoftonline.us" },
            new[]
            {
                Login("login.microsoftonline.us"),
                Site("enterpriseregistration.microsoftonline.us"),
            },
            "login.microsoftonline.us, enterpriseregistration.microsoftonline.us, and gov.teams.microsoft.us (GCC High) or "
                + "dod.teams.microsoft.us (DoD)",
            "the Microsoft 365 U.S. Government GCC High and DoD endpoints");

        public static readonly SignInCloud China = new SignInCloud(
            "China (21Vianet)",
            new[] { "microsoftonline.cn", "chinacloudapi.cn" },
            new[]
            {
                Login("login.partner.microsoftonline.cn"),
                Site("enterpriseregistration.partner.microsoftonline.cn"),
                Site("teams.microsoftonline.cn"),
            },
            "login.partner.microsoftonline.cn, enterpriseregistration.partner.microsoftonline.cn, teams.microsoftonline.cn",
            "the Microsoft 365 endpoints operated by 21Vianet");

        private readonly string[] domains;

        private SignInCloud(string name, string[] domains, IReadOnlyList<ProbeEndpoint> endpoints, string signInHosts, string endpointList)
        {
            Name = name;
            this.domains = domains;
            Endpoints = endpoints;
            SignInHosts = signInHosts;
            EndpointList = endpointList;
        }

        public static IReadOnlyList<SignInCloud> All { get; } = new[] { Commercial, UsGovernment, China };

        public string Name { get; }

        /// <summary>What Test-TeamsCaa20002 probes by default in this cloud.</summary>
        public IReadOnlyList<ProbeEndpoint> Endpoints { get; }

        /// <summary>The hosts a proxy or firewall must pass untouched, for remedies.</summary>
        public string SignInHosts { get; }

        /// <summary>Microsoft's list of this cloud's endpoints, by name, for remedies.</summary>
        public string EndpointList { get; }

        public string FixProxyRemedy => "Let the proxy or firewall pass the sign-in endpoints of the " + Name + " cloud without TLS inspection ("
            + SignInHosts + ").";

        public string ReachRemedy => "Check DNS, the firewall and any VPN for the sign-in endpoints of the " + Name + " cloud: " + SignInHosts
            + " (" + EndpointList + ").";

        /// <summary>The cloud a host name belongs to (login.microsoftonline.us, login.partner.microsoftonline.cn), or null.</summary>
        public static SignInCloud? OfHost(string? host)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                return null;
            }

            var name = host!.Trim().TrimEnd('.');
            return All.FirstOrDefault(c => c.domains.Any(d => name.Equals(d, StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)));
        }

        private static ProbeEndpoint Login(string host) => new ProbeEndpoint(host, 443, ProbeEndpoint.OpenIdConfigurationPath, true);

        private static ProbeEndpoint Site(string host) => new ProbeEndpoint(host, 443, "/", false);
    }
}
