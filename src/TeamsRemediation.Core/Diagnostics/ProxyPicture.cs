using System.Collections.Generic;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>The proxy configuration as read, and the route the probes take.</summary>
    internal sealed class ProxyPicture
    {
        public ProxyRoute? Route { get; set; }

        public List<string> Evidence { get; } = new List<string>();

        public List<string> UserProxies { get; } = new List<string>();

        public List<string> PacScripts { get; } = new List<string>();
    }
}
