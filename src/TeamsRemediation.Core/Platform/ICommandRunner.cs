using System;

namespace TeamsRemediation.Platform
{
    /// <summary>Runs an external program (dsregcmd, wevtutil, powershell.exe) with a timeout. Never throws for the program's own failures.</summary>
    public interface ICommandRunner
    {
        CommandResult Run(string fileName, string arguments, TimeSpan timeout);
    }

    public enum CommandOutcome
    {
        Completed,
        TimedOut,
        NotFound,
        FailedToStart,
    }

    public sealed class CommandResult
    {
        public CommandResult(CommandOutcome outcome, int exitCode, string standardOutput, string standardError)
        {
            Outcome = outcome;
            ExitCode = exitCode;
            StandardOutput = standardOutput ?? string.Empty;
            StandardError = standardError ?? string.Empty;
        }

        public CommandOutcome Outcome { get; }

        public int ExitCode { get; }

        public string StandardOutput { get; }

        public string StandardError { get; }

        public bool Succeeded => Outcome == CommandOutcome.Completed && ExitCode == 0;

        public static CommandResult Completed(int exitCode, string stdout, string stderr = "") =>
            new CommandResult(CommandOutcome.Completed, exitCode, stdout, stderr);

        public static CommandResult NotFound(string fileName) =>
            new CommandResult(CommandOutcome.NotFound, -1, string.Empty, fileName + " was not found.");

        public static CommandResult TimedOut(TimeSpan timeout) =>
            new CommandResult(CommandOutcome.TimedOut, -1, string.Empty, "No answer within " + timeout.TotalSeconds + " s.");

        /// <summary>One line for a report: what happened, without the whole output.</summary>
        public string Describe(string fileName)
        {
            switch (Outcome)
            {
                case CommandOutcome.TimedOut: return fileName + " did not finish in time. " + StandardError;
                case CommandOutcome.NotFound: return fileName + " is not on this machine.";
                case CommandOutcome.FailedToStart: return fileName + " could not start: " + StandardError;
                default: return fileName + " exited with code " + ExitCode + (StandardError.Length > 0 ? ": " + StandardError.Trim() : ".");
            }
        }
    }
}
