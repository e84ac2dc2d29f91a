using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>The network settings of the PC that sign-in depends on: the proxy (WinHTTP and each user's), VPN adapters, the hosts file.</summary>
    internal sealed class NetworkSettingsChecks
    {
        /// <summary>Adapter names and descriptions VPN clients use.</summary>
        private static readonly string[] VpnWords = { "VPN", "AnyConnect", "GlobalProtect", "PANGP", "Fortinet", "FortiClient", "WireGuard",
            "TAP-Windows", "OpenVPN", "Juniper", "Pulse Secure", "Ivanti", "Zscaler", "Check Point", "SonicWall", "NordLynx" };

        /// <summary>Microsoft sign-in host names and domains that a hosts file must not redirect.</summary>
        private static readonly string[] SignInDomains = { "microsoftonline.com", "microsoftonline-p.com", "login.microsoft.com", "login.windows.net",
            "login.live.com", "enterpriseregistration.windows.net", "msauth.net", "msftauth.net", "teams.microsoft.com", "teams.cloud.microsoft" };

        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public NetworkSettingsChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        /// <summary>Where sign-in traffic goes: the WinHTTP proxy, else the first target user's manual proxy, else direct. Read before probing so the
        /// probes take the same way.</summary>
        public ProxyPicture ReadProxies(IReadOnlyList<TargetUser> users)
        {
            var picture = new ProxyPicture();
            var winHttp = MachineWinHttpProxy(picture.Evidence);
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
                picture.Evidence.Add("WinHTTP proxy: " + winHttp.ProxyServer
                    + (winHttp.BypassList.Length > 0 ? ", bypass " + winHttp.BypassList : string.Empty) + ".");
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
                    picture.Evidence.Add(user.UserName + ": Internet Options proxy " + server
                        + (bypass.Length > 0 ? ", bypass " + bypass : string.Empty) + ".");
                    picture.UserProxies.Add(server);
                    picture.Route = picture.Route ?? ProxyRoute.Parse(server, bypass, user.UserName + " Internet Options");
                }
                else
                {
                    picture.Evidence.Add(user.UserName + ": no manual proxy in Internet Options.");
                }

                if (pac.Length > 0)
                {
                    picture.Evidence.Add(user.UserName + ": proxy auto-config script " + pac + " (not evaluated: the probes used "
                        + (picture.Route?.ToString() ?? "a direct connection") + ").");
                    picture.PacScripts.Add(pac);
                }
            }

            return picture;
        }

        /// <summary>
        /// The WinHTTP proxy the 64-bit Teams and WAM stack uses. WinHTTP's API answers from the caller's registry view, so in a 32-bit host
        /// (Intune's default) it gives the WOW6432Node copy: there the 64-bit view's value is read as data instead, and the API is asked
        /// only when that value cannot be read.
        /// </summary>
        private WinHttpProxySetting MachineWinHttpProxy(List<string> evidence)
        {
            if (!machine.Is32BitProcess)
            {
                return machine.NetworkSettings.GetWinHttpProxy();
            }

            var native = Network.WinHttpProxyViews.Read(machine.Registry, RegistryView.Registry64);
            if (native.Error.Length == 0)
            {
                evidence.Add("WinHTTP proxy read from the 64-bit registry view, the one Teams and WAM use (this PowerShell is 32-bit).");
                return native;
            }

            evidence.Add("WinHTTP proxy of the 64-bit view could not be read (" + native.Error + "); the 32-bit view's answer is used.");
            return machine.NetworkSettings.GetWinHttpProxy();
        }

        public TeamsCaa20002Finding Proxy(ProxyPicture picture, IReadOnlyList<EndpointProbeResult>? probes)
        {
            var evidence = picture.Evidence.ToList();
            var throughProxy = (probes ?? new EndpointProbeResult[0]).Where(p => p.Proxy.Length > 0).ToList();
            var refused = throughProxy.Where(p => p.Outcome == ProbeOutcome.ProxyRefused || p.Outcome == ProbeOutcome.HtmlInsteadOfService).ToList();
            evidence.AddRange(refused.Select(p => p.Endpoint.Host + ": " + p.Detail));
            if (refused.Count > 0)
            {
                return findings.Make(CheckIds.NetworkProxy, null, FindingStatus.Fail,
                    "The proxy " + refused[0].Proxy + " blocks or rewrites sign-in traffic (" + Text.Wording.Count(refused.Count, "endpoint") + ").",
                        evidence, Remedies.FixProxy);
            }

            if (picture.PacScripts.Count > 0)
            {
                return findings.Make(CheckIds.NetworkProxy, null, FindingStatus.Warning,
                    "A proxy auto-config script decides the route; it was not evaluated.", evidence,
                        "Check that the PAC script sends the Microsoft 365 sign-in endpoints to a proxy that passes them, or directly.");
            }

            if (picture.Route == null)
            {
                return findings.Make(CheckIds.NetworkProxy, null, FindingStatus.Pass, "No proxy: sign-in connects directly.", evidence);
            }

            return findings.Make(CheckIds.NetworkProxy, null, FindingStatus.Pass,
                "Proxy " + picture.Route + " is configured" + (throughProxy.Count > 0 ? " and passed the sign-in probes." : "."), evidence);
        }

        public TeamsCaa20002Finding Vpn()
        {
            var adapters = machine.NetworkSettings.GetAdapters();
            var vpn = adapters.Where(a => a.Up && (a.Type.Equals("Ppp", StringComparison.OrdinalIgnoreCase)
                || VpnWords.Any(w => (a.Name + " " + a.Description).IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0))).ToList();
            if (vpn.Count == 0)
            {
                return findings.Make(CheckIds.NetworkVpn, null, FindingStatus.Pass, "No VPN adapter is connected.",
                    adapters.Where(a => a.Up).Select(a => "Up: " + a));
            }

            return findings.Make(CheckIds.NetworkVpn, null, FindingStatus.Warning,
                "VPN connected: " + string.Join(", ", vpn.Select(a => a.Description.Length > 0 ? a.Description : a.Name))
                    + ". If sign-in fails only on VPN, its tunnel or inspection blocks Microsoft 365.", vpn.Select(a => "VPN: " + a),
                    "Test sign-in with the VPN disconnected; if it then works, have the VPN route Microsoft 365 sign-in endpoints directly (split " +
                        "tunnel) without TLS inspection.");
        }

        public TeamsCaa20002Finding HostsFile(IEnumerable<ProbeEndpoint> endpoints)
        {
            var path = Path.Combine(machine.WindowsPath, "System32", "drivers", "etc", "hosts");
            if (!File.Exists(path))
            {
                return findings.Make(CheckIds.NetworkHostsFile, null, FindingStatus.Pass, "No hosts file: names resolve through DNS.",
                    new[] { path + ": absent." });
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
                            if (watched.Any(d => host.Equals(d, StringComparison.OrdinalIgnoreCase)
                                || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)))
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
                ? findings.Make(CheckIds.NetworkHostsFile, null, FindingStatus.Pass, "The hosts file does not redirect Microsoft sign-in hosts.",
                new[] { path })
                : findings.Make(CheckIds.NetworkHostsFile, null, FindingStatus.Fail,
                "The hosts file redirects Microsoft sign-in hosts (" + Text.Wording.Count(overrides.Count, "line") + ").", overrides,
                    "Remove these lines from " + path + " (then run ipconfig /flushdns).");
        }
    }
}
