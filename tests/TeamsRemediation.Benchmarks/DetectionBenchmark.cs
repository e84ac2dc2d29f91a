using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TeamsRemediation.Demo;
using TeamsRemediation.Inventory;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// The Intune detection command (`Test-TeamsCaa20002 -As Line -TimeoutSeconds T`, every check) in the engine on a
    /// PC whose users all have huge Teams caches, with the sign-in endpoints replaced by a silent loopback listener so
    /// the probes use the whole deadline. The goal: every run ends within T + 1 s, whatever the caches hold. For scale,
    /// one unbounded walk of all the caches (what the diagnosis did before its walk had a deadline) is timed too.
    /// </summary>
    internal static class DetectionBenchmark
    {
        public static void Run(Options options, Verdicts verdicts, string benchRoot)
        {
            var users = options.Int("--cache-users", options.Smoke ? 2 : 10);
            var files = options.Int("--cache-files", options.Smoke ? 5_000 : 300_000);
            var timeout = options.Int("--timeout", options.Smoke ? 1 : 3);
            var rounds = options.Rounds(5);
            Console.WriteLine("== Detection with huge caches: " + users + " users x " + files.ToString("N0", CultureInfo.InvariantCulture)
                + " cache files, -TimeoutSeconds " + timeout + ", " + rounds + " rounds");
            var folder = Path.Combine(benchRoot, "detection");
            var pc = SimulatedPc.In(folder);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var created = Enumerable.Range(0, users).Select(u => pc.AddUser("user" + u.ToString(CultureInfo.InvariantCulture),
                loggedOn: u == 0).InstallNewTeams()).ToList();
            foreach (var user in created)
            {
                CacheTree.Build(Path.Combine(TeamsLayout.NewCacheRoot(user.Folders), "EBWebView", "WV2Profile_tfw"), files);
            }

            pc.RunAsSystem();
            pc.Machine.Network = new TeamsRemediation.Network.SocketNetworkProbe(pc.Machine.Runtime);
            Console.WriteLine("  caches built in " + clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s");
            using var silent = SilentListener.Start();
            using (var session = new ModuleSession(pc.Machine))
            {
                var script = "Test-TeamsCaa20002 -AllUsers -As Line -TimeoutSeconds " + timeout + " -Endpoint '127.0.0.1:"
                    + silent.Port.ToString(CultureInfo.InvariantCulture) + "'";
                session.Invoke("$null = Get-Command Test-TeamsCaa20002");
                var run = new Samples("Test-TeamsCaa20002 -As Line (detection)");
                string line = string.Empty;
                for (var round = 0; round < rounds; round++)
                {
                    run.Add(Timed.Run(() => line = string.Join(" ", session.Invoke(script).Select(o => o.BaseObject.ToString()))));
                }

                Console.WriteLine("  last line: " + (line.Length > 200 ? line.Substring(0, 200) + "..." : line));
                Verdicts.Sides(run);
                verdicts.Within("detection on huge caches ends within -TimeoutSeconds + 1 s in every round", run, (timeout + 1) * 1000.0);
            }

            var targets = created.Select(u => new TargetUser(u.Sid, u.UserName, u.Folders, true, false, u.SessionId)).ToList();
            long walked = 0;
            var unbounded = Timed.Run(() => walked = targets.Sum(t => new TeamsInventory(pc.Machine).Find(t, TeamsClientSelection.New,
                measureCache: true).Sum(i => i.CacheFileCount)));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "  for scale: one unbounded walk of all {0:N0} cache files takes {1:0} ms", walked, unbounded));
            pc.Machine.Dispose();
            Parallel.ForEach(Directory.EnumerateDirectories(folder), new ParallelOptions { MaxDegreeOfParallelism = 2 }, d => Directory.Delete(d,
                recursive: true));
        }
    }
}
