namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError ConfirmationNeedsForce(string command, string target, string action, System.Exception exception) => new ModuleError(
            "ConfirmationNeedsForce",
            ModuleErrorCategory.InvalidOperation,
            command + " asks before it does \"" + action + "\" on " + target + ", but this host has nobody to answer (" + exception.Message
                + "). That change and the ones after it were not made.",
            "For an unattended run (Intune, ConfigMgr, a scheduled task) add -Force; to see what it would do, add -WhatIf.",
            target,
            exception);
    }
}
