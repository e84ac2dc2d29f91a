namespace TeamsRemediation
{
    /// <summary>How much of a Teams cache a clear removes.</summary>
    public enum CacheScope
    {
        /// <summary>Everything in the cache but the kept user data (backgrounds, settings, logs): Microsoft's clear-cache steps.</summary>
        Full,

        /// <summary>
        /// Only the folders Microsoft ranks as free to lose on a virtual desktop (new Teams: each WebView2 profile's GPUCache and
        /// WebStorage; classic: GPUCache). Teams starts as fast as before and keeps the user's data; the default on VDI hosts.
        /// </summary>
        Light,
    }
}
