using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>The live probes of the sign-in endpoints, what they found, and the clock skew their Date headers reveal.</summary>
    internal sealed class EndpointProbeChecks
    {
        public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public EndpointProbeChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        /// <summary>
        /// Starts every probe at once under one deadline, each on a thread of its own (never the thread pool, which a busy PC may
        /// not give back in time); each ends by the deadline whatever the network does. A probe that stopped at the deadline after
        /// less than <paramref name="fairTime"/> is NotProbed (see <see cref="ProbeRound"/>).
        /// </summary>
        public ProbeRound StartProbes(IReadOnlyList<ProbeEndpoint> endpoints, ProxyRoute? route, TimeSpan timeout, TimeSpan fairTime)
        {
            var deadline = ProbeDeadline.After(timeout);
            var probes = endpoints.Select(e => OwnThread.Run("TeamsRemediation probe of " + e.Host, () => ProbeOne(e, route, deadline, fairTime)))
                .ToArray();
            return new ProbeRound(endpoints, probes);
        }

        private EndpointProbeResult ProbeOne(ProbeEndpoint endpoint, ProxyRoute? route, ProbeDeadline deadline, TimeSpan fairTime)
        {
            if (deadline.HasPassed)
            {
                return ProbeRound.NotStarted(endpoint, "the probe of " + endpoint.Host + " got its thread only after the deadline (the PC "
                    + "was busy or the deadline short).");
            }

            var clock = Stopwatch.StartNew();
            EndpointProbeResult result;
            try
            {
                result = machine.Network.Probe(endpoint, route, deadline);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // The probe maps every network failure to its outcome itself: what escapes it is a fault of the probe,
                // never evidence about the network, unless the deadline had passed.
                if (!deadline.HasPassed)
                {
                    return new EndpointProbeResult(endpoint, ProbeOutcome.InternalError,
                        "Internal error in the probe of " + endpoint.Host + " (not a network finding): " + e.GetType().Name + ": " + e.Message)
                        { Elapsed = clock.Elapsed };
                }

                result = new EndpointProbeResult(endpoint, ProbeOutcome.TimedOut, "The probe of " + endpoint.Host + " stopped at the deadline: "
                    + e.Message) { Elapsed = clock.Elapsed };
            }

            return ProbeRound.Judge(result, deadline.HasPassed, fairTime);
        }

        public TeamsCaa20002Finding Endpoints(IReadOnlyList<EndpointProbeResult> results, bool tlsRegistryFails,
            Clouds.CloudDetection? cloud = null)
        {
            var evidence = results.Select(Describe).ToList();
            if (cloud != null)
            {
                evidence.Insert(0, "Cloud: " + cloud.Cloud.Name + " (" + cloud.Reason + ").");
            }

            // Remedies name the endpoints of the cloud this PC signs in to; the commercial texts stay the shared ones.
            var sovereign = cloud != null && cloud.Cloud != Clouds.SignInCloud.Commercial ? cloud.Cloud : null;
            var fixProxy = sovereign?.FixProxyRemedy ?? Remedies.FixProxy;
            var failed = results.Where(r => r.Outcome != ProbeOutcome.Ok && r.Outcome != ProbeOutcome.NoHttpAnswer
                && r.Outcome != ProbeOutcome.InternalError && r.Outcome != ProbeOutcome.NotProbed).ToList();
            var notProbed = results.Where(r => r.Outcome == ProbeOutcome.NotProbed).ToList();
            var internalErrors = results.Where(r => r.Outcome == ProbeOutcome.InternalError).ToList();
            var inspected = results.Where(r => r.TlsHandshakeSucceeded && r.CertificateProblem.Length > 0).ToList();
            if (failed.Count > 0)
            {
                var worst = failed.Select(r => r.Outcome).OrderBy(Rank).First();
                string remedy;
                switch (worst)
                {
                    case ProbeOutcome.TlsFailed:
                        remedy = tlsRegistryFails ? Remedies.EnableTls12
                            : "TLS 1.2 is not disabled in the registry: look for a firewall or TLS inspection that breaks the handshake. "
                            + fixProxy;
                        break;
                    case ProbeOutcome.HtmlInsteadOfService:
                    case ProbeOutcome.ProxyRefused:
                        remedy = fixProxy;
                        break;
                    default:
                        remedy = sovereign?.ReachRemedy
                            ?? "Check DNS, the firewall and any VPN for the Microsoft 365 sign-in endpoints (Microsoft 365 endpoint sets 56, " +
                            "59, 12).";
                        break;
                }

                var summary = failed.Count + " of " + results.Count + " sign-in endpoints fail: "
                    + string.Join(", ", failed.Select(r => r.Endpoint.Host + " (" + Plain(r.Outcome) + ")")) + ".";
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Fail, summary, evidence, remedy);
            }

            if (internalErrors.Count > 0)
            {
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Warning,
                    internalErrors.Count + " of " + results.Count
                        + " endpoint probes failed with an internal error of this module (not a network finding): " + string.Join(", ",
                        internalErrors.Select(r => r.Endpoint.Host)) + ".", evidence);
            }

            if (notProbed.Count > 0)
            {
                // No fair chance is no evidence: the check cannot tell, and says how to get an answer.
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Warning,
                    "Could not tell: " + notProbed.Count + " of " + results.Count + " sign-in endpoints were not probed before the deadline ("
                        + string.Join(", ", notProbed.Select(r => r.Endpoint.Host)) + ")" + (notProbed.Count < results.Count
                        ? "; the others: " + string.Join(", ", results.Except(notProbed).Select(r => r.Endpoint.Host + " (" + Plain(r.Outcome) + ")"))
                        : string.Empty) + ".", evidence, Remedies.LargerTimeout);
            }

            if (inspected.Count > 0)
            {
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Warning,
                    "TLS 1.2 works, but " + Text.Wording.Count(inspected.Count, "endpoint") + (inspected.Count == 1 ? " presents" : " present")
                        + " a certificate this PC does not trust (TLS inspection?): issuer "
                        + inspected[0].CertificateIssuer + ".", evidence, fixProxy);
            }

            var noAnswer = results.Where(r => r.Outcome == ProbeOutcome.NoHttpAnswer).ToList();
            if (noAnswer.Count > 0)
            {
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Warning,
                    "TLS 1.2 works with all " + results.Count + " endpoints, but " + noAnswer.Count + " gave no HTTP answer.", evidence);
            }

            var negotiated = results.Select(r => r.NegotiatedProtocol).Where(p => p.Length > 0).Distinct()
                .OrderBy(p => p, StringComparer.Ordinal).ToList();
            return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Pass, "All " + results.Count + " sign-in endpoints answer over "
                + (negotiated.Count > 0 ? string.Join(" and ", negotiated) : "TLS 1.2") + ".", evidence);
        }

        public TeamsCaa20002Finding ClockSkew(IReadOnlyList<EndpointProbeResult> results)
        {
            var dated = results.Where(r => r.ServerDate.HasValue).OrderBy(r =>
                r.Endpoint.Host.Equals("login.microsoftonline.com", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault();
            if (dated == null)
            {
                return findings.Skipped(CheckIds.NetworkClockSkew, null, "no endpoint answered with a Date header (see Network.Endpoint).");
            }

            var local = machine.Clock.UtcNow;
            var skew = local - dated.ServerDate!.Value;
            var evidence = new[]
            {
                "Local UTC " + local.ToString("u", CultureInfo.InvariantCulture) + ", " + dated.Endpoint.Host + " Date "
                    + dated.ServerDate.Value.ToString("u", CultureInfo.InvariantCulture) + ".",
            };
            var text = SkewInWords(skew);
            return Math.Abs(skew.TotalMinutes) > MaxClockSkew.TotalMinutes
                ? findings.Make(CheckIds.NetworkClockSkew, null, FindingStatus.Fail,
                "The clock is " + text + " (more than 5 minutes): sign-in fails with invalid_grant (CAA20003).", evidence, Remedies.FixClock)
                : findings.Make(CheckIds.NetworkClockSkew, null, FindingStatus.Pass,
                "The clock is " + text + " (limit 5 minutes).", evidence);
        }

        /// <summary>
        /// "3 min 20 s ahead of the sign-in service"; a skew under a second claims no direction: the Date header counts whole
        /// seconds, so it cannot tell one.
        /// </summary>
        internal static string SkewInWords(TimeSpan skew)
        {
            var abs = skew.Duration();
            if (abs < TimeSpan.FromSeconds(1))
            {
                return "within 1 s of the sign-in service";
            }

            string Whole(double value) => ((int)value).ToString(CultureInfo.InvariantCulture);
            var amount = abs.TotalHours >= 1 ? Whole(abs.TotalHours) + " h " + Whole(abs.Minutes) + " min"
                : abs.TotalMinutes >= 1 ? Whole(abs.TotalMinutes) + " min " + Whole(abs.Seconds) + " s"
                : Whole(abs.Seconds) + " s";
            return amount + (skew > TimeSpan.Zero ? " ahead of" : " behind") + " the sign-in service";
        }

        internal static string Describe(EndpointProbeResult r)
        {
            var parts = new List<string> { r.Endpoint + ": " + r.Outcome + ", "
                + ((int)r.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms"
                + (r.Proxy.Length > 0 ? " via proxy " + r.Proxy : string.Empty) + ". " + r.Detail };
            if (r.CertificateProblem.Length > 0)
            {
                parts.Add("certificate chain: " + r.CertificateProblem + ", issuer " + r.CertificateIssuer);
            }

            var code = CodeCatalog.ClientCodeFor(r.Outcome);
            if (code.Length > 0)
            {
                parts.Add("Teams shows this as " + code);
            }

            return string.Join("; ", parts);
        }

        private static int Rank(ProbeOutcome o) => o == ProbeOutcome.TlsFailed ? 0 : o == ProbeOutcome.HtmlInsteadOfService ? 1
            : o == ProbeOutcome.ProxyRefused ? 2 : 3;

        private static string Plain(ProbeOutcome outcome)
        {
            switch (outcome)
            {
                case ProbeOutcome.NameNotResolved: return "name not resolved";
                case ProbeOutcome.ConnectFailed: return "connect failed";
                case ProbeOutcome.TimedOut: return "timeout";
                case ProbeOutcome.ProxyRefused: return "proxy refused";
                case ProbeOutcome.TlsFailed: return "TLS 1.2 failed";
                case ProbeOutcome.HtmlInsteadOfService: return "HTML page instead of the service";
                case ProbeOutcome.InternalError: return "internal error of the probe, not a network finding";
                case ProbeOutcome.NotProbed: return "not probed before the deadline";
                case ProbeOutcome.Ok: return "answers";
                case ProbeOutcome.NoHttpAnswer: return "TLS works, no HTTP answer";
                default: return outcome.ToString();
            }
        }
    }
}
