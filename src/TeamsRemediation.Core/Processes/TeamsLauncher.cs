using System;
using System.ComponentModel;
using System.IO;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Processes
{
    /// <summary>A way to start one Teams client, as its Start menu entry does.</summary>
    public sealed class TeamsLaunchCommand
    {
        public TeamsLaunchCommand(string program, string arguments)
        {
            Program = program;
            Arguments = arguments;
        }

        public string Program { get; }

        public string Arguments { get; }

        public override string ToString() => Program + " " + Arguments;
    }

    /// <summary>
    /// The one place that starts Teams for a user. A started process runs with the caller's token in the caller's
    /// session, so it is the user's Teams only when the caller is the user in a session that is theirs by the rule of
    /// <see cref="UserProcesses"/>; anywhere else (SYSTEM, an admin, a remote session) Teams is not started.
    /// </summary>
    public sealed class TeamsLauncher
    {
        private readonly IMachine machine;

        public TeamsLauncher(IMachine machine)
        {
            this.machine = machine;
        }

        /// <summary>Why Teams cannot be started for <paramref name="user"/> from this session; null when it can.</summary>
        public string? WhyNotHere(TargetUser user)
        {
            var caller = machine.Users.GetCurrentIdentity();
            if (caller.Sid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase) && UserProcesses.IsTheirSession(machine, user, caller.SessionId))
            {
                return null;
            }

            return "it can only be started in the user's own session, and this runs as " + caller.UserName + " in session " + caller.SessionId;
        }

        /// <summary>Classic Teams through its Squirrel updater, new Teams (MSIX) by its AppUserModelID through the shell.</summary>
        public TeamsLaunchCommand CommandFor(TargetUser user, TeamsClient client) => client == TeamsClient.Classic
            ? new TeamsLaunchCommand(TeamsLayout.ClassicLauncherPath(user.Folders), TeamsLayout.ClassicLauncherArguments)
            : new TeamsLaunchCommand(Path.Combine(machine.WindowsPath, "explorer.exe"), TeamsLayout.NewTeamsAppsFolderTarget);

        /// <summary>Starts the command; false with the reason when Windows would not start it.</summary>
        public bool TryStart(TeamsLaunchCommand command, out int processId, out string problem)
        {
            processId = 0;
            problem = string.Empty;
            try
            {
                processId = machine.Processes.Start(command.Program, command.Arguments);
                return true;
            }
            catch (Exception e) when (e is InvalidOperationException || e is Win32Exception || e is IOException)
            {
                problem = e.Message;
                return false;
            }
        }
    }
}
