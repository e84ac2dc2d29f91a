namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError AnswerRecordFailed(string path, System.Exception exception) => new ModuleError(
            "AnswerRecordFailed",
            ModuleErrorCategory.WriteError,
            "The record of which cause this change answers could not be written to " + path + ": " + exception.Message
                + " Nothing was changed, because without the record the next detection would count the old evidence again and repair again.",
            "Free the disk, or have an administrator check %ProgramData%\\TeamsRemediation\\" + Answers.AnswerLedger.FolderName
                + " (it must be SYSTEM's and the Administrators' alone; delete it and the module creates it again), then run the command again.",
            path,
            exception);
    }
}
