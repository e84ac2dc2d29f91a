using System;
using System.Globalization;
using System.Linq;

namespace TeamsRemediation.Platform
{
    /// <summary>An HTTPS endpoint to probe: host, port, and the path whose answer tells the service from a proxy's page.</summary>
    public sealed class ProbeEndpoint
    {
        /// <summary>Entra ID's OpenID metadata: JSON from every Entra cloud, so an HTML answer there can only come from something in
        /// between.</summary>
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
        public static bool TryParse(string? text, out ProbeEndpoint? endpoint) => TryParse(text, out endpoint, out _);

        /// <summary>As <see cref="TryParse(string, out ProbeEndpoint)"/>, with what is wrong when it is not an endpoint.</summary>
        public static bool TryParse(string? text, out ProbeEndpoint? endpoint, out string problem)
        {
            endpoint = null;
            problem = "it is not a host name, host:port or https://host[:port]/path";
            if (string.IsNullOrWhiteSpace(text))
            {
                problem = "it is empty";
                return false;
            }

            var candidate = text!.Trim();
            if (candidate.IndexOf("://", StringComparison.Ordinal) < 0)
            {
                candidate = "https://" + candidate;
            }

            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || !uri.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0)
            {
                return false;
            }

            var host = uri.Host.Trim('[', ']');
            problem = HostProblem(uri) ?? (uri.Port < 1 || uri.Port > 65535 ? "the port " + uri.Port.ToString(CultureInfo.InvariantCulture)
                + " is outside 1-65535" : string.Empty);
            if (problem.Length > 0)
            {
                return false;
            }

            var path = uri.PathAndQuery;
            if (path == "/" && host.StartsWith("login.", StringComparison.OrdinalIgnoreCase))
            {
                path = OpenIdConfigurationPath;
            }

            endpoint = new ProbeEndpoint(host, uri.Port, path, path.IndexOf("openid-configuration", StringComparison.OrdinalIgnoreCase) >= 0);
            return true;
        }

        public override string ToString() => Authority + Path;

        /// <summary>DNS limits (RFC 1035): a name of at most 253 characters, labels of 1 to 63 letters, digits or hyphens, no hyphen at either
        /// end.</summary>
        private static string? HostProblem(Uri uri)
        {
            if (uri.HostNameType == UriHostNameType.IPv4 || uri.HostNameType == UriHostNameType.IPv6)
            {
                return null;
            }

            var name = uri.IdnHost.TrimEnd('.');
            if (name.Length > 253)
            {
                return "the host name has " + name.Length.ToString(CultureInfo.InvariantCulture) + " characters (DNS allows 253)";
            }

            foreach (var label in name.Split('.'))
            {
                if (label.Length == 0 || label.Length > 63)
                {
                    return "the host name has a label of " + label.Length.ToString(CultureInfo.InvariantCulture) + " characters (DNS allows 1 to 63)";
                }

                if (label[0] == '-' || label[label.Length - 1] == '-' || label.Any(c => !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0'
                    && c <= '9' || c == '-')))
                {
                    return "the host name label '" + label + "' is not letters, digits and inner hyphens";
                }
            }

            return null;
        }
    }
}
