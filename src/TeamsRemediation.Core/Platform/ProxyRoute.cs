using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TeamsRemediation.Platform
{
    /// <summary>An HTTP proxy to tunnel HTTPS through with CONNECT, and the hosts that bypass it.</summary>
    public sealed class ProxyRoute
    {
        public ProxyRoute(string host, int port, IEnumerable<string>? bypass = null, string source = "")
        {
            Host = host;
            Port = port;
            Bypass = (bypass ?? Enumerable.Empty<string>()).Where(b => b.Length > 0).ToArray();
            Source = source;
        }

        public string Host { get; }

        public int Port { get; }

        /// <summary>Bypass entries as Windows writes them: "&lt;local&gt;", "*.contoso.com", "10.*".</summary>
        public IReadOnlyList<string> Bypass { get; }

        /// <summary>Where this proxy came from (WinHTTP, a user's Internet Options), for reports.</summary>
        public string Source { get; }

        public string Authority => Host + ":" + Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Reads a Windows proxy string: "proxy:8080", "http://proxy:8080", or per-scheme
        /// "http=proxy:80;https=proxy:8443". HTTPS traffic uses the https= entry, else the one without a scheme.
        /// </summary>
        public static ProxyRoute? Parse(string? proxyServer, string? bypassList, string source)
        {
            if (string.IsNullOrWhiteSpace(proxyServer))
            {
                return null;
            }

            var entries = proxyServer!.Split(new[] { ';', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            string? chosen = null;
            foreach (var entry in entries)
            {
                var eq = entry.IndexOf('=');
                if (eq < 0)
                {
                    chosen = chosen ?? entry;
                }
                else if (entry.Substring(0, eq).Trim().Equals("https", StringComparison.OrdinalIgnoreCase))
                {
                    chosen = entry.Substring(eq + 1);
                    break;
                }
            }

            if (chosen == null)
            {
                return null;
            }

            var address = chosen.Trim();
            var scheme = address.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                address = address.Substring(scheme + 3);
            }

            address = address.TrimEnd('/');
            var port = 80;
            var colon = address.LastIndexOf(':');
            if (colon > 0 && address.IndexOf(']') < colon)
            {
                if (!int.TryParse(address.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1
                    || port > 65535)
                {
                    return null;
                }

                address = address.Substring(0, colon);
            }

            address = address.Trim('[', ']');
            if (address.Length == 0)
            {
                return null;
            }

            var bypass = (bypassList ?? string.Empty).Split(new[] { ';', ' ', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(b => b.Trim());
            return new ProxyRoute(address, port, bypass, source);
        }

        /// <summary>True when the host goes direct: listed in the bypass list, or a plain name under "&lt;local&gt;".</summary>
        public bool Bypasses(string host)
        {
            foreach (var entry in Bypass)
            {
                if (entry.Equals("<local>", StringComparison.OrdinalIgnoreCase))
                {
                    if (host.IndexOf('.') < 0)
                    {
                        return true;
                    }

                    continue;
                }

                if (WildcardMatches(entry, host))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool WildcardMatches(string pattern, string host)
        {
            var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
            return System.Text.RegularExpressions.Regex.IsMatch(host, regex,
                System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }

        public override string ToString() => Authority + (Source.Length > 0 ? " (" + Source + ")" : string.Empty);
    }
}
