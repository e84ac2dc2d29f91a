namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError WorkAccountStepFailed(string user, string step, string detail) => new ModuleError(
            "WorkAccountStepFailed",
            ModuleErrorCategory.InvalidOperation,
            "Reset-TeamsWorkAccount could not complete the " + step + " step for " + user + ": " + detail,
            "Read the step's Detail; fix what it names and run Reset-TeamsWorkAccount again (steps already done report NotNeeded).",
            user);
    }
}
