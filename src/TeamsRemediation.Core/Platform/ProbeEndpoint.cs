using System;
using System.Globalization;

namespace TeamsRemediation.Platform
{
    /// <summary>An HTTPS endpoint to probe: host, port, and the path whose answer tells the service from a proxy's page.</summary>
    public sealed class ProbeEndpoint
    {
        /// <summary>Entra ID's OpenID metadata: JSON from every Entra cloud, so an HTML answer there can only come from something in between.</summary>
        public const string OpenIdConfigurationPath = "/common/v2.0/.well-known/openid-configuration";

        public ProbeEndpoint(string host, int port, string path, bool expectsJson)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                throw new ArgumentException("A host name is required.", nameof(host));
            }

            Host = host;
            Port = port;
            Path = string.IsNullOrEmpty(path) ? "/" : path;
            ExpectsJson = expectsJson;
        }

        public string Host { get; }

        public int Port { get; }

        public string Path { get; }

        /// <summary>The service answers this path with JSON; HTML there means a proxy or captive portal answered instead.</summary>
        public bool ExpectsJson { get; }

        /// <summary>host:port as used in a CONNECT request and in reports.</summary>
        public string Authority => (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Reads "host", "host:port" or "https://host[:port]/path". Login hosts (login.*) are probed at the OpenID
        /// metadata path unless a path is given; a path containing "openid-configuration" expects JSON.
        /// </summary>
        public static bool TryParse(string? text, out ProbeEndpoint? endpoint)
        {
            endpoint = null;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            var candidate = text!.Trim();
            if (candidate.IndexOf("://", StringComparison.Ordinal) < 0)
            {
                candidate = "https://" + candidate;
            }

            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || !uri.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0)
            {
                return false;
            }

            var host = uri.Host.Trim('[', ']');
            var path = uri.PathAndQuery;
            if (path == "/" && host.StartsWith("login.", StringComparison.OrdinalIgnoreCase))
            {
                path = OpenIdConfigurationPath;
            }

            endpoint = new ProbeEndpoint(host, uri.Port, path, path.IndexOf("openid-configuration", StringComparison.OrdinalIgnoreCase) >= 0);
            return true;
        }

        public override string ToString() => Authority + Path;
    }
}
