using System;
using System.Globalization;
using System.IO;
using System.Threading;
using TeamsRemediation.Demo;
using TeamsRemediation.Simulation;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// Scenarios that must run in a process a test can kill for real, reached through the assembly's entry point
    /// (<see cref="SleeperProgram"/>): <c>dotnet TeamsRemediation.Tests.dll &lt;scenario&gt; &lt;pc root&gt; &lt;n&gt;</c>. The child
    /// stops at its n-th change (after the change's journal entry, before the change), writes <see cref="PausedMarker"/>
    /// and waits to be killed. The test runner never calls it.
    /// </summary>
    public static class ChildHost
    {
        public const string PausedMarker = "child-paused";

        /// <summary>Clear-TeamsCache -Backup for alice's new Teams cache, stopped at the n-th move.</summary>
        public const string ClearCacheScenario = "clear-cache-backup";

        /// <summary>Enable-Tls12 -Scope Machine on the registry kept in <see cref="RegistryFileName"/>, stopped at the n-th write.</summary>
        public const string EnableTls12Scenario = "enable-tls12";

        public const string RegistryFileName = "registry.txt";

        public static bool Handles(string scenario) => scenario == ClearCacheScenario || scenario == EnableTls12Scenario;

        public static int Run(string[] args)
        {
            if (args.Length != 3 || !int.TryParse(args[2], out var stopAt))
            {
                Console.Error.WriteLine("usage: " + ClearCacheScenario + "|" + EnableTls12Scenario + " <pc root> <change number to stop at>");
                return 2;
            }

            EngineTelemetry.OptOut();
            var root = args[1];
            var pc = SimulatedPc.In(root);
            var changes = 0;
            void Count()
            {
                if (Interlocked.Increment(ref changes) == stopAt)
                {
                    File.WriteAllText(Path.Combine(root, PausedMarker), changes.ToString(CultureInfo.InvariantCulture));
                    Thread.Sleep(Timeout.Infinite);
                }
            }

            string script;
            switch (args[0])
            {
                case ClearCacheScenario:
                    pc.AddUser("alice", loggedOn: true).InstallNewTeams();
                    pc.Machine.FileOperations.BeforeMove = _ => Count();
                    script = "Clear-TeamsCache -UserName alice -Client New -Backup -Force";
                    break;
                case EnableTls12Scenario:
                    SimulatedRegistryFile.Attach(pc.Machine.SimulatedRegistry, Path.Combine(root, RegistryFileName));
                    pc.Machine.SimulatedRegistry.BeforeWrite = (_, __) => Count();
                    script = "Enable-Tls12 -Scope Machine";
                    break;
                default:
                    Console.Error.WriteLine("unknown scenario " + args[0]);
                    return 2;
            }

            using var session = new ModuleSession(pc.Machine);
            session.Run(script);
            return 0;
        }
    }
}
