using System;

namespace TeamsRemediation.SessionLauncher
{
    /// <summary>A check refused to start anything; <see cref="ExitCode"/> is the launcher's exit code for it.</summary>
    internal sealed class LaunchRefusedException : Exception
    {
        public LaunchRefusedException(int exitCode, string message)
            : base(message)
        {
            ExitCode = exitCode;
        }

        public int ExitCode { get; }
    }
}
