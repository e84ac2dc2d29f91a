using System;
using System.Collections.Generic;
using System.IO;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Reads HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList (64-bit view), the one list of user
    /// profiles that is right from SYSTEM, from a remoting session and from a 32-bit host alike. Shared by the
    /// Windows and the simulated user directory so both read it the same way.
    /// </summary>
    public static class ProfileListReader
    {
        public const string ProfileListPath = @"SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList";

        public static IReadOnlyList<UserProfile> Read(IRegistry registry, Func<string, string?> resolveUserName)
        {
            var profiles = new List<UserProfile>();
            var list = new RegistryKeyPath(RegistryHive.LocalMachine, ProfileListPath, RegistryView.Registry64);
            foreach (var sid in registry.GetSubKeyNames(list))
            {
                // Temporary and backup copies of a profile (".bak") and service accounts are never a Teams user.
                if (WellKnownSids.IsServiceAccount(sid) || !sid.StartsWith("S-1-5-21-", StringComparison.OrdinalIgnoreCase)
                    && !sid.StartsWith("S-1-12-1-", StringComparison.OrdinalIgnoreCase) || sid.EndsWith(".bak", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var path = Readable(() => registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine, ProfileListPath + "\\" + sid),
                    "ProfileImagePath")?.AsString, null);
                if (string.IsNullOrEmpty(path))
                {
                    continue;
                }

                // ProfileImagePath names %SystemDrive% only, which WOW64 does not change.
#pragma warning disable RS0030
                var expanded = Environment.ExpandEnvironmentVariables(path);
#pragma warning restore RS0030
                var name = resolveUserName(sid) ?? Path.GetFileName(expanded.TrimEnd('\\', '/'));
                // A standard user may not open another logged-on user's HKEY_USERS\<SID> (AVD, RDS, fast user
                // switching): access denied proves the hive is loaded; the checks that read it say it is not readable.
                var loaded = Readable(() => registry.KeyExists(new RegistryKeyPath(RegistryHive.Users, sid)), true);
                var central = Readable(() => registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine, ProfileListPath + "\\" + sid),
                    "CentralProfile")?.AsString, null);
                var profileSid = sid;
                profiles.Add(new UserProfile(sid, name, expanded, loaded,
                    () => Targets.UserFolderReader.Read(registry, profileSid, name, expanded, loaded, central)));
            }

            return profiles;
        }

        private static T Readable<T>(Func<T> read, T whenDenied)
        {
            try
            {
                return read();
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                return whenDenied;
            }
        }
    }
}
