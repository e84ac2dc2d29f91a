namespace TeamsRemediation.Platform
{
    /// <summary>
    /// The proxy the calling user's own settings pick for one URL, the way WinHTTP's auto-proxy resolves them: the user's
    /// Internet Options (WinHttpGetIEProxyConfigForCurrentUser), then a PAC file from their automatic configuration script or
    /// found by WPAD (WinHttpGetProxyForUrl), else their static proxy, else a direct connection.
    /// </summary>
    public sealed class UserProxyResolution
    {
        public UserProxyResolution(ProxyRoute? route, string source, string problem = "")
        {
            Route = route;
            Source = source ?? string.Empty;
            Problem = problem ?? string.Empty;
        }

        /// <summary>The proxy for the URL; null for a direct connection.</summary>
        public ProxyRoute? Route { get; }

        /// <summary>Where it came from: "PAC http://wpad/wpad.dat", "WPAD", "static proxy", "direct".</summary>
        public string Source { get; }

        /// <summary>What went wrong on the way (a PAC file that could not be downloaded or run); empty when nothing did.</summary>
        public string Problem { get; }

        public static UserProxyResolution Direct(string problem = "") => new UserProxyResolution(null, "direct", problem);

        public override string ToString() => Source + (Route != null ? ": " + Route.Authority : string.Empty)
            + (Problem.Length > 0 ? " (" + Problem + ")" : string.Empty);
    }
}
