using TeamsRemediation.Errors;

namespace TeamsRemediation.Targets
{
    /// <summary>Why a requested user could not be a target. Terminating problems (bad input) stop the whole call before anything is done.</summary>
    public sealed class TargetProblem
    {
        public TargetProblem(ModuleError error, bool terminating)
        {
            Error = error;
            Terminating = terminating;
        }

        public ModuleError Error { get; }

        public bool Terminating { get; }
    }
}
