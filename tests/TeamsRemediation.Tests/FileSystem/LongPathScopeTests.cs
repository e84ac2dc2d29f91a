using System;
using System.IO;
using TeamsRemediation.FileSystem;
using Xunit;

namespace TeamsRemediation.Tests.FileSystem
{
    /// <summary>
    /// The scope checks on paths past MAX_PATH, which a journal of a deep cache's backup holds: resolved by their text (.NET
    /// Framework's GetFullPath refuses them), with the same answers GetFullPath gives where it can, ".." above all.
    /// </summary>
    public sealed class LongPathScopeTests
    {
        private static readonly string Cache = Path.Combine(Path.GetTempPath(), "Users", "alice", "AppData", "Local", "Packages",
            "MSTeams_8wekyb3d8bbwe", "LocalCache", "Microsoft", "MSTeams");

        private static string Deep(string top)
        {
            var folder = Path.Combine(top, "EBWebView", "WV2Profile_tfw", "Service Worker", "CacheStorage");
            for (var level = 0; folder.Length < 320; level++)
            {
                folder = Path.Combine(folder, level.ToString("D2") + "-" + new string((char)('a' + level), 32));
            }

            return Path.Combine(folder, "7f3a_0");
        }

        [Fact]
        public void ADeepPathInsideIsInsideWithItsRelativePath()
        {
            var deep = Deep(Cache);

            Assert.True(deep.Length > ExtendedLengthPath.Threshold);
            Assert.True(PathScope.IsSameOrInside(deep, Cache));
            Assert.Equal(deep.Substring(Cache.Length + 1), PathScope.RelativeInside(deep, Cache));
        }

        [Fact]
        public void DotDotInADeepPathIsResolvedBeforeTheCheckAndCannotClimbOut()
        {
            var sep = Path.DirectorySeparatorChar;
            var deep = Deep(Cache);
            var climbs = deep.Substring(Cache.Length).Split(sep).Length - 1;
            var outside = deep + sep + string.Join(sep.ToString(), Repeat("..", climbs + 1)) + sep + "Roaming" + sep + "secret.txt";
            var staysInside = deep + sep + ".." + sep + "." + sep + sep + "other_0";

            Assert.True(outside.Length > ExtendedLengthPath.Threshold);
            Assert.False(PathScope.IsSameOrInside(outside, Cache));
            Assert.Null(PathScope.RelativeInside(outside, Cache));
            Assert.Equal(Path.Combine(Path.GetDirectoryName(Cache)!, "Roaming", "secret.txt"), Path.GetFullPath(outside));
            Assert.True(PathScope.IsSameOrInside(staysInside, Cache));
            Assert.True(PathScope.IsSame(staysInside, Path.Combine(Path.GetDirectoryName(deep)!, "other_0")));
            Assert.Equal(Path.GetFullPath(staysInside).Substring(Cache.Length + 1), PathScope.RelativeInside(staysInside, Cache));
        }

        [Fact]
        public void DotDotNeverClimbsAboveTheRoot()
        {
            var sep = Path.DirectorySeparatorChar.ToString();
            var root = Path.GetPathRoot(Cache)!;
            var climbing = root + string.Join(sep, Repeat("..", 200)) + sep + "Windows" + sep + "evil";

            Assert.True(climbing.Length > ExtendedLengthPath.Threshold);
            Assert.True(PathScope.IsSame(climbing, Path.Combine(root, "Windows", "evil")));
            Assert.False(PathScope.IsSameOrInside(climbing, Cache));
        }

        private static string[] Repeat(string part, int times)
        {
            var parts = new string[times];
            for (var i = 0; i < times; i++)
            {
                parts[i] = part;
            }

            return parts;
        }
    }
}
