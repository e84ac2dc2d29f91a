using System;
using System.IO;
using System.Threading;
using TeamsRemediation.Demo;
using TeamsRemediation.Simulation;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// The test assembly's own entry point, for scenarios that must run in a process a test can kill for real:
    /// <c>dotnet TeamsRemediation.Tests.dll &lt;scenario&gt; &lt;pc root&gt; &lt;count&gt;</c>. The test runner never calls it.
    /// </summary>
    public static class ChildHost
    {
        /// <summary>Written into the PC's root when the child has stopped where the scenario said; it then waits to be killed.</summary>
        public const string PausedMarker = "child-paused";

        public const string ClearCacheScenario = "clear-cache-backup";

        public static int Main(string[] args)
        {
            if (args.Length != 3 || args[0] != ClearCacheScenario || !int.TryParse(args[2], out var pauseAtMove))
            {
                Console.Error.WriteLine("usage: " + ClearCacheScenario + " <pc root> <move number to stop at>");
                return 2;
            }

            EngineTelemetry.OptOut();
            var root = args[1];
            var pc = SimulatedPc.In(root);
            pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            var moves = 0;
            pc.Machine.FileOperations.BeforeMove = _ =>
            {
                // The journal entry of this move is on disk, the move not made: the worst moment to die.
                if (Interlocked.Increment(ref moves) == pauseAtMove)
                {
                    File.WriteAllText(Path.Combine(root, PausedMarker), moves.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Thread.Sleep(Timeout.Infinite);
                }
            };

            using var session = new ModuleSession(pc.Machine);
            session.Run("Clear-TeamsCache -UserName alice -Client New -Backup -Force");
            return 0;
        }
    }
}
