using TeamsRemediation.Errors;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Cache
{
    /// <summary>
    /// The one rule for how much of a Teams cache to clear. Microsoft does not support routine deletion of the new Teams
    /// cache on virtual desktops (OfficeDocs "New Microsoft Teams for VDI", folder exclusions): only GPUCache and WebStorage
    /// are free to lose there, the rest costs every later launch ("We're setting things up for you"). So on a multi-session
    /// host, an FSLogix profile host or an Azure Virtual Desktop the default is <see cref="CacheScope.Light"/>; the caller
    /// asks for <see cref="CacheScope.Full"/> explicitly. A cache on a network share (redirected AppData) is reached by
    /// every PC the user signs in to, and a Teams running on another PC cannot be seen or stopped from here: it is cleared
    /// lightly by default and a full clear is refused.
    /// </summary>
    public static class CacheScopePolicy
    {
        /// <param name="machine">The PC, for its kind (multi-session, FSLogix, AVD) and for where the cache lives.</param>
        /// <param name="user">From the target resolver: its folders name the cache root.</param>
        /// <param name="client">Whose cache.</param>
        /// <param name="requested">The caller's -Scope, or null to let the machine decide.</param>
        public static CacheScopeDecision Decide(IMachine machine, TargetUser user, TeamsClient client, CacheScope? requested)
        {
            var cacheRoot = TeamsLayout.CacheRoot(client, user.Folders);
            var onShare = machine.Files.IsOnNetworkShare(cacheRoot);
            if (requested == CacheScope.Full && onShare)
            {
                return new CacheScopeDecision(CacheScope.Full, "Full was asked for, and the cache is on a network share.", chosenByCaller: true,
                    ModuleErrors.CacheOnNetworkShare(user.UserName, client.ToString(), cacheRoot));
            }

            if (requested.HasValue)
            {
                return new CacheScopeDecision(requested.Value, requested.Value + " was asked for (-Scope " + requested.Value + ").",
                    chosenByCaller: true);
            }

            if (onShare)
            {
                return new CacheScopeDecision(CacheScope.Light, "The " + client + " Teams cache of " + user.UserName + " is on a network share ("
                    + cacheRoot + ", redirected AppData) that every PC the user signs in to uses; only what is free to lose is cleared.",
                    chosenByCaller: false);
            }

            var host = VirtualDesktopHost.Read(machine);
            if (host.IsVirtualDesktop)
            {
                return new CacheScopeDecision(CacheScope.Light, host.Describe() + ": Microsoft does not support routine deletion of the Teams "
                    + "cache on virtual desktops, so only GPUCache and WebStorage are cleared. -Scope Full clears everything.",
                    chosenByCaller: false);
            }

            return new CacheScopeDecision(CacheScope.Full, "A single-user PC with its cache in the profile: the full clear.", chosenByCaller: false);
        }
    }
}
