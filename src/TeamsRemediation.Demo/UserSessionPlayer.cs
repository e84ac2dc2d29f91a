using System;
using System.Collections.Generic;
using System.IO;
using TeamsRemediation.Simulation;
using TeamsRemediation.UserBridge;

namespace TeamsRemediation.Demo
{
    /// <summary>
    /// A logged-on user's own view of a simulated PC run as SYSTEM: the same folder on disk (profiles, ProgramData), but the
    /// module runs as that user, unelevated, with its own recorded programs (WAM, cmdkey, Appx answer for this user only).
    /// <see cref="Play"/> makes the PC's task service run each task started for the user with the task's real command line,
    /// in a real PowerShell engine, as this user, importing the built module by its full path, as the one-shot task runs it
    /// on Windows. What the demo and the tests use to show a run from SYSTEM reaching into a user's session.
    /// </summary>
    public sealed class UserSessionPlayer : IDisposable
    {
        private readonly List<BridgeRequestFile> requests = new List<BridgeRequestFile>();

        public UserSessionPlayer(SimulatedMachine systemMachine, SimulatedUser user)
        {
            Pc = SimulatedPc.In(systemMachine.RootFolder, systemMachine.ComputerName);
            var slash = user.UserName.IndexOf('\\');
            User = Pc.AddUser(user.UserName.Substring(slash + 1), loggedOn: true, domain: user.UserName.Substring(0, slash), sid: user.Sid);
            Pc.RunAs(User, elevated: false);
        }

        public SimulatedPc Pc { get; }

        public SimulatedMachine Machine => Pc.Machine;

        public SimulatedUser User { get; }

        /// <summary>The requests the user's tasks ran (the command's parameters from the run folder's request file), in order.</summary>
        public IReadOnlyList<BridgeRequestFile> Requests
        {
            get
            {
                lock (requests)
                {
                    return requests.ToArray();
                }
            }
        }

        /// <summary>
        /// From now on, a task started for this user runs for real in this view; <paramref name="tamper"/> may rewrite the result
        /// file afterwards, as a user who owns it could.
        /// </summary>
        public void Play(SimulatedMachine systemMachine, Func<string, string>? tamper = null)
        {
            systemMachine.TaskScheduler.OnRun(User.Sid, run =>
            {
                lock (requests)
                {
                    requests.Add(run.Request ?? throw new InvalidOperationException("The task was started without its request file."));
                }

                using (var shell = new ModuleSession(Machine))
                {
                    var result = shell.Run(run.ScriptCall);
                    if (result.Terminating != null)
                    {
                        throw new InvalidOperationException("The session's script stopped: " + result.Terminating.Message, result.Terminating);
                    }
                }

                var path = run.Parameter("ResultPath")!;
                if (tamper != null)
                {
                    File.WriteAllText(path, tamper(File.ReadAllText(path)));
                }

                // The user's own process made the file, so the user owns it.
                systemMachine.StorageSecurity.Declare(path, "O:" + User.Sid + "D:(A;;FA;;;SY)(A;;FA;;;" + User.Sid + ")");
                return SimulatedRunEnd.Exits;
            });
        }

        public void Dispose() => Machine.Dispose();
    }
}
