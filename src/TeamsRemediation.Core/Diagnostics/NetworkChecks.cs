using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>Proxy, VPN, hosts file, and the live probes of the sign-in endpoints with the clock skew they reveal.</summary>
    internal sealed class NetworkChecks
    {
        public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

        /// <summary>Adapter names and descriptions VPN clients use.</summary>
        private static readonly string[] VpnWords = { "VPN", "AnyConnect", "GlobalProtect", "PANGP", "Fortinet", "FortiClient", "WireGuard", "TAP-Windows", "OpenVPN", "Juniper", "Pulse Secure", "Ivanti", "Zscaler", "Check Point", "SonicWall", "NordLynx" };

        /// <summary>Microsoft sign-in host names and domains that a hosts file must not redirect.</summary>
        private static readonly string[] SignInDomains = { "microsoftonline.com", "microsoftonline-p.com", "login.microsoft.com", "login.windows.net", "login.live.com", "enterpriseregistration.windows.net", "msauth.net", "msftauth.net", "teams.microsoft.com", "teams.cloud.microsoft" };

        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public NetworkChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        /// <summary>Where sign-in traffic goes: the WinHTTP proxy, else the first target user's manual proxy, else direct. Read before probing so the probes take the same way.</summary>
        public ProxyPicture ReadProxies(IReadOnlyList<TargetUser> users)
        {
            var picture = new ProxyPicture();
            var winHttp = machine.NetworkSettings.GetWinHttpProxy();
            if (winHttp.Error.Length > 0)
            {
                picture.Evidence.Add("WinHTTP proxy: could not be read: " + winHttp.Error);
            }
            else if (winHttp.Direct)
            {
                picture.Evidence.Add("WinHTTP proxy: direct access (no proxy).");
            }
            else
            {
                picture.Route = ProxyRoute.Parse(winHttp.ProxyServer, winHttp.BypassList, "WinHTTP");
                picture.Evidence.Add("WinHTTP proxy: " + winHttp.ProxyServer + (winHttp.BypassList.Length > 0 ? ", bypass " + winHttp.BypassList : string.Empty) + ".");
            }

            var views = Network.WinHttpProxyViews.Difference(machine.Registry);
            if (views != null)
            {
                picture.Evidence.Add(views);
            }

            foreach (var user in users)
            {
                if (!user.HiveLoaded)
                {
                    picture.Evidence.Add(user.UserName + ": proxy settings not readable (hive not loaded).");
                    continue;
                }

                var key = new RegistryKeyPath(RegistryHive.Users, user.Sid + "\\" + TlsRegistryLocations.UserInternetSettings);
                bool enabled;
                string server, bypass, pac;
                try
                {
                    enabled = machine.Registry.GetValue(key, "ProxyEnable")?.AsDWord == 1;
                    server = machine.Registry.GetValue(key, "ProxyServer")?.AsString ?? string.Empty;
                    bypass = machine.Registry.GetValue(key, "ProxyOverride")?.AsString ?? string.Empty;
                    pac = machine.Registry.GetValue(key, "AutoConfigURL")?.AsString ?? string.Empty;
                }
                catch (Exception e) when (e is UnauthorizedAccessException || e is System.Security.SecurityException || e is System.IO.IOException)
                {
                    // Another user's hive is access-denied for a standard user: information, not a reason to stop.
                    picture.Evidence.Add(user.UserName + ": proxy settings not readable (" + e.Message + ").");
                    continue;
                }

                if (enabled && server.Length > 0)
                {
                    picture.Evidence.Add(user.UserName + ": Internet Options proxy " + server + (bypass.Length > 0 ? ", bypass " + bypass : string.Empty) + ".");
                    picture.UserProxies.Add(server);
                    picture.Route = picture.Route ?? ProxyRoute.Parse(server, bypass, user.UserName + " Internet Options");
                }
                else
                {
                    picture.Evidence.Add(user.UserName + ": no manual proxy in Internet Options.");
                }

                if (pac.Length > 0)
                {
                    picture.Evidence.Add(user.UserName + ": proxy auto-config script " + pac + " (not evaluated: the probes used " + (picture.Route?.ToString() ?? "a direct connection") + ").");
                    picture.PacScripts.Add(pac);
                }
            }

            return picture;
        }

        public TeamsCaa20002Finding Proxy(ProxyPicture picture, IReadOnlyList<EndpointProbeResult>? probes)
        {
            var evidence = picture.Evidence.ToList();
            var throughProxy = (probes ?? new EndpointProbeResult[0]).Where(p => p.Proxy.Length > 0).ToList();
            var refused = throughProxy.Where(p => p.Outcome == ProbeOutcome.ProxyRefused || p.Outcome == ProbeOutcome.HtmlInsteadOfService).ToList();
            evidence.AddRange(refused.Select(p => p.Endpoint.Host + ": " + p.Detail));
            if (refused.Count > 0)
            {
                return findings.Make(CheckIds.NetworkProxy, null, FindingStatus.Fail, "The proxy " + refused[0].Proxy + " blocks or rewrites sign-in traffic (" + refused.Count + " endpoint(s)).", evidence, Remedies.FixProxy);
            }

            if (picture.PacScripts.Count > 0)
            {
                return findings.Make(CheckIds.NetworkProxy, null, FindingStatus.Warning, "A proxy auto-config script decides the route; it was not evaluated.", evidence, "Check that the PAC script sends the Microsoft 365 sign-in endpoints to a proxy that passes them, or directly.");
            }

            if (picture.Route == null)
            {
                return findings.Make(CheckIds.NetworkProxy, null, FindingStatus.Pass, "No proxy: sign-in connects directly.", evidence);
            }

            return findings.Make(CheckIds.NetworkProxy, null, FindingStatus.Pass, "Proxy " + picture.Route + " is configured" + (throughProxy.Count > 0 ? " and passed the sign-in probes." : "."), evidence);
        }

        public TeamsCaa20002Finding Vpn()
        {
            var adapters = machine.NetworkSettings.GetAdapters();
            var vpn = adapters.Where(a => a.Up && (a.Type.Equals("Ppp", StringComparison.OrdinalIgnoreCase) || VpnWords.Any(w => (a.Name + " " + a.Description).IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0))).ToList();
            if (vpn.Count == 0)
            {
                return findings.Make(CheckIds.NetworkVpn, null, FindingStatus.Pass, "No VPN adapter is connected.", adapters.Where(a => a.Up).Select(a => "Up: " + a));
            }

            return findings.Make(CheckIds.NetworkVpn, null, FindingStatus.Warning, "VPN connected: " + string.Join(", ", vpn.Select(a => a.Description.Length > 0 ? a.Description : a.Name)) + ". If sign-in fails only on VPN, its tunnel or inspection blocks Microsoft 365.", vpn.Select(a => "VPN: " + a), "Test sign-in with the VPN disconnected; if it then works, have the VPN route Microsoft 365 sign-in endpoints directly (split tunnel) without TLS inspection.");
        }

        public TeamsCaa20002Finding HostsFile(IEnumerable<ProbeEndpoint> endpoints)
        {
            var path = Path.Combine(machine.WindowsPath, "System32", "drivers", "etc", "hosts");
            if (!File.Exists(path))
            {
                return findings.Make(CheckIds.NetworkHostsFile, null, FindingStatus.Pass, "No hosts file: names resolve through DNS.", new[] { path + ": absent." });
            }

            var watched = SignInDomains.Concat(endpoints.Select(e => e.Host)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var overrides = new List<string>();
            try
            {
                using (var reader = new StreamReader(path))
                {
                    string? line;
                    var number = 0;

                    // A hosts file is small; a huge one is read only so far, never whole.
                    while ((line = reader.ReadLine()) != null && number < 100000)
                    {
                        number++;
                        var content = line.Split('#')[0];
                        var parts = content.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                        foreach (var host in parts.Skip(1))
                        {
                            if (watched.Any(d => host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)))
                            {
                                overrides.Add("line " + number.ToString(CultureInfo.InvariantCulture) + ": " + content.Trim());
                                break;
                            }
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return findings.Skipped(CheckIds.NetworkHostsFile, null, "the hosts file could not be read: " + e.Message);
            }

            return overrides.Count == 0
                ? findings.Make(CheckIds.NetworkHostsFile, null, FindingStatus.Pass, "The hosts file does not redirect Microsoft sign-in hosts.", new[] { path })
                : findings.Make(CheckIds.NetworkHostsFile, null, FindingStatus.Fail, "The hosts file redirects Microsoft sign-in hosts (" + overrides.Count + " line(s)).", overrides, "Remove these lines from " + path + " (then run ipconfig /flushdns).");
        }

        /// <summary>Starts every probe at once under one deadline; the task ends by the deadline whatever the network does.</summary>
        public Task<IReadOnlyList<EndpointProbeResult>> StartProbes(IReadOnlyList<ProbeEndpoint> endpoints, ProxyRoute? route, TimeSpan timeout)
        {
            var deadline = new CancellationTokenSource(timeout);
            var probes = endpoints.Select(e => ProbeOne(e, route, deadline.Token)).ToArray();
            return Task.WhenAll(probes).ContinueWith(t =>
            {
                deadline.Dispose();
                return (IReadOnlyList<EndpointProbeResult>)t.Result;
            }, TaskScheduler.Default);
        }

        private async Task<EndpointProbeResult> ProbeOne(ProbeEndpoint endpoint, ProxyRoute? route, CancellationToken deadline)
        {
            // Off the caller's thread at once: a probe that blocks in name resolution must not delay the others.
            await Task.Yield();
            try
            {
                return await machine.Network.ProbeAsync(endpoint, route, deadline).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // The probe maps every network failure to its outcome itself: what escapes it is a fault of the probe,
                // never evidence about the network, unless the deadline had passed.
                return deadline.IsCancellationRequested
                    ? new EndpointProbeResult(endpoint, ProbeOutcome.TimedOut,
                        "The probe of " + endpoint.Host + " stopped at the deadline: " + e.Message)
                    : new EndpointProbeResult(endpoint, ProbeOutcome.InternalError,
                        "Internal error in the probe of " + endpoint.Host + " (not a network finding): " + e.GetType().Name + ": " + e.Message);
            }
        }

        public TeamsCaa20002Finding Endpoints(IReadOnlyList<EndpointProbeResult> results, bool tlsRegistryFails, Clouds.CloudDetection? cloud = null)
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
                && r.Outcome != ProbeOutcome.InternalError).ToList();
            var internalErrors = results.Where(r => r.Outcome == ProbeOutcome.InternalError).ToList();
            var inspected = results.Where(r => r.TlsHandshakeSucceeded && r.CertificateProblem.Length > 0).ToList();
            if (failed.Count > 0)
            {
                var worst = failed.Select(r => r.Outcome).OrderBy(Rank).First();
                string remedy;
                switch (worst)
                {
                    case ProbeOutcome.TlsFailed:
                        remedy = tlsRegistryFails ? Remedies.EnableTls12 : "TLS 1.2 is not disabled in the registry: look for a firewall or TLS inspection that breaks the handshake. " + fixProxy;
                        break;
                    case ProbeOutcome.HtmlInsteadOfService:
                    case ProbeOutcome.ProxyRefused:
                        remedy = fixProxy;
                        break;
                    default:
                        remedy = sovereign?.ReachRemedy ?? "Check DNS, the firewall and any VPN for the Microsoft 365 sign-in endpoints (Microsoft 365 endpoint sets 56, 59, 12).";
                        break;
                }

                var summary = failed.Count + " of " + results.Count + " sign-in endpoints fail: " + string.Join(", ", failed.Select(r => r.Endpoint.Host + " (" + Plain(r.Outcome) + ")")) + ".";
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Fail, summary, evidence, remedy);
            }

            if (internalErrors.Count > 0)
            {
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Warning,
                    internalErrors.Count + " of " + results.Count
                        + " endpoint probes failed with an internal error of this module (not a network finding): " + string.Join(", ",
                        internalErrors.Select(r => r.Endpoint.Host)) + ".", evidence);
            }

            if (inspected.Count > 0)
            {
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Warning, "TLS 1.2 works, but " + inspected.Count + " endpoint(s) present a certificate this PC does not trust (TLS inspection?): issuer " + inspected[0].CertificateIssuer + ".", evidence, fixProxy);
            }

            var noAnswer = results.Where(r => r.Outcome == ProbeOutcome.NoHttpAnswer).ToList();
            if (noAnswer.Count > 0)
            {
                return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Warning, "TLS 1.2 works with all " + results.Count + " endpoints, but " + noAnswer.Count + " gave no HTTP answer.", evidence);
            }

            var negotiated = results.Select(r => r.NegotiatedProtocol).Where(p => p.Length > 0).Distinct()
                .OrderBy(p => p, StringComparer.Ordinal).ToList();
            return findings.Make(CheckIds.NetworkEndpoint, null, FindingStatus.Pass, "All " + results.Count + " sign-in endpoints answer over "
                + (negotiated.Count > 0 ? string.Join(" and ", negotiated) : "TLS 1.2") + ".", evidence);
        }

        public TeamsCaa20002Finding ClockSkew(IReadOnlyList<EndpointProbeResult> results)
        {
            var dated = results.Where(r => r.ServerDate.HasValue).OrderBy(r => r.Endpoint.Host.Equals("login.microsoftonline.com", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault();
            if (dated == null)
            {
                return findings.Skipped(CheckIds.NetworkClockSkew, null, "no endpoint answered with a Date header (see Network.Endpoint).");
            }

            var local = machine.Clock.UtcNow;
            var skew = local - dated.ServerDate!.Value;
            var evidence = new[]
            {
                "Local UTC " + local.ToString("u", CultureInfo.InvariantCulture) + ", " + dated.Endpoint.Host + " Date " + dated.ServerDate.Value.ToString("u", CultureInfo.InvariantCulture) + ".",
            };
            var text = FormatSkew(skew);
            return Math.Abs(skew.TotalMinutes) > MaxClockSkew.TotalMinutes
                ? findings.Make(CheckIds.NetworkClockSkew, null, FindingStatus.Fail, "The clock is off by " + text + " (more than 5 minutes): sign-in fails with invalid_grant (CAA20003).", evidence, Remedies.FixClock)
                : findings.Make(CheckIds.NetworkClockSkew, null, FindingStatus.Pass, "The clock is off by " + text + " against the sign-in service (limit 5 minutes).", evidence);
        }

        private static string FormatSkew(TimeSpan skew)
        {
            var abs = skew.Duration();
            var direction = skew > TimeSpan.Zero ? " ahead" : skew < TimeSpan.Zero ? " behind" : string.Empty;
            return (abs.TotalHours >= 1 ? ((int)abs.TotalHours).ToString(CultureInfo.InvariantCulture) + " h " + abs.Minutes.ToString(CultureInfo.InvariantCulture) + " min" : abs.TotalMinutes >= 1 ? ((int)abs.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min " + abs.Seconds.ToString(CultureInfo.InvariantCulture) + " s" : ((int)abs.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s") + direction;
        }

        private static string Describe(EndpointProbeResult r)
        {
            var parts = new List<string> { r.Endpoint + ": " + r.Outcome + ", " + ((int)r.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms" + (r.Proxy.Length > 0 ? " via proxy " + r.Proxy : string.Empty) + ". " + r.Detail };
            if (r.CertificateProblem.Length > 0)
            {
                parts.Add("certificate chain: " + r.CertificateProblem + ", issuer " + r.CertificateIssuer);
            }

            var code = TeamsCode(r.Outcome);
            if (code.Length > 0)
            {
                parts.Add("Teams shows this as " + code);
            }

            return string.Join("; ", parts);
        }

        /// <summary>The CAA code the client reports for this kind of failure (facts.md section 1).</summary>
        public static string TeamsCode(ProbeOutcome outcome)
        {
            switch (outcome)
            {
                case ProbeOutcome.NameNotResolved: return "CAA82EE7";
                case ProbeOutcome.ConnectFailed: return "CAA82EFD";
                case ProbeOutcome.TimedOut: return "CAA82EE2";
                case ProbeOutcome.ProxyRefused: return "CAA70004";
                case ProbeOutcome.TlsFailed: return "CAA82F8F";
                case ProbeOutcome.HtmlInsteadOfService: return "CAA90015";
                default: return string.Empty;
            }
        }

        private static int Rank(ProbeOutcome o) => o == ProbeOutcome.TlsFailed ? 0 : o == ProbeOutcome.HtmlInsteadOfService ? 1 : o == ProbeOutcome.ProxyRefused ? 2 : 3;

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
                default: return outcome.ToString();
            }
        }
    }

    /// <summary>The proxy configuration as read, and the route the probes take.</summary>
    internal sealed class ProxyPicture
    {
        public ProxyRoute? Route { get; set; }

        public List<string> Evidence { get; } = new List<string>();

        public List<string> UserProxies { get; } = new List<string>();

        public List<string> PacScripts { get; } = new List<string>();
    }
}
