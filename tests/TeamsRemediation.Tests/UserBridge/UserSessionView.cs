using System;
using System.Collections.Generic;
using System.IO;
using TeamsRemediation.Demo;
using TeamsRemediation.Simulation;
using Xunit;

namespace TeamsRemediation.Tests.UserBridge
{
    /// <summary>
    /// A logged-on user's own view of a simulated PC run as SYSTEM: the same folder on disk (profiles, ProgramData), but the
    /// module runs as that user, unelevated, with its own recorded programs (WAM, cmdkey, Appx answer for this user only).
    /// <see cref="Play"/> makes the task service run each started task's real command line in a real PowerShell engine, as
    /// this user, importing the built module by its full path, exactly as the one-shot task runs it on Windows.
    /// </summary>
    internal sealed class UserSessionView : IDisposable
    {
        /// <summary>Windows PowerShell's Set-Content is not in the engine served here: this writes the file as 5.1 does (UTF-8 with BOM).</summary>
        public const string SetContent = "function global:Set-Content { param([string] $LiteralPath, [object] $Value, [string] $Encoding) "
            + "[System.IO.File]::WriteAllText($LiteralPath, [string]$Value, [System.Text.UTF8Encoding]::new($true)) }";

        private readonly List<string> scripts = new List<string>();

        public UserSessionView(SimulatedMachine systemMachine, SimulatedUser user)
        {
            Pc = SimulatedPc.In(systemMachine.RootFolder, systemMachine.ComputerName);
            var slash = user.UserName.IndexOf('\\');
            User = Pc.AddUser(user.UserName.Substring(slash + 1), loggedOn: true, domain: user.UserName.Substring(0, slash), sid: user.Sid);
            Pc.RunAs(User, elevated: false);
        }

        public SimulatedPc Pc { get; }

        public SimulatedMachine Machine => Pc.Machine;

        public SimulatedUser User { get; }

        /// <summary>The decoded scripts the user's tasks ran, in order.</summary>
        public IReadOnlyList<string> Scripts
        {
            get
            {
                lock (scripts)
                {
                    return scripts.ToArray();
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
                lock (scripts)
                {
                    scripts.Add(run.Script);
                }

                using (var shell = new ModuleSession(Machine))
                {
                    shell.Invoke(SetContent);
                    Assert.Null(shell.Run(run.Script).Terminating);
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
