using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Network.UserProxy: the sign-in endpoints probed through the proxy the user's own settings pick (PAC, WPAD, static), next to
    /// Network.Endpoint's probes through the machine's (WinHTTP) proxy. Teams and WAM in the user's session go the user's way; the
    /// PRT is requested by the system, so Microsoft asks that the computer account can use the proxy too: the two can differ, and each
    /// check says which way failed. The user's settings exist only in their session; as SYSTEM the check runs there through
    /// <see cref="UserSessionRead"/>.
    /// </summary>
    internal sealed class UserProxyChecks
    {
        private readonly IMachine machine;
        private readonly FindingFactory findings;
        private readonly EndpointProbeChecks endpoints;

        public UserProxyChecks(IMachine machine, FindingFactory findings, EndpointProbeChecks endpoints)
        {
            this.machine = machine;
            this.findings = findings;
            this.endpoints = endpoints;
        }

        public TeamsCaa20002Finding UserProxy(TargetUser user, CallerIdentity caller, DiagnosisOptions options)
        {
            if (options.SkipNetwork)
            {
                return findings.Skipped(CheckIds.NetworkUserProxy, user, "-SkipNetwork was given.");
            }

            if (!user.IsCaller)
            {
                return findings.Skipped(CheckIds.NetworkUserProxy, user, "the proxy a user's PAC or WPAD picks is known only in their own session ("
                    + caller.UserName + " runs this, not " + user.UserName + "). Run Test-TeamsCaa20002 as that user, or as SYSTEM while the user "
                    + "is logged on (without -SkipUserSession).");
            }

            var started = DateTime.UtcNow;
            var hosts = options.Endpoints;
            var proxy = machine.NetworkSettings.ResolveUserProxy(new Uri("https://" + hosts[0].Host + "/"), options.Timeout);
            var left = options.Timeout - (DateTime.UtcNow - started);
            var round = endpoints.StartProbes(hosts, proxy.Route, left > TimeSpan.Zero ? left : TimeSpan.Zero, ProbeRound.FairTime(options.Timeout));
            var results = round.Collect(left + Caa20002Diagnosis.Grace);
            var way = proxy.Route == null ? "directly (" + proxy.Source + ")" : "through " + proxy.Route.Authority + " (" + proxy.Source + ")";
            var evidence = new List<string> { "The user's proxy for https://" + hosts[0].Host + "/: " + proxy };
            evidence.AddRange(results.Select(EndpointProbeChecks.Describe));
            var failed = results.Where(r => r.Outcome != ProbeOutcome.Ok && r.Outcome != ProbeOutcome.NotProbed
                && r.Outcome != ProbeOutcome.InternalError && r.Outcome != ProbeOutcome.NoHttpAnswer).ToList();
            if (failed.Count > 0)
            {
                return findings.Make(CheckIds.NetworkUserProxy, user, FindingStatus.Fail, "Going " + way + " as the user, " + failed.Count + " of "
                    + results.Count + " sign-in endpoints fail: " + string.Join(", ", failed.Select(r => r.Endpoint.Host + " " + r.Outcome)) + ".",
                    evidence, Remedies.FixProxy + " Check the user's automatic configuration script (PAC) or WPAD for these hosts.");
            }

            if (results.Any(r => r.Outcome != ProbeOutcome.Ok && r.Outcome != ProbeOutcome.NoHttpAnswer))
            {
                return findings.Make(CheckIds.NetworkUserProxy, user, FindingStatus.Warning, "Going " + way + " as the user, not every sign-in "
                    + "endpoint could be probed in time: it could not tell.", evidence, Remedies.LargerTimeout);
            }

            return findings.Make(CheckIds.NetworkUserProxy, user, FindingStatus.Pass, "Going " + way + " as the user, every sign-in endpoint "
                + "answers.", evidence);
        }
    }
}
