using System.Threading;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// The test assembly's entry point (the test SDK makes every test project an executable). With --sleep it only
    /// waits: on Windows a copy of this program's launcher named ms-teams.exe is a real "Teams" process to stop. With
    /// a <see cref="ChildHost"/> scenario it runs that scenario, for a crash test to kill.
    /// </summary>
    public static class SleeperProgram
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--sleep")
            {
                Thread.Sleep(Timeout.Infinite);
            }

            if (args.Length > 0 && ChildHost.Handles(args[0]))
            {
                return ChildHost.Run(args);
            }

            return 0;
        }
    }
}
